/**
 * Fault injection (docs/TRAIL.md, "Fault injection"): for each write flow — submission, publish,
 * answer edit, dispute decision, round commit, branch and member import commits — a clean run first measures
 * its writes (batches and single statements); then, FOR EVERY write w and EVERY statement k of
 * it, a fresh case fails D1 at (w, k) (./faulty-d1: statement k swapped for one that fails inside
 * SQLite, so D1 rolls back 1..k-1) and checks:
 * 1. nothing is half-written: every table equals its state just before the failed write (an
 *    import's earlier chunks are earlier writes: they stay, and only the import's own status
 *    may turn `failed`);
 * 2. the roll-ups equal a rebuild;
 * 3. the trail verifies, with seq 1..n and no gap;
 * 4. the client's retry (same body, same id or version) succeeds, appends exactly the events a
 *    clean run appends, keeps 2. and 3.; and a second retry answers the replay and changes nothing.
 * Then a failed import's retries: two at once finish it once; another file under its id writes nothing.
 */
import { env } from "cloudflare:test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { VERIFY_PAGE_SIZE, verifyChain } from "../../worker/data/audit-log";
import { chainPageQuery } from "../../worker/data/events";
import { CHUNK_ROWS } from "../../worker/data/imports";
import { rebuildRollups } from "../../worker/data/rollups";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { type ChainHead, eventHash } from "../../worker/domain/trail";
import { type Client, createOrganization, type PersonKey, type TestOrganization } from "./factory";
import { faulty, type WriteShape } from "./faulty-d1";
import { completeAnswers, db, expectOk, uniqueJpeg, uploadEvidence } from "./helpers";
import { planVisit, readVersion, report, submitReport, type Version } from "./report-helpers";
import { readRollups } from "./rollup-helpers";
import { roundBody } from "./round-helpers";

type AnyRes = Response | { status: number; text(): Promise<string> };

/** One case of a flow: who sends it, the request, and the answers of a first success and of a replay. */
interface Case {
  person: PersonKey;
  send: (as: Client) => Promise<AnyRes>;
  created: number;
  replay: number;
  /** Checks the retry's answer further (an import that answers 200 must also be finished). */
  accept?: (body: unknown) => void;
}

interface Flow {
  name: string;
  org: () => TestOrganization;
  /** Makes a fresh case (its own report, dispute, round id or file). */
  prepare: () => Promise<Case>;
}

/** Tables that change on any request (sign-in bookkeeping), not by the flows under test. */
const NOT_THE_FLOWS = new Set(["sessions", "rate_limit_hits", "login_attempts", "d1_migrations"]);

/**
 * Tables without `organization_id` read through their parent (the rest, `users` among them, are
 * read whole): a row of them cannot exist without its parent row.
 */
const CHILDREN: Record<string, string> = {
  organizations: "id = ?1",
  answers: "audit_id IN (SELECT id FROM audits WHERE organization_id = ?1)",
  evidence: "audit_id IN (SELECT id FROM audits WHERE organization_id = ?1)",
  dispute_items: "dispute_id IN (SELECT id FROM disputes WHERE organization_id = ?1)",
  membership_regions: "membership_id IN (SELECT id FROM memberships WHERE organization_id = ?1)",
  membership_branches: "membership_id IN (SELECT id FROM memberships WHERE organization_id = ?1)",
};

let tables: Array<{ name: string; scoped: boolean }> = [];

/**
 * Every table's rows (the organisation's, where a table has `organization_id`), as sorted JSON
 * lines; an import's `status` and `finished_at` are left out (a failed chunk marks it `failed`).
 */
async function snapshot(organizationId: string): Promise<Record<string, string[]>> {
  const reads = tables.map(({ name, scoped }) =>
    name === "events"
      ? // Append-only (triggers refuse UPDATE and DELETE): the same count and head is the same trail.
        env.DB.prepare(
          "SELECT count(*) AS n, max(seq) AS head, max(hash) FILTER (WHERE seq = (SELECT max(seq) FROM events WHERE organization_id = ?1)) AS hash FROM events WHERE organization_id = ?1",
        ).bind(organizationId)
      : scoped
        ? env.DB.prepare(`SELECT * FROM "${name}" WHERE organization_id = ?`).bind(organizationId)
        : CHILDREN[name]
          ? env.DB.prepare(`SELECT * FROM "${name}" WHERE ${CHILDREN[name]}`).bind(organizationId)
          : env.DB.prepare(`SELECT * FROM "${name}"`),
  );
  const results = await env.DB.batch<Record<string, unknown>>(reads);
  return Object.fromEntries(
    tables.map(({ name }, i) => [
      name,
      (results[i]?.results ?? [])
        .map((row) => {
          if (name !== "imports") return JSON.stringify(row);
          const { status: _s, finished_at: _f, ...rest } = row;
          return JSON.stringify(rest);
        })
        .sort(),
    ]),
  );
}

async function expectRollupsRebuilt(organizationId: string, label: string) {
  const incremental = await readRollups(organizationId);
  await rebuildRollups(db(), organizationId);
  expect(incremental, `${label}: the roll-ups equal a rebuild`).toEqual(await readRollups(organizationId));
}

/** Each organisation's last verified event: events are append-only (triggers), so what was verified stays so. */
const verified = new Map<string, ChainHead>();

/**
 * The trail verifies and its seqs are 1..n without a gap; answers n. The whole chain the first
 * time (and at each flow's end: `verifyChain`, as the API does), then from the last verified
 * event on: each new event's seq follows, its prev hash is the hash before, its hash recomputes.
 */
async function expectTrailWhole(organizationId: string, whole = false): Promise<number> {
  const checkpoint = whole ? undefined : verified.get(organizationId);
  if (!checkpoint) {
    const verdict = await verifyChain(db(), organizationId);
    expect(verdict).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(verdict.events).toBe(verdict.head?.seq ?? 0);
    if (verdict.head) verified.set(organizationId, verdict.head);
    return verdict.head?.seq ?? 0;
  }
  let head = checkpoint;
  for (;;) {
    const page = await chainPageQuery(db(), organizationId, head.seq, VERIFY_PAGE_SIZE);
    for (const event of page) {
      const { hash, ...content } = event;
      expect({ seq: event.seq, prevHash: event.prevHash, hash: await eventHash(content) }).toEqual({
        seq: head.seq + 1,
        prevHash: head.hash,
        hash,
      });
      head = { seq: event.seq, hash };
    }
    if (page.length < VERIFY_PAGE_SIZE) break;
  }
  const counted = await env.DB.prepare("SELECT count(*) AS n FROM events WHERE organization_id = ?")
    .bind(organizationId)
    .first<{ n: number }>();
  expect(counted?.n).toBe(head.seq);
  verified.set(organizationId, head);
  return head.seq;
}

async function headSeq(organizationId: string): Promise<number> {
  const row = await env.DB.prepare("SELECT max(seq) AS seq FROM events WHERE organization_id = ?")
    .bind(organizationId)
    .first<{ seq: number | null }>();
  return row?.seq ?? 0;
}

async function expectStatus(res: AnyRes, status: number) {
  if (res.status !== status) expect(`${res.status} ${await res.text()}`).toBe(String(status));
}

/** Runs a flow clean once (its writes' shapes), then every (write, statement) fault; answers the case count. */
async function exercise(flow: Flow): Promise<{ shapes: WriteShape[]; cases: number }> {
  const org = flow.org();
  const clean = await flow.prepare();
  const before = await expectTrailWhole(org.id);
  const measured = faulty(org.people[clean.person].cookie);
  await expectStatus(await clean.send(measured.as), clean.created);
  const eventsPerRun = (await expectTrailWhole(org.id)) - before;
  const shapes = measured.writes;
  expect(shapes.length).toBeGreaterThan(0);
  let cases = 0;
  for (const [w, shape] of shapes.entries()) {
    for (let k = 1; k <= shape.statements; k++) {
      const label = `${flow.name}: write ${w + 1} (${shape.statements} statements), fails at ${k}`;
      const c = await flow.prepare();
      const seqBefore = await headSeq(org.id);
      let beforeFault: Record<string, string[]> | null = null;
      const broken = faulty(org.people[c.person].cookie, {
        write: w + 1,
        statement: k,
        before: async () => {
          beforeFault = await snapshot(org.id);
        },
      });
      faulting = true;
      const res = await c.send(broken.as).finally(() => {
        faulting = false;
      });
      expect(res.status, label).toBe(500);
      expect(beforeFault, label).not.toBeNull();
      expect(broken.writes[w]?.statements, `${label}: the same shape as the clean run`).toBe(shape.statements);
      // 1. Nothing of the failed write is kept.
      expect(await snapshot(org.id), label).toEqual(beforeFault);
      // 2. and 3.
      await expectRollupsRebuilt(org.id, label);
      await expectTrailWhole(org.id);
      // 4. The retry completes it exactly once; a second retry changes nothing.
      const retry = org.as[c.person];
      const retried = await c.send(retry);
      await expectStatus(retried, c.created);
      if (c.accept) {
        const body: unknown = JSON.parse(await retried.text());
        expect(() => c.accept?.(body), `${label}: ${JSON.stringify(body)}`).not.toThrow();
      }
      await expectRollupsRebuilt(org.id, `${label}, retried`);
      expect((await expectTrailWhole(org.id)) - seqBefore, `${label}: events of the fault and the retry`).toBe(
        eventsPerRun,
      );
      const done = await snapshot(org.id);
      await expectStatus(await c.send(retry), c.replay);
      expect(await snapshot(org.id), `${label}: a second retry`).toEqual(done);
      cases++;
    }
  }
  await expectTrailWhole(org.id, true);
  return { shapes, cases };
}

let published: TestOrganization; // reports published on arrival
let disputing: TestOrganization; // the same, for disputes (a smaller organisation to rebuild)
let importing: TestOrganization; // branch imports (a published report at south1, which they move)
let reviewed: TestOrganization; // reports wait for a reviewer
let store: Version;

/** The app logs every failed request; the injected ones are expected (other errors still show). */
const log = console.error.bind(console);
const quiet = vi.spyOn(console, "error");
/** While a faulted request runs, its error log is expected. */
let faulting = false;
afterAll(() => quiet.mockRestore());

beforeAll(async () => {
  quiet.mockImplementation((...args: unknown[]) => {
    if (!faulting) log(...args);
  });
  [published, disputing, reviewed, importing] = await Promise.all([
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "none" }),
    createOrganization({ reviewPolicy: "all" }),
    createOrganization({ reviewPolicy: "none" }),
  ]);
  const assignment = await planVisit(importing, importing.versionIds.store, { branchId: importing.branchIds.south1 });
  const doc = (await readVersion(importing.as.admin, importing.versionIds.store)).document;
  await expectOk(
    await submitReport(importing.as.shopper, crypto.randomUUID(), report(assignment, completeAnswers(doc))),
    201,
  );
  // The branches the import flow renames, made once.
  const made = lines(
    BRANCH_HEADER,
    ...Array.from({ length: CHUNK_ROWS }, (_, i) => `F-${i},Fault ${i},故障${i},NORTH,store`),
  );
  await expectOk(await importFile(importing.as.admin, "branches", { dryRun: "false" }, made), 200);
  store = await readVersion(published.as.admin, published.versionIds.store);
  const rows = await env.DB.prepare(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string; sql: string }>();
  tables = rows.results
    .filter((t) => !NOT_THE_FLOWS.has(t.name))
    .map((t) => ({ name: t.name, scoped: /[`"\s]organization_id[`"\s]/.test(t.sql) }));
});

const BRANCH_HEADER = "code,name_en,name_zh,region,channel";
const lines = (...rows: string[]) => `${rows.join("\r\n")}\r\n`;

/** An import commit (or dry run) of a CSV file through the typed client. */
function importFile(
  as: Client,
  kind: "branches" | "members",
  query: { dryRun: "true" | "false"; id?: string },
  csv: string,
) {
  return as.api.v1.imports[kind].$post({ query }, { headers: { "content-type": "text/csv" }, init: { body: csv } });
}

/**
 * A report body for a new visit in `org` with one photo (uploaded first); with `failing`, that
 * many yes/no items answered no (with a comment), so a branch has something to dispute.
 */
async function newReport(org: TestOrganization, doc: ChecklistDocument, versionId: string, failing = 0) {
  const assignment = await planVisit(org, versionId);
  const { sha256 } = await uploadEvidence(org.people.shopper.cookie, uniqueJpeg());
  const items = doc.sections.flatMap((s) => s.items);
  const photo = items.find((i) => i.kind === "photo")?.key;
  if (!photo) throw new Error("no photo item");
  const fail = new Set(
    items
      .filter((i) => i.kind === "yes_no" && i.critical === "none" && i.evidenceOnFail !== "photo")
      .slice(0, failing)
      .map((i) => i.key),
  );
  const answers = completeAnswers(doc).map((a) =>
    fail.has(a.item) ? { ...a, value: false, comment: "Nobody did it." } : a,
  );
  return report(assignment, [...answers, { item: photo, evidence: [sha256] }]);
}

/** A report waiting in `reviewed`, claimed by its reviewer: answers its id and version. */
async function claimedReport() {
  const doc = (await readVersion(reviewed.as.admin, reviewed.versionIds.store)).document;
  const id = crypto.randomUUID();
  const body = await newReport(reviewed, doc, reviewed.versionIds.store);
  const audit = await expectOk(await submitReport(reviewed.as.shopper, id, body), 201);
  const claimed = await expectOk(
    await reviewed.as.reviewer.api.v1.audits[":id"].claim.$post({ param: { id }, json: { version: audit.version } }),
    200,
  );
  return { id, version: claimed.version, doc };
}

const flows: Flow[] = [
  {
    name: "submission (published on arrival)",
    org: () => published,
    prepare: async () => {
      const id = crypto.randomUUID();
      const body = await newReport(published, store.document, store.id);
      return { person: "shopper", send: (as) => submitReport(as, id, body), created: 201, replay: 200 };
    },
  },
  {
    name: "publish",
    org: () => reviewed,
    prepare: async () => {
      const { id, version } = await claimedReport();
      return {
        person: "reviewer",
        send: (as) => as.api.v1.audits[":id"].publish.$post({ param: { id }, json: { version } }),
        created: 200,
        replay: 409,
      };
    },
  },
  {
    name: "answer edit",
    org: () => reviewed,
    prepare: async () => {
      const { id, version, doc } = await claimedReport();
      const item = doc.sections
        .flatMap((s) => s.items)
        .find((i) => i.kind === "yes_no" && i.evidenceOnFail !== "photo");
      if (!item) throw new Error("no editable item");
      return {
        person: "reviewer",
        send: (as) =>
          as.api.v1.audits[":id"].answers[":itemKey"].$patch({
            param: { id, itemKey: item.key },
            json: { value: false, comment: "Nobody greeted me.", reason: "The photo shows it.", version },
          }),
        created: 200,
        replay: 409,
      };
    },
  },
  {
    name: "dispute decision (reshop)",
    org: () => disputing,
    prepare: async () => {
      const id = crypto.randomUUID();
      const body = await newReport(disputing, store.document, disputing.versionIds.store, 2);
      await expectOk(await submitReport(disputing.as.shopper, id, body), 201);
      const audit = await expectOk(await disputing.as.manager.api.v1.audits[":id"].$get({ param: { id } }), 200);
      const items = (audit.dispute?.disputable ?? []).slice(0, 2);
      expect(items.length).toBeGreaterThan(0);
      const dispute = await expectOk(
        await disputing.as.manager.api.v1.audits[":id"].disputes.$post({
          param: { id },
          json: { items: items.map((itemKey) => ({ itemKey, reason: "The camera shows it was done." })) },
        }),
        201,
      );
      return {
        person: "reviewer",
        send: (as) =>
          as.api.v1.disputes[":id"].decisions.$post({
            param: { id: dispute.id },
            json: {
              version: dispute.version,
              items: items.map((itemKey, i) => ({
                itemKey,
                outcome: i === 0 ? ("overturned" as const) : ("upheld" as const),
                reason: "Checked.",
              })),
              report: "reshop",
            },
          }),
        created: 200,
        replay: 409,
      };
    },
  },
  {
    name: "round commit",
    org: () => published,
    prepare: async () => {
      const json = roundBody(published);
      return { person: "admin", send: (as) => as.api.v1.rounds.$post({ json }), created: 201, replay: 200 };
    },
  },
  {
    name: "branch import commit (two chunks and a summary)",
    org: () => importing,
    prepare: async () => {
      // CHUNK_ROWS branches made before (beforeAll) renamed, two new ones, and a rename and a
      // move of south1 (with its published report) to the other region: the first chunk adds
      // the two and updates 498, the second updates the rest and moves south1 (rebuilding the
      // two regions' roll-ups); then the summary. The organisation grows by two branches a case.
      const t = crypto.randomUUID().slice(0, 6).toUpperCase();
      const south1 = await env.DB.prepare("SELECT region_id FROM branches WHERE id = ?")
        .bind(importing.branchIds.south1)
        .first<{ region_id: string }>();
      const to = south1?.region_id === importing.regionIds.south ? "EAST" : "SOUTH";
      const csv = lines(
        BRANCH_HEADER,
        `N${t}-1,New ${t},新${t},NORTH,store`,
        `N${t}-2,New ${t},新${t},EAST,store`,
        ...Array.from({ length: CHUNK_ROWS }, (_, i) => `F-${i},Fault ${i} ${t},故障${i},NORTH,store`),
        `NO-002,Zhongguancun ${t},中关村店${t},NORTH,store`,
        `SO-005,Tianhe,天河店,${to},store`,
      );
      const query = { dryRun: "false" as const, id: crypto.randomUUID() };
      const rows = CHUNK_ROWS + 4;
      return {
        person: "admin",
        send: (as) => importFile(as, "branches", query, csv),
        created: 200,
        replay: 200,
        accept: (body) =>
          expect(body).toMatchObject({ import: { status: "finished", rows, done: rows, toWrite: rows } }),
      };
    },
  },
  {
    name: "member import commit (one chunk and a summary)",
    org: () => reviewed,
    prepare: async () => {
      // Two new people (an account each, a membership, scope rows, an invitation) and a change
      // of role and scope to an existing member (back and forth between two regions).
      const t = crypto.randomUUID().slice(0, 6).toLowerCase();
      const member = reviewed.people.shopper3;
      const region = (memberCases++ % 2 === 0 ? "EAST" : "SOUTH") as string;
      const csv = lines(
        "邮箱,姓名,角色,区域,分店,语言",
        `new-${t}@example.test,王芳${t},shopper,,,zh`,
        `mgr-${t}@example.test,Li ${t},branch_manager,,NO-001;NO-002,en`,
        `${member.email},${member.displayName},regional_manager,${region},,zh`,
      );
      const query = { dryRun: "false" as const, id: crypto.randomUUID() };
      return {
        person: "admin",
        send: (as) => importFile(as, "members", query, csv),
        created: 200,
        replay: 200,
        accept: (body) => expect(body).toMatchObject({ import: { status: "finished", rows: 3, done: 3 } }),
      };
    },
  },
];
let memberCases = 0;

describe("fault injection: every statement of every write fails once, and the retry completes it exactly once", () => {
  for (const flow of flows) {
    it(flow.name, async () => {
      const { shapes, cases } = await exercise(flow);
      console.log(`${flow.name}: writes ${shapes.map((s) => s.statements).join(" + ")} → ${cases} cases`);
    }, 120_000);
  }
});

describe("a failed import's retries", () => {
  /** A three-branch import whose one chunk fails: the import is left `failed` with nothing of it written. */
  async function failedImport() {
    const t = crypto.randomUUID().slice(0, 6).toUpperCase();
    const csv = lines(BRANCH_HEADER, ...[1, 2, 3].map((i) => `R${t}-${i},Retry ${i},重试${i},NORTH,store`));
    const id = crypto.randomUUID();
    const query = { dryRun: "false" as const, id };
    const broken = faulty(importing.people.admin.cookie, { write: 2, statement: 1 });
    faulting = true;
    const res = await importFile(broken.as, "branches", query, csv).finally(() => {
      faulting = false;
    });
    expect(res.status).toBe(500);
    const row = await env.DB.prepare("SELECT status, done FROM imports WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "failed", done: 0 });
    return { id, csv, query, t };
  }

  async function eventsOf(id: string) {
    const rows = await env.DB.prepare(
      "SELECT type, count(*) AS n FROM events WHERE organization_id = ?1 AND (subject_id = ?2 OR payload ->> '$.importId' = ?2) GROUP BY type ORDER BY type",
    )
      .bind(importing.id, id)
      .all<{ type: string; n: number }>();
    return rows.results;
  }

  it("two at once: one takes it up, the other answers it as it stands; it finishes once", async () => {
    const { id, csv, query } = await failedImport();
    const answers = await Promise.all([1, 2].map(() => importFile(importing.as.admin, "branches", query, csv)));
    const statuses = await Promise.all(
      answers.map(async (res) => (await expectOk(res, 200)) as { import?: { status: string } }),
    );
    expect(statuses.map((s) => s.import?.status)).toContain("finished");
    const done = await expectOk(await importing.as.admin.api.v1.imports[":id"].$get({ param: { id } }), 200);
    expect(done).toMatchObject({ status: "finished", rows: 3, done: 3 });
    expect(await eventsOf(id)).toEqual([
      { type: "branch.created", n: 3 },
      { type: "import.committed", n: 1 },
    ]);
    await expectTrailWhole(importing.id, true);
  });

  it("another file under a failed import's id answers the failed import and writes nothing", async () => {
    const { id, query, t } = await failedImport();
    const other = lines(BRANCH_HEADER, `O${t}-1,Other,其他,NORTH,store`);
    const before = await snapshot(importing.id);
    const res = await expectOk(await importFile(importing.as.admin, "branches", query, other), 200);
    expect(res).toMatchObject({ import: { id, status: "failed", done: 0 } });
    expect(await snapshot(importing.id)).toEqual(before);
    expect(await eventsOf(id)).toEqual([]);
  });
});
