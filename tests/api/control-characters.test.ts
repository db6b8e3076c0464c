/**
 * Control characters in free text: refused at validation with the field code
 * `invalid_characters` (line breaks only where the text may span lines), and stripped before
 * formula neutralisation when rows stored before the rule are exported.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { answers, audits, branches } from "../../schema";
import type { ChecklistDocument } from "../../worker/domain/checklists";
import { stripControlCharacters } from "../../worker/domain/text";
import { parseCsv } from "../csv-parse";
import { createOrganization, type TestOrganization } from "./factory";
import { db, expectOk, expectProblem, fieldErrors, uniqueCode } from "./helpers";
import { createBranchIn } from "./org-helpers";
import { planVisit, publishChecklistAs, report, submitReport, type Version } from "./report-helpers";

let org: TestOrganization;
let version: Version;

function controlDocument(): ChecklistDocument {
  const name = `Controls ${crypto.randomUUID().slice(0, 8)}`;
  const base = { guidance: { en: "", zh: "" }, critical: "none" as const, evidenceOnFail: "none" as const };
  return {
    name: { en: name, zh: `控制 ${name}` },
    channel: "store",
    sections: [
      {
        key: "main",
        title: { en: "Main", zh: "主要" },
        weight: 1,
        items: [
          {
            ...base,
            key: "greets",
            kind: "yes_no",
            prompt: { en: "Greeted?", zh: "问候？" },
            weight: 1,
            naAllowed: false,
          },
          { ...base, key: "notes", kind: "text", prompt: { en: "Notes", zh: "备注" }, weight: 0, naAllowed: false },
        ],
      },
    ],
  };
}

beforeAll(async () => {
  // Published on arrival, so the exports below hold the reports.
  org = await createOrganization({ reviewPolicy: "none" });
  version = await publishChecklistAs(org.as.admin, controlDocument());
});

describe("validation refuses control characters", () => {
  it("in a branch name (NUL): 400 invalid_characters and nothing stored", async () => {
    const code = uniqueCode("C");
    const problem = await expectProblem(
      await org.as.admin.api.v1.branches.$post({
        json: { code, nameEn: "Bad\u0000Name", nameZh: "分店", regionId: org.regionIds.east, channel: "store" },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toContain("nameEn:invalid_characters");
    expect(await db().select().from(branches).where(eq(branches.code, code))).toEqual([]);
  });

  it.each([
    ["a line break", "Line\nbreak"],
    ["a tab", "Tab\there"],
    ["DEL", "Del\u007F"],
    ["a C1 control", "Next\u0085line"],
    ["a lone surrogate", "Half \uD800 pair"],
  ])("in a one-line name (%s)", async (_name, value) => {
    const problem = await expectProblem(
      await org.as.admin.api.v1.regions.$post({ json: { code: uniqueCode("R"), nameEn: value, nameZh: "区域" } }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual(["nameEn:invalid_characters"]);
  });

  it("keeps emoji and Chinese in names", async () => {
    const branch = await createBranchIn(org, { nameEn: "Café 😀 Store", nameZh: "王府井店" });
    expect(branch.name).toEqual({ en: "Café 😀 Store", zh: "王府井店" });
  });

  it("in a report's comments and text answers: 400 with each path, and no report stored", async () => {
    const assignment = await planVisit(org, version.id);
    const id = crypto.randomUUID();
    const problem = await expectProblem(
      await submitReport(
        org.as.shopper,
        id,
        report(
          assignment,
          [
            { item: "greets", value: true, comment: "ok\u0000=1+1" },
            { item: "notes", value: "seen\u0007" },
          ],
          { overallComment: "Fine\u001B[31m", staffDescription: "Glasses\u0000" },
        ),
      ),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "answers[0].comment:invalid_characters",
      "answers[1].value:invalid_characters",
      "overallComment:invalid_characters",
      "staffDescription:invalid_characters",
    ]);
    expect(await db().select().from(audits).where(eq(audits.id, id))).toEqual([]);
  });

  it("but keeps line breaks (LF and CRLF) and tabs in multi-line text", async () => {
    const assignment = await planVisit(org, version.id);
    const id = crypto.randomUUID();
    const comment = "Line 1\r\nLine 2\n\tindented";
    await expectOk(
      await submitReport(
        org.as.shopper,
        id,
        report(
          assignment,
          [
            { item: "greets", value: true, comment },
            { item: "notes", value: comment },
          ],
          { overallComment: comment, staffDescription: "Tall\nglasses" },
        ),
      ),
      201,
    );
    const [row] = await db().select().from(audits).where(eq(audits.id, id));
    expect(row?.overallComment).toBe(comment);
    expect(row?.staffDescription).toBe("Tall\nglasses");
  });

  it("in an assignment's scenario", async () => {
    const problem = await expectProblem(
      await org.as.admin.api.v1.assignments.$post({
        json: {
          branchId: org.branchIds.north1,
          checklistVersionId: version.id,
          shopperId: "x",
          windowStart: "2026-01-01",
          windowEnd: "2026-01-02",
          scenario: "Ask\u0000",
        },
      }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toContain("scenario:invalid_characters");
  });

  it("in checklist texts: prompts and guidance may span lines, names and titles may not", async () => {
    const doc = controlDocument();
    const section = doc.sections[0];
    const item = section?.items[0];
    if (!section || !item) throw new Error("fixture");
    item.prompt.en = "Greeted\nwithin 30 s?";
    item.guidance = { en: "", zh: "看\u0000看" }; // a fresh object: the fixture shares `base`
    section.title.en = "Main\nsection";
    const problem = await expectProblem(
      await org.as.admin.api.v1.checklists.$post({ json: doc }),
      400,
      "validation_failed",
    );
    expect(fieldErrors(problem)).toEqual([
      "sections[0].items[0].guidance.zh:invalid_characters",
      "sections[0].title.en:invalid_characters",
    ]);
  });
});

describe("exports of text stored before the rule", () => {
  it("strip control characters, then neutralise formulas", async () => {
    const branch = await createBranchIn(org);
    const assignment = await planVisit(org, version.id, { branchId: branch.id });
    const id = crypto.randomUUID();
    await expectOk(
      await submitReport(org.as.shopper, id, report(assignment, [{ item: "greets", value: true, comment: "fine" }])),
      201,
    );
    // Written straight to D1, as older code let them through.
    await db()
      .update(audits)
      .set({ overallComment: "\u0000=1+1", staffDescription: "\u0007\u0000@SUM(A1)" })
      .where(eq(audits.id, id));
    await db().update(answers).set({ comment: "\u0000-2+3\u0085" }).where(eq(answers.auditId, id));
    await db().update(branches).set({ nameEn: "\u0000+cmd|' /C calc'!A0" }).where(eq(branches.id, branch.id));

    const read = async (file: "audits.csv" | "items.csv") => {
      const res = await org.as.admin.api.v1.exports[file].$get({
        query: { checklistId: version.checklistId, branchId: branch.id },
      });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      expect(stripControlCharacters(text), "no control characters left").toBe(text);
      const [header = [], ...rows] = parseCsv(text.slice(1));
      return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
    };
    const [audit] = await read("audits.csv");
    expect(audit).toMatchObject({
      overall_comment: "'=1+1",
      staff_description: "'@SUM(A1)",
      branch_name_en: "'+cmd|' /C calc'!A0",
    });
    const items = await read("items.csv");
    expect(items.find((r) => r.item_key === "greets")).toMatchObject({ comment: "'-2+3" });
  });
});
