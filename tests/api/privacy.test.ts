/**
 * Privacy settings and staff names (docs/PRIVACY.md), in workerd against D1: the organisation's
 * privacy settings (admins, version-guarded, recorded old → new, field errors per field); a
 * report's staff name kept at arrival as the policy allows and shown by today's policy in the
 * report, the CSV export and `/me`; a retry of the same body stays the same report.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { audits, events } from "../../schema";
import { parseCsv } from "../csv-parse";
import { type Client, createOrganization, type TestOrganization } from "./factory";
import { completeAnswers, db, expectOk, expectProblem, fieldErrors, putAudit } from "./helpers";
import { planVisit, readAudit, readVersion, report, submitReport } from "./report-helpers";

let org: TestOrganization;

beforeAll(async () => {
  org = await createOrganization({ reviewPolicy: "none" });
});

async function settings(as: Client = org.as.admin) {
  return expectOk(await as.api.v1.organization.$get(), 200);
}

async function setPolicy(patch: {
  staffNames?: "allowed" | "initials" | "role_only";
  fixRetentionDays?: number;
}): Promise<void> {
  const { version } = await settings();
  await expectOk(await org.as.admin.api.v1.organization.$patch({ json: { version, ...patch } }), 200);
}

describe("privacy settings", () => {
  it("start at the documented defaults, and everyone who reads the settings sees them", async () => {
    const s = await settings(org.as.manager);
    expect(s).toMatchObject({
      staffNames: "role_only",
      fixRetentionDays: 90,
      photoRetentionDays: 730,
      reportRetentionDays: 1825,
      requireTwoFactor: false,
      contactRetentionDays: 180,
    });
  });

  it("admins change them with the version, recorded old → new; others are refused", async () => {
    const before = await settings();
    const changed = await expectOk(
      await org.as.admin.api.v1.organization.$patch({
        json: {
          version: before.version,
          staffNames: "initials",
          fixRetentionDays: 30,
          photoRetentionDays: 365,
          reportRetentionDays: 3650,
        },
      }),
      200,
    );
    expect(changed).toMatchObject({
      staffNames: "initials",
      fixRetentionDays: 30,
      photoRetentionDays: 365,
      reportRetentionDays: 3650,
      version: before.version + 1,
    });
    expect(await settings()).toMatchObject({ staffNames: "initials", requireTwoFactor: false });
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.type, "organization.settings_changed")))
      .orderBy(events.seq)
      .all()
      .then((rows) => rows.slice(-1));
    expect(event?.payload).toEqual({
      staffNames: { from: "role_only", to: "initials" },
      fixRetentionDays: { from: 90, to: 30 },
      photoRetentionDays: { from: 730, to: 365 },
      reportRetentionDays: { from: 1825, to: 3650 },
    });
    // A stale version changes nothing.
    await expectProblem(
      await org.as.admin.api.v1.organization.$patch({ json: { version: before.version, staffNames: "allowed" } }),
      409,
      "stale_version",
    );
    for (const who of ["analyst", "manager", "shopper"] as const) {
      await expectProblem(
        await org.as[who].api.v1.organization.$patch({ json: { version: changed.version, staffNames: "allowed" } }),
        403,
        "forbidden",
      );
    }
    await expectOk(
      await org.as.admin.api.v1.organization.$patch({
        json: { version: changed.version, staffNames: "role_only" },
      }),
      200,
    );
  });

  it("requiring two-step sign-in sends admins and analysts without it to set it up; other roles go on", async () => {
    // An organisation of its own: its admin is sent to set up two-step sign-in at once.
    const own = await createOrganization();
    const { version } = await settings(own.as.admin);
    const changed = await expectOk(
      await own.as.admin.api.v1.organization.$patch({ json: { version, requireTwoFactor: true } }),
      200,
    );
    expect(changed).toMatchObject({ requireTwoFactor: true, version: version + 1 });
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.organizationId, own.id), eq(events.type, "organization.settings_changed")))
      .orderBy(events.seq)
      .all()
      .then((rows) => rows.slice(-1));
    expect(event?.payload).toEqual({ requireTwoFactor: { from: false, to: true } });
    for (const who of ["admin", "analyst"] as const) {
      expect((await expectOk(await own.as[who].api.v1.me.$get(), 200)).pending).toBe("enroll_two_factor");
      await expectProblem(await own.as[who].api.v1.organization.$get(), 403, "two_factor_pending");
    }
    expect((await expectOk(await own.as.manager.api.v1.me.$get(), 200)).pending).toBeNull();
    await settings(own.as.manager);
  });

  it("refuses values out of range with one field error per field, and changes nothing", async () => {
    const before = await settings();
    const problem = await expectProblem(
      await org.as.admin.api.v1.organization.$patch({
        json: {
          version: before.version,
          // @ts-expect-error: not a policy
          staffNames: "everything",
          fixRetentionDays: 6,
          photoRetentionDays: 29,
          reportRetentionDays: 3651,
          // @ts-expect-error: not a boolean
          requireTwoFactor: "yes",
        },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "fixRetentionDays:too_small",
      "photoRetentionDays:too_small",
      "reportRetentionDays:too_big",
      "requireTwoFactor:invalid_type",
      "staffNames:invalid_value",
    ]);
    expect(await settings()).toEqual(before);
  });
});

describe("staff names in reports", () => {
  let versionId: string;
  let storeDoc: Awaited<ReturnType<typeof readVersion>>["document"];

  beforeAll(async () => {
    const store = await readVersion(org.as.admin, org.versionIds.store);
    versionId = store.id;
    storeDoc = store.document;
  });

  async function submitWith(staffName: string | undefined, branch = org.branchIds.north1) {
    const assignment = await planVisit(org, versionId, { branchId: branch });
    const body = report(assignment, completeAnswers(storeDoc), staffName === undefined ? {} : { staffName });
    const id = crypto.randomUUID();
    const res = await submitReport(org.as.shopper, id, body);
    return { id, body, audit: await expectOk(res, 201) };
  }

  async function stored(id: string) {
    const [row] = await db().select({ staffName: audits.staffName }).from(audits).where(eq(audits.id, id));
    return row?.staffName;
  }

  it("keeps what the policy allows at arrival: nothing under role_only", async () => {
    await setPolicy({ staffNames: "role_only" });
    const { id, audit } = await submitWith("Jane van Smith");
    expect(audit.staffName).toBeNull();
    expect(await stored(id)).toBeNull();
  });

  it("keeps the initials under initials (Latin and Chinese names)", async () => {
    await setPolicy({ staffNames: "initials" });
    const latin = await submitWith("  Jane van Smith ");
    expect(latin.audit.staffName).toBe("J. v. S.");
    expect(await stored(latin.id)).toBe("J. v. S.");
    const chinese = await submitWith("王小明");
    expect(await stored(chinese.id)).toBe("王某");
  });

  it("keeps the trimmed name under allowed, and shows it by today's policy once tightened", async () => {
    await setPolicy({ staffNames: "allowed" });
    const { id, audit } = await submitWith("  Jane van Smith ");
    expect(audit.staffName).toBe("Jane van Smith");
    expect(await stored(id)).toBe("Jane van Smith");

    await setPolicy({ staffNames: "initials" });
    expect((await expectOk(await readAudit(org.as.admin, id), 200)).staffName).toBe("J. v. S.");
    expect((await expectOk(await readAudit(org.as.manager, id), 200)).staffName).toBe("J. v. S.");
    const csv = await org.as.admin.api.v1.exports["audits.csv"].$get({ query: {} });
    const [header, ...rows] = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    const column = header?.indexOf("staff_name") ?? -1;
    expect(column).toBeGreaterThan(-1);
    const row = rows.find((r) => r[0] === id);
    expect(row?.[column]).toBe("J. v. S.");

    await setPolicy({ staffNames: "role_only" });
    expect((await expectOk(await readAudit(org.as.admin, id), 200)).staffName).toBeNull();
    const again = await org.as.admin.api.v1.exports["audits.csv"].$get({ query: {} });
    const [, ...rows2] = parseCsv((await again.text()).replace(/^\uFEFF/, ""));
    expect(rows2.find((r) => r[0] === id)?.[column]).toBe("");
    // The stored name is untouched: loosening the policy again shows it again.
    expect(await stored(id)).toBe("Jane van Smith");
  });

  it("a retry of the same body is the same report; a different name under the same id conflicts", async () => {
    await setPolicy({ staffNames: "initials" });
    const { id, body } = await submitWith("Jane van Smith");
    const retry = await expectOk(await submitReport(org.as.shopper, id, body), 200);
    expect(retry.id).toBe(id);
    expect(retry.staffName).toBe("J. v. S.");
    await expectProblem(
      await submitReport(org.as.shopper, id, { ...body, staffName: "Jane Smith" }),
      409,
      "audit_conflict",
    );
  });

  it("a body without staffName stays valid (drafts from older phones)", async () => {
    const { id, audit } = await submitWith(undefined);
    expect(audit.staffName).toBeNull();
    expect(await stored(id)).toBeNull();
  });

  it("refuses a name over 80 characters or on two lines, naming the field", async () => {
    const assignment = await planVisit(org, versionId);
    for (const staffName of ["x".repeat(81), "Jane\nSmith"]) {
      const res = await putAudit(
        org.people.shopper.cookie,
        crypto.randomUUID(),
        report(assignment, completeAnswers(storeDoc), { staffName }),
      );
      const problem = await expectProblem(res, 400, "validation_failed");
      expect(fieldErrors(problem)).toEqual([
        staffName.length > 80 ? "staffName:too_big" : "staffName:invalid_characters",
      ]);
    }
  });

  it("GET /me carries the organisation's policy for the phone", async () => {
    await setPolicy({ staffNames: "allowed" });
    const me = await expectOk(await org.as.shopper.api.v1.me.$get(), 200);
    expect(me.organization.staffNames).toBe("allowed");
    await setPolicy({ staffNames: "role_only" });
    expect((await expectOk(await org.as.shopper.api.v1.me.$get(), 200)).organization.staffNames).toBe("role_only");
  });
});
