import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "../../schema/enums";
import { BRANCH_PLACEHOLDER, escalationStep, mailText, retentionCutoff } from "../../worker/domain/notifications";
import { mailSettings } from "../../worker/lib/mail";

describe("escalationStep", () => {
  const open = { status: "open" as const, dueDate: "2026-03-01", escalations: 0 };
  it("nothing before the due date; due (owner) and level 1 (regional) on it; level 2 three days later", () => {
    expect(escalationStep(open, "2026-02-28")).toBeNull();
    expect(escalationStep(open, "2026-03-01")).toEqual({ to: 1, due: true, overdueLevel: 1 });
    expect(escalationStep({ ...open, escalations: 1 }, "2026-03-03")).toBeNull();
    expect(escalationStep({ ...open, escalations: 1 }, "2026-03-04")).toEqual({ to: 2, due: false, overdueLevel: 2 });
    expect(escalationStep({ ...open, escalations: 2 }, "2026-04-01")).toBeNull();
  });
  it("a job that missed days sends the latest level once; done actions are not escalated", () => {
    expect(escalationStep(open, "2026-03-10")).toEqual({ to: 2, due: true, overdueLevel: 2 });
    expect(escalationStep({ ...open, status: "done" }, "2026-03-10")).toBeNull();
  });
});

describe("mailText", () => {
  it("has both languages for every kind, with the branch as a placeholder and no stray template", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of ["en", "zh"] as const) {
        const mail = mailText(kind, { title: "Greet", dueDate: "2026-03-01", score: 80 }, locale);
        expect(mail.subject.length).toBeGreaterThan(0);
        expect(mail.subject).not.toContain("\n");
        expect(mail.body).not.toContain("undefined");
        expect(`${mail.subject}${mail.body}`.replaceAll(BRANCH_PLACEHOLDER, "")).not.toMatch(/\{\{|\}\}/);
      }
    }
    expect(mailText("report_published", { score: 82.46 }, "en").body).toContain("(score 82.5)");
  });
});

describe("retention and mail settings", () => {
  it("keeps 90 days", () => {
    expect(retentionCutoff(Date.parse("2026-04-01T00:00:00Z"))).toBe(Date.parse("2026-01-01T00:00:00Z"));
  });
  it("is configured for the local mailbox, or HTTP with both URL and token; anything else is none", () => {
    expect(mailSettings({ MAIL_MODE: "local" })).toMatchObject({ mode: "local", configured: true });
    expect(mailSettings({ MAIL_MODE: "http", MAIL_API_URL: "https://m.test", MAIL_API_TOKEN: "t" })).toMatchObject({
      mode: "http",
      configured: true,
    });
    expect(mailSettings({ MAIL_MODE: "http", MAIL_API_TOKEN: "t" }).configured).toBe(false);
    expect(mailSettings({ MAIL_MODE: "smtp" })).toMatchObject({ mode: "none", configured: false });
    expect(mailSettings({})).toMatchObject({ mode: "none", configured: false });
  });
});
