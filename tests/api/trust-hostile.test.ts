/**
 * Hostile input to the trust loop (disputes and corrective actions): wrong types, huge strings,
 * control characters, unknown fields, nested junk, bad versions, duplicate items, 10,000 items,
 * dates that do not exist, junk cursors and limits out of range, table-driven and random. Every
 * answer is a 4xx problem+json with a stable `code` (and per-field `errors` for
 * `validation_failed`), never a 5xx, and nothing changes: the rows' versions, the counts and the
 * trail's head are the same afterwards. Then double submissions: the same decision, the same
 * action change and the same dispute sent twice (in turn and at once) take effect exactly once.
 */
import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { actions, audits, disputes, events } from "../../schema";
import { rebuildRollups } from "../../worker/data/rollups";
import { addDays } from "../../worker/domain/actions";
import type { ProblemDocument } from "../../worker/lib/errors";
import { createOrganization, type TestOrganization } from "./factory";
import { api, db, expectOk, expectProblem, fieldErrors, uniqueJpeg, uploadEvidence } from "./helpers";
import { readRollups } from "./rollup-helpers";
import { ACTED_ON, branchToday, DISPUTED, publishedStoreReport, type TrustRows, trustRows } from "./trust-helpers";

/** An item the reports here met (no points lost): neither disputable nor actionable. */
const MET = "introduces_self";

let org: TestOrganization;
let other: TestOrganization;
/** north1: an open dispute (v1) of DISPUTED, a done action (v2) on ACTED_ON. */
let rows: TrustRows;
/** A published report with no dispute yet (raising on it reaches the item checks). */
let fresh: string;
/** An open action (v1) on `fresh`. */
let openAction: { id: string; version: number };
/** Photos the manager and the regional manager uploaded and have not cited. */
let managerPhoto: string;
let regionalPhoto: string;

beforeAll(async () => {
  [org, other] = await Promise.all([
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "none" }),
  ]);
  rows = await trustRows(org, "north1", org.people.manager);
  fresh = await publishedStoreReport(org, "north1");
  openAction = await expectOk(
    await org.as.manager.api.v1.actions.$post({
      json: {
        auditId: fresh,
        itemKeys: [ACTED_ON],
        title: "Smile at every customer",
        owner: { userId: org.people.manager.id },
        dueDate: addDays(branchToday(), 5),
      },
    }),
    201,
  );
  managerPhoto = (await uploadEvidence(org.people.manager.cookie, uniqueJpeg())).sha256;
  regionalPhoto = (await uploadEvidence(org.people.regional.cookie, uniqueJpeg())).sha256;
});

/** What must not move: every dispute and action (status, version), the reports, counts and the trail's head. */
async function state(o: TestOrganization = org) {
  const database = db();
  const [disputeRows, actionRows, auditRows, [head]] = await database.batch([
    database
      .select({ id: disputes.id, status: disputes.status, version: disputes.version })
      .from(disputes)
      .where(eq(disputes.organizationId, o.id))
      .orderBy(disputes.id),
    database
      .select({ id: actions.id, status: actions.status, version: actions.version, title: actions.title })
      .from(actions)
      .where(eq(actions.organizationId, o.id))
      .orderBy(actions.id),
    database
      .select({ id: audits.id, status: audits.status, version: audits.version, score: audits.score })
      .from(audits)
      .where(eq(audits.organizationId, o.id))
      .orderBy(audits.id),
    database.select({ seq: count() }).from(events).where(eq(events.organizationId, o.id)),
  ]);
  return { disputeRows, actionRows, auditRows, events: head?.seq ?? 0 };
}

/** A 4xx problem document with a stable code; `validation_failed` names each bad field. */
async function expectRefusal(res: Response): Promise<ProblemDocument> {
  const text = await res.text();
  expect(res.status, text).toBeGreaterThanOrEqual(400);
  expect(res.status, text).toBeLessThan(500);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = JSON.parse(text) as ProblemDocument;
  expect(problem.code).toMatch(/^[a-z_]+$/);
  expect(problem.type).toBe(`urn:courtesy:problem:${problem.code}`);
  if (problem.code === "validation_failed") {
    expect(problem.errors?.length, text).toBeGreaterThan(0);
    for (const error of problem.errors ?? []) {
      expect(typeof error.path).toBe("string");
      expect(error.code).toMatch(/^[a-z_]+$/);
      expect(error.message.length).toBeGreaterThan(0);
    }
  }
  return problem;
}

/** A raw request with `body` as given: a string goes as it is (malformed JSON), anything else as JSON. */
function send(method: string, path: string, cookie: string, body?: unknown) {
  return api(path, { method, cookie, body });
}

const long = (n: number) => "x".repeat(n);
const future = () => addDays(branchToday(), 3);

/** [name, body, status, code, field errors (`path:code`, sorted) or undefined to skip]. */
type Case = [string, unknown, number, string, string[]?];

describe("table-driven bodies: 4xx problem+json naming each field, nothing changes", () => {
  const raiseCases = (): Case[] => [
    ["not JSON", "{oops", 400, "malformed_json"],
    ["NaN in JSON", '{"items": NaN}', 400, "malformed_json"],
    ["null", null, 400, "validation_failed", [":invalid_type"]],
    ["an array", [], 400, "validation_failed", [":invalid_type"]],
    ["no items", {}, 400, "validation_failed", ["items:required"]],
    ["items empty", { items: [] }, 400, "validation_failed", ["items:too_small"]],
    ["items an object", { items: { itemKey: DISPUTED } }, 400, "validation_failed", ["items:invalid_type"]],
    ["an item null", { items: [null] }, 400, "validation_failed", ["items[0]:invalid_type"]],
    [
      "wrong types",
      { items: [{ itemKey: 7, reason: ["why"], evidence: 1 }] },
      400,
      "validation_failed",
      ["items[0].evidence:invalid_type", "items[0].itemKey:invalid_type", "items[0].reason:invalid_type"],
    ],
    [
      "unknown and nested fields",
      { items: [{ itemKey: DISPUTED, reason: "ok", score: { $gt: 0 } }], branchId: other.branchIds.north1 },
      400,
      "validation_failed",
      ["branchId:unknown_field", "items[0].score:unknown_field"],
    ],
    [
      "a reason over 2,000 characters",
      { items: [{ itemKey: DISPUTED, reason: long(2001) }] },
      400,
      "validation_failed",
      ["items[0].reason:too_big"],
    ],
    [
      "a blank reason",
      { items: [{ itemKey: DISPUTED, reason: " \n\t " }] },
      400,
      "validation_failed",
      ["items[0].reason:too_small"],
    ],
    [
      "control characters in the reason",
      { items: [{ itemKey: DISPUTED, reason: "Looks\u0000fine\u001b[31m" }] },
      400,
      "validation_failed",
      ["items[0].reason:invalid_characters"],
    ],
    [
      "an item key of 65 characters",
      { items: [{ itemKey: long(65), reason: "ok" }] },
      400,
      "validation_failed",
      ["items[0].itemKey:too_big"],
    ],
    [
      "a photo that is not a SHA-256",
      { items: [{ itemKey: DISPUTED, reason: "ok", evidence: "A".repeat(64) }] },
      400,
      "validation_failed",
      ["items[0].evidence:invalid_format"],
    ],
    [
      "51 items",
      { items: Array.from({ length: 51 }, () => ({ itemKey: DISPUTED, reason: "ok" })) },
      400,
      "validation_failed",
      ["items:too_big"],
    ],
    [
      "10,000 items",
      { items: Array.from({ length: 10_000 }, () => ({ itemKey: DISPUTED, reason: "ok" })) },
      400,
      "validation_failed",
      ["items:too_big"],
    ],
    [
      "the same item twice",
      {
        items: [
          { itemKey: DISPUTED, reason: "ok" },
          { itemKey: DISPUTED, reason: "again" },
        ],
      },
      400,
      "validation_failed",
      ["items[1].itemKey:taken"],
    ],
    [
      "an unknown item, a control character for a key, an item that lost no points",
      {
        items: [
          { itemKey: "no_such_item", reason: "ok" },
          { itemKey: "\u0000", reason: "ok" },
          { itemKey: MET, reason: "ok" },
        ],
      },
      400,
      "validation_failed",
      ["items[0].itemKey:unknown_reference", "items[1].itemKey:unknown_reference", "items[2].itemKey:not_allowed"],
    ],
    [
      "a photo nobody uploaded, one of another member, and an own photo on an item that lost no points",
      {
        items: [
          { itemKey: DISPUTED, reason: "ok", evidence: "0".repeat(64) },
          { itemKey: ACTED_ON, reason: "ok", evidence: regionalPhoto },
          { itemKey: MET, reason: "ok", evidence: managerPhoto },
        ],
      },
      400,
      "validation_failed",
      ["items[0].evidence:required", "items[1].evidence:required", "items[2].itemKey:not_allowed"],
    ],
  ];

  const decideCases = (): Case[] => {
    const item = { itemKey: DISPUTED, outcome: "overturned", reason: "Seen." };
    return [
      ["not JSON", "{oops", 400, "malformed_json"],
      ["NaN version", `{"version": NaN, "items": []}`, 400, "malformed_json"],
      ["no version", { items: [item] }, 400, "validation_failed", ["version:required"]],
      ["version -1", { version: -1, items: [item] }, 400, "validation_failed", ["version:too_small"]],
      ["version 0", { version: 0, items: [item] }, 400, "validation_failed", ["version:too_small"]],
      ["version 1.5", { version: 1.5, items: [item] }, 400, "validation_failed", ["version:invalid_type"]],
      ["version as text", { version: "1", items: [item] }, 400, "validation_failed", ["version:invalid_type"]],
      ["version null", { version: null, items: [item] }, 400, "validation_failed", ["version:invalid_type"]],
      ["version 2^31", { version: 2 ** 31, items: [item] }, 400, "validation_failed", ["version:too_big"]],
      ["version 1e400", `{"version": 1e400, "items": []}`, 400, "validation_failed"],
      [
        "an unknown outcome",
        { version: 1, items: [{ ...item, outcome: "void" }] },
        400,
        "validation_failed",
        ["items[0].outcome:invalid_value"],
      ],
      [
        "an unknown report outcome",
        { version: 1, items: [item], report: "delete" },
        400,
        "validation_failed",
        ["report:invalid_value"],
      ],
      [
        "unknown fields",
        { version: 1, items: [{ ...item, ruling: "met" }], decidedBy: "me" },
        400,
        "validation_failed",
        ["decidedBy:unknown_field", "items[0].ruling:unknown_field"],
      ],
      [
        "nested junk",
        { version: { $ne: 0 }, items: [[[[]]]] },
        400,
        "validation_failed",
        ["items[0]:invalid_type", "version:invalid_type"],
      ],
      [
        "a reason over 2,000",
        { version: 1, items: [{ ...item, reason: long(2001) }] },
        400,
        "validation_failed",
        ["items[0].reason:too_big"],
      ],
      [
        "a reason of control characters",
        { version: 1, items: [{ ...item, reason: "\u0007\u0008" }] },
        400,
        "validation_failed",
        ["items[0].reason:invalid_characters"],
      ],
      ["no items", { version: 1, items: [] }, 400, "validation_failed", ["items:too_small"]],
      [
        "51 items",
        { version: 1, items: Array.from({ length: 51 }, () => item) },
        400,
        "validation_failed",
        ["items:too_big"],
      ],
      [
        "10,000 items (over the body limit)",
        { version: 1, items: Array.from({ length: 10_000 }, () => item) },
        413,
        "payload_too_large",
      ],
      [
        "the same item twice",
        { version: 1, items: [item, { ...item, outcome: "upheld" }] },
        400,
        "validation_failed",
        ["items[1].itemKey:taken"],
      ],
      [
        "an item not disputed",
        { version: 1, items: [item, { ...item, itemKey: ACTED_ON }] },
        400,
        "validation_failed",
        ["items[1].itemKey:unknown_reference"],
      ],
      [
        "the disputed item left out",
        { version: 1, items: [{ ...item, itemKey: MET }] },
        400,
        "validation_failed",
        ["items:required", "items[0].itemKey:unknown_reference"],
      ],
      ["a stale version", { version: 2, items: [item] }, 409, "stale_version"],
    ];
  };

  const createCases = (): Case[] => {
    const valid = {
      auditId: fresh,
      itemKeys: [DISPUTED],
      title: "Greet everyone",
      owner: { name: "Shift lead" },
      dueDate: future(),
    };
    return [
      ["not JSON", "{oops", 400, "malformed_json"],
      [
        "empty",
        {},
        400,
        "validation_failed",
        ["auditId:required", "dueDate:required", "itemKeys:required", "owner:required", "title:required"],
      ],
      [
        "wrong types",
        { auditId: 1, itemKeys: "a", title: 2, owner: "me", dueDate: 20260101 },
        400,
        "validation_failed",
        [
          "auditId:invalid_type",
          "dueDate:invalid_type",
          "itemKeys:invalid_type",
          "owner:invalid_value",
          "title:invalid_type",
        ],
      ],
      ["2026-02-30", { ...valid, dueDate: "2026-02-30" }, 400, "validation_failed", ["dueDate:invalid_value"]],
      ["2026-13-01", { ...valid, dueDate: "2026-13-01" }, 400, "validation_failed", ["dueDate:invalid_value"]],
      [
        "tomorrow",
        { ...valid, dueDate: "tomorrow" },
        400,
        "validation_failed",
        ["dueDate:invalid_format", "dueDate:invalid_value"],
      ],
      [
        "an ISO time",
        { ...valid, dueDate: `${future()}T00:00:00Z` },
        400,
        "validation_failed",
        ["dueDate:invalid_format", "dueDate:invalid_value"],
      ],
      [
        "yesterday",
        { ...valid, dueDate: addDays(branchToday(), -1) },
        400,
        "validation_failed",
        ["dueDate:not_allowed"],
      ],
      ["no items", { ...valid, itemKeys: [] }, 400, "validation_failed", ["itemKeys:too_small"]],
      [
        "21 items",
        { ...valid, itemKeys: Array.from({ length: 21 }, (_, i) => `k${i}`) },
        400,
        "validation_failed",
        ["itemKeys:too_big"],
      ],
      [
        "10,000 items",
        { ...valid, itemKeys: Array.from({ length: 10_000 }, () => "k") },
        400,
        "validation_failed",
        ["itemKeys:too_big"],
      ],
      [
        "the same item twice",
        { ...valid, itemKeys: [DISPUTED, DISPUTED] },
        400,
        "validation_failed",
        ["itemKeys:taken"],
      ],
      ["a blank item", { ...valid, itemKeys: ["   "] }, 400, "validation_failed", ["itemKeys[0]:too_small"]],
      [
        "unknown and met items",
        { ...valid, itemKeys: ["no_such_item", MET] },
        400,
        "validation_failed",
        ["itemKeys[0]:unknown_reference", "itemKeys[1]:not_allowed"],
      ],
      ["a title over 500", { ...valid, title: long(501) }, 400, "validation_failed", ["title:too_big"]],
      [
        "a title with a line break",
        { ...valid, title: "Greet\neveryone" },
        400,
        "validation_failed",
        ["title:invalid_characters"],
      ],
      [
        "an owner with both",
        { ...valid, owner: { name: "A", userId: org.people.manager.id } },
        400,
        "validation_failed",
      ],
      ["an empty owner", { ...valid, owner: {} }, 400, "validation_failed"],
      [
        "an owner who cannot see actions",
        { ...valid, owner: { userId: org.people.shopper.id } },
        400,
        "validation_failed",
        ["owner.userId:unknown_reference"],
      ],
      [
        "an owner of another organisation",
        { ...valid, owner: { userId: other.people.manager.id } },
        400,
        "validation_failed",
        ["owner.userId:unknown_reference"],
      ],
      ["an owner's name of control characters", { ...valid, owner: { name: "\u0000" } }, 400, "validation_failed"],
      [
        "unknown fields",
        { ...valid, status: "verified", organizationId: other.id },
        400,
        "validation_failed",
        ["organizationId:unknown_field", "status:unknown_field"],
      ],
      ["another organisation's report", { ...valid, auditId: rowsOfOther().auditId }, 404, "not_found"],
      ["a body over 64 KB", { ...valid, title: long(70_000) }, 413, "payload_too_large"],
    ];
  };

  const patchCases = (): Case[] => [
    ["not JSON", "{oops", 400, "malformed_json"],
    ["no version", { title: "New" }, 400, "validation_failed", ["version:required"]],
    ["version -1", { version: -1, title: "New" }, 400, "validation_failed", ["version:too_small"]],
    ["version as text", { version: "1", title: "New" }, 400, "validation_failed", ["version:invalid_type"]],
    ["nothing to change", { version: 1 }, 400, "validation_failed", ["status:required"]],
    [
      "an unknown status",
      { version: 1, status: "verified_by_visit" },
      400,
      "validation_failed",
      ["status:invalid_value"],
    ],
    ["done without a note", { version: 1, status: "done" }, 400, "validation_failed", ["note:required"]],
    ["back to open without a reason", { version: 1, status: "open" }, 400, "validation_failed", ["reason:required"]],
    ["a note without done", { version: 1, title: "New", note: "n" }, 400, "validation_failed", ["note:not_allowed"]],
    [
      "a reason without open",
      { version: 1, status: "done", note: "n", reason: "r" },
      400,
      "validation_failed",
      ["reason:not_allowed"],
    ],
    ["2026-02-30", { version: 1, dueDate: "2026-02-30" }, 400, "validation_failed", ["dueDate:invalid_value"]],
    [
      "a due date in the past",
      { version: 1, dueDate: "2000-01-01" },
      400,
      "validation_failed",
      ["dueDate:not_allowed"],
    ],
    ["title null", { version: 1, title: null }, 400, "validation_failed", ["title:invalid_type"]],
    ["an empty title", { version: 1, title: "  " }, 400, "validation_failed", ["title:too_small"]],
    ["a note of 2,001", { version: 1, status: "done", note: long(2001) }, 400, "validation_failed", ["note:too_big"]],
    [
      "a note with NUL",
      { version: 1, status: "done", note: "ok\u0000" },
      400,
      "validation_failed",
      ["note:invalid_characters"],
    ],
    [
      "a photo nobody uploaded",
      { version: 1, status: "done", note: "n", evidence: "f".repeat(64) },
      400,
      "validation_failed",
      ["evidence:required"],
    ],
    [
      "a photo that is not a SHA-256",
      { version: 1, status: "done", note: "n", evidence: "../../etc/passwd" },
      400,
      "validation_failed",
      ["evidence:invalid_format"],
    ],
    [
      "an owner who may not own",
      { version: 1, owner: { userId: org.people.reviewer.id } },
      400,
      "validation_failed",
      ["owner.userId:unknown_reference"],
    ],
    [
      "unknown fields",
      { version: 1, title: "New", recurrences: 0, closedAt: 1 },
      400,
      "validation_failed",
      ["closedAt:unknown_field", "recurrences:unknown_field"],
    ],
    ["a stale version", { version: 7, title: "New" }, 409, "stale_version"],
    ["a manager verifying", { version: 1, status: "verified" }, 403, "forbidden"],
  ];

  let otherRows: TrustRows;
  const rowsOfOther = () => otherRows;
  beforeAll(async () => {
    otherRows = await trustRows(other, "north1", other.people.manager);
  });

  const endpoints = [
    {
      name: "POST /audits/:id/disputes",
      method: "POST",
      path: () => `/api/v1/audits/${fresh}/disputes`,
      who: "manager",
      cases: raiseCases,
    },
    {
      name: "POST /disputes/:id/decisions",
      method: "POST",
      path: () => `/api/v1/disputes/${rows.disputeId}/decisions`,
      who: "reviewer",
      cases: decideCases,
    },
    { name: "POST /actions", method: "POST", path: () => "/api/v1/actions", who: "manager", cases: createCases },
    {
      name: "PATCH /actions/:id",
      method: "PATCH",
      path: () => `/api/v1/actions/${openAction.id}`,
      who: "manager",
      cases: patchCases,
    },
  ] as const;

  it.each(endpoints)("$name", async ({ method, path, who, cases }) => {
    const before = await state();
    for (const [name, body, status, code, errors] of cases()) {
      const res = await send(method, path(), org.people[who].cookie, body);
      const problem = await expectRefusal(res);
      expect({ name, status: res.status, code: problem.code }).toEqual({ name, status, code });
      if (errors) expect({ name, errors: fieldErrors(problem) }).toEqual({ name, errors: [...errors].sort() });
    }
    expect(await state()).toEqual(before);
  });
});

describe("table-driven queries: 4xx problem+json naming each parameter", () => {
  /** [query, field errors (`path:code`, sorted)]: each is 400 validation_failed. */
  const LISTS: Array<[string, string[]]> = [
    ["limit=0", ["limit:too_small"]],
    ["limit=101", ["limit:too_big"]],
    ["limit=-1", ["limit:too_small"]],
    ["limit=1e3", ["limit:too_big"]],
    ["limit=1.5", ["limit:invalid_type"]],
    ["limit=abc", ["limit:invalid_type"]],
    ["limit=", ["limit:too_small"]],
    ["cursor=junk", ["cursor:invalid_format"]],
    ["cursor=", ["cursor:invalid_format"]],
    [`cursor=${long(130)}`, ["cursor:invalid_format", "cursor:too_big"]],
    ["status=closed", ["status:invalid_value"]],
    ["status=open&status=decided", ["status:invalid_value"]],
    ["branchId=", ["branchId:too_small"]],
    [`regionId=${long(65)}`, ["regionId:too_big"]],
    ["bogus=1&__proto__=x", ["__proto__:unknown_field", "bogus:unknown_field"]],
  ];
  const DISPUTE_CURSORS: Array<[string, string[]]> = [
    ["cursor=1.", ["cursor:invalid_format"]],
    ["cursor=.x", ["cursor:invalid_format"]],
    ["cursor=1234567890123456.x", ["cursor:invalid_format"]],
    ["cursor=1.a.b", ["cursor:invalid_format"]],
    ["cursor=1.%00", ["cursor:invalid_format"]],
    ["cursor=1.%1B%5B31m", ["cursor:invalid_format"]],
  ];
  const ACTION_CURSORS: Array<[string, string[]]> = [
    ["cursor=2.2026-01-01.x", ["cursor:invalid_format"]],
    ["cursor=1.2026-1-01.x", ["cursor:invalid_format"]],
    ["cursor=1.2026-01-01.", ["cursor:invalid_format"]],
    ["cursor=1.2026-02-30.x", ["cursor:invalid_format"]],
    ["cursor=0.9999-99-99.x", ["cursor:invalid_format"]],
    ["cursor=0.2026-01-01.%00", ["cursor:invalid_format"]],
    ["overdue=yes", ["overdue:invalid_value"]],
    ["overdue=", ["overdue:invalid_value"]],
  ];
  const FIGURES: Array<[string, string, string[]]> = [
    ["/api/v1/disputes/figures", "groupBy=region", ["groupBy:invalid_value"]],
    ["/api/v1/disputes/figures", "from=2026-13", ["from:invalid_format"]],
    ["/api/v1/disputes/figures", "from=2026-1", ["from:invalid_format"]],
    ["/api/v1/disputes/figures", "to=2026-00", ["to:invalid_format"]],
    ["/api/v1/disputes/figures", "from=2026-02-30", ["from:invalid_format"]],
    ["/api/v1/disputes/figures", "from=2026-05&to=2026-01", ["to:invalid_value"]],
    ["/api/v1/disputes/figures", "branchId=&bogus=1", ["bogus:unknown_field", "branchId:too_small"]],
    ["/api/v1/actions/figures", "groupBy=planet", ["groupBy:invalid_value"]],
    ["/api/v1/actions/figures", "groupBy=shopper", ["groupBy:invalid_value"]],
    ["/api/v1/actions/figures", `regionId=${long(65)}&x=1`, ["regionId:too_big", "x:unknown_field"]],
  ];
  const cases = [
    ...[...LISTS, ...DISPUTE_CURSORS].map(([query, errors]) => ["/api/v1/disputes", query, errors] as const),
    ...[...LISTS, ...ACTION_CURSORS]
      .filter(([query]) => !query.startsWith("status=open&status=decided"))
      .map(([query, errors]) => ["/api/v1/actions", query, errors] as const),
    ...FIGURES,
  ];

  it.each(cases)("%s?%s", async (path, query, errors) => {
    for (const who of ["admin", "manager"] as const) {
      const problem = await expectProblem(
        await api(`${path}?${query}`, { cookie: org.people[who].cookie }),
        400,
        "validation_failed",
      );
      expect(fieldErrors(problem)).toEqual([...errors].sort());
    }
  });

  it("the farthest months a figures query can name are answered, not a 500", async () => {
    for (const query of ["from=0000-01&to=9999-12", "from=9999-12", "to=9999-12", "from=0001-01"]) {
      for (const groupBy of ["branch", "shopper"]) {
        const res = await api(`/api/v1/disputes/figures?groupBy=${groupBy}&${query}`, {
          cookie: org.people.admin.cookie,
        });
        expect(res.status, `${query}: ${await res.clone().text()}`).toBe(200);
        const body = (await res.json()) as { from: string; to: string; rows: unknown[] };
        expect(body.from <= body.to).toBe(true);
      }
    }
    // The same month end (lastDayOf 9999-12) was a 500 in the scorecards too.
    const league = await api("/api/v1/scorecards/league?from=9999-12-01", { cookie: org.people.admin.cookie });
    expect(league.status).toBe(200);
    await league.body?.cancel();
  });
});

describe("random bodies, queries and paths (fast-check): never a 5xx, nothing changes", () => {
  const junk = fc.jsonValue({ maxDepth: 3 });
  const text = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom("", " ", "\u0000", "\u202e", "2026-02-30", DISPUTED, ACTED_ON, MET, "0".repeat(64), long(2001)),
  );
  const either = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, junk);
  /** Never the version the rows are at (1): a body that happens to be valid is refused as stale. */
  const staleVersion = fc.oneof(
    fc.integer().filter((v) => v !== 1),
    fc.constantFrom(-1, 0, 1.5, 2 ** 31, "1", null),
  );
  const extra = fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 2 });
  const withExtra = <T extends object>(arb: fc.Arbitrary<T>) =>
    fc.tuple(arb, extra).map(([body, more]) => ({ ...more, ...body }));

  const raiseBody = withExtra(
    fc.record(
      {
        items: either(
          fc.array(
            fc.record({ itemKey: either(text), reason: either(text), evidence: either(text) }, { requiredKeys: [] }),
            {
              maxLength: 60,
            },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
  );
  const decideBody = withExtra(
    fc.record(
      {
        version: staleVersion,
        items: either(
          fc.array(
            fc.record(
              {
                itemKey: either(text),
                outcome: either(fc.constantFrom("upheld", "not_applicable", "overturned")),
                reason: either(text),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 60 },
          ),
        ),
        report: either(fc.constantFrom("void", "reshop")),
      },
      { requiredKeys: [] },
    ),
  );
  const badDate = fc.oneof(text, fc.constantFrom("2026-02-30", "2026-13-01", "0000-00-00", "2000-01-01"));
  const owner = either(fc.record({ userId: either(text), name: either(text) }, { requiredKeys: [] }));
  const createBody = () =>
    withExtra(
      fc.record(
        {
          auditId: either(fc.constantFrom(fresh, rows.auditId, "no-such-report")),
          itemKeys: either(fc.array(either(text), { maxLength: 30 })),
          title: either(text),
          owner,
          dueDate: badDate,
        },
        { requiredKeys: [] },
      ),
    );
  const patchBody = withExtra(
    fc.record(
      {
        version: staleVersion,
        status: either(fc.constantFrom("done", "verified", "open", "verified_by_visit")),
        note: either(text),
        reason: either(text),
        evidence: either(text),
        title: either(text),
        owner,
        dueDate: either(badDate),
      },
      { requiredKeys: [] },
    ),
  );

  it("bodies for raise (on a report with an open dispute), decide, create and patch", async () => {
    const before = await state();
    const targets = [
      { method: "POST", path: `/api/v1/audits/${rows.auditId}/disputes`, who: "manager", body: raiseBody },
      { method: "POST", path: `/api/v1/disputes/${rows.disputeId}/decisions`, who: "reviewer", body: decideBody },
      { method: "POST", path: "/api/v1/actions", who: "manager", body: createBody() },
      { method: "PATCH", path: `/api/v1/actions/${openAction.id}`, who: "manager", body: patchBody },
    ] as const;
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(target.body as fc.Arbitrary<unknown>, async (body) => {
          await expectRefusal(await send(target.method, target.path, org.people[target.who].cookie, body));
        }),
        { numRuns: 120 },
      );
    }
    expect(await state()).toEqual(before);
  });

  it("queries of the lists and figures, and path segments of every row route", async () => {
    const before = await state();
    const check = async (res: Response) => {
      if (res.status >= 400) await expectRefusal(res);
      else {
        expect(res.status).toBe(200);
        await res.body?.cancel();
      }
    };
    const keys = fc.constantFrom(
      "status",
      "branchId",
      "regionId",
      "cursor",
      "limit",
      "overdue",
      "groupBy",
      "from",
      "to",
      "x",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/api/v1/disputes", "/api/v1/disputes/figures", "/api/v1/actions", "/api/v1/actions/figures"),
        fc.dictionary(keys, text, { maxKeys: 4 }),
        fc.constantFrom("admin", "analyst", "regional", "manager"),
        async (path, query, who) => {
          await check(await api(`${path}?${new URLSearchParams(query)}`, { cookie: org.people[who].cookie }));
        },
      ),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 70 }), fc.string({ maxLength: 70 }), async (a, b) => {
        const [x, y] = [encodeURIComponent(a), encodeURIComponent(b)];
        const cookie = org.people.admin.cookie;
        for (const path of [
          `/api/v1/disputes/${x}`,
          `/api/v1/disputes/${x}/evidence/${y}`,
          `/api/v1/actions/${x}`,
          `/api/v1/actions/${x}/evidence/${y}`,
        ]) {
          await check(await api(path, { cookie }));
        }
      }),
      { numRuns: 80 },
    );
    expect(await state()).toEqual(before);
  });
});

describe("double submissions take effect exactly once", () => {
  /** How many events of `type` the organisation's trail holds about `subjectId`. */
  async function eventsOf(type: string, subjectId: string): Promise<number> {
    const [row] = await db()
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.type, type), eq(events.subjectId, subjectId)));
    return row?.n ?? 0;
  }

  async function expectRollupsRebuilt() {
    const incremental = await readRollups(org.id);
    await rebuildRollups(db(), org.id);
    expect(await readRollups(org.id)).toEqual(incremental);
  }

  async function openDispute() {
    const auditId = await publishedStoreReport(org, "north1");
    const dispute = await expectOk(
      await org.as.manager.api.v1.audits[":id"].disputes.$post({
        param: { id: auditId },
        json: { items: [{ itemKey: DISPUTED, reason: "The camera shows it." }] },
      }),
      201,
    );
    return { auditId, dispute };
  }

  const decision = (version: number) => ({
    version,
    items: [{ itemKey: DISPUTED, outcome: "overturned" as const, reason: "The footage shows the greeting." }],
  });
  const decide = (id: string, json: ReturnType<typeof decision>) =>
    org.as.reviewer.api.v1.disputes[":id"].decisions.$post({ param: { id }, json });

  it("the same decision twice in turn: the second is 409 stale_version, then invalid_state; one dispute.decided", async () => {
    const { auditId, dispute } = await openDispute();
    const first = await expectOk(await decide(dispute.id, decision(1)), 200);
    expect(first).toMatchObject({ status: "decided", version: 2 });
    expect(await expectProblem(await decide(dispute.id, decision(1)), 409, "stale_version")).toMatchObject({
      version: 2,
    });
    await expectProblem(await decide(dispute.id, decision(2)), 409, "invalid_state");
    expect(await eventsOf("dispute.decided", dispute.id)).toBe(1);
    expect(await eventsOf("audit.ruled", auditId)).toBe(1);
    await expectRollupsRebuilt();
  });

  it("the same decision twice at once (a double click): one 200, one 409, the score moves once", async () => {
    const { auditId, dispute } = await openDispute();
    const before = (await state()).auditRows.find((a) => a.id === auditId);
    const answers = await Promise.all([decide(dispute.id, decision(1)), decide(dispute.id, decision(1))]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = (await state()).auditRows.find((a) => a.id === auditId);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(await eventsOf("dispute.decided", dispute.id)).toBe(1);
    expect(await eventsOf("audit.ruled", auditId)).toBe(1);
    await expectRollupsRebuilt();
  });

  async function newAction() {
    return expectOk(
      await org.as.manager.api.v1.actions.$post({
        json: {
          auditId: fresh,
          itemKeys: [DISPUTED],
          title: "Greet within ten seconds",
          owner: { name: "Shift lead" },
          dueDate: addDays(branchToday(), 4),
        },
      }),
      201,
    );
  }
  const patch = (id: string, json: { version: number; status?: "done"; note?: string; title?: string }) =>
    org.as.manager.api.v1.actions[":id"].$patch({ param: { id }, json });

  it("the same action change twice in turn: the second is 409 stale_version; one action.done", async () => {
    const action = await newAction();
    const done = { version: 1, status: "done" as const, note: "Briefed the team." };
    expect(await expectOk(await patch(action.id, done), 200)).toMatchObject({ status: "done", version: 2 });
    expect(await expectProblem(await patch(action.id, done), 409, "stale_version")).toMatchObject({ version: 2 });
    expect(await eventsOf("action.done", action.id)).toBe(1);
  });

  it("the same action change twice at once: one 200, one 409; one event each", async () => {
    const action = await newAction();
    const done = { version: 1, status: "done" as const, note: "Briefed the team." };
    const answers = await Promise.all([patch(action.id, done), patch(action.id, done)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await eventsOf("action.done", action.id)).toBe(1);
    const renamed = { version: 2, title: "Greet within five seconds" };
    const edits = await Promise.all([patch(action.id, renamed), patch(action.id, renamed)]);
    expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await eventsOf("action.changed", action.id)).toBe(1);
    const read = await expectOk(await org.as.manager.api.v1.actions[":id"].$get({ param: { id: action.id } }), 200);
    expect(read).toMatchObject({ version: 3, status: "done", title: "Greet within five seconds" });
  });

  it("the same dispute raised several times at once: one 201, the rest 409 dispute_open; one dispute", async () => {
    const auditId = await publishedStoreReport(org, "north1");
    const json = { items: [{ itemKey: DISPUTED, reason: "The camera shows it." }] };
    const raise = () => org.as.manager.api.v1.audits[":id"].disputes.$post({ param: { id: auditId }, json });
    const answers = await Promise.all([raise(), raise(), raise(), raise()]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    for (const res of answers.filter((r) => (r.status as number) !== 201))
      await expectProblem(res, 409, "dispute_open");
    const raised = await db().select({ id: disputes.id }).from(disputes).where(eq(disputes.auditId, auditId));
    expect(raised).toHaveLength(1);
    expect(await eventsOf("dispute.raised", raised[0]?.id ?? "")).toBe(1);
    const report = await expectOk(await org.as.manager.api.v1.audits[":id"].$get({ param: { id: auditId } }), 200);
    expect(report.disputes.map((d) => d.id)).toEqual([raised[0]?.id]);
  });
});
