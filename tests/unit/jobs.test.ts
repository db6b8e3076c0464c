/** The scheduled job's pure rules of time (worker/domain/jobs.ts) and the digest's wording. */
import { describe, expect, it } from "vitest";
import {
  cleanupCutoffs,
  DIGEST_MINUTES,
  digestDue,
  digestSince,
  RATE_LIMIT_WINDOWS_MS,
  retentionCutoffs,
} from "../../worker/domain/jobs";
import { INVITATIONS_PER_HOUR, LOGIN_WINDOW_MS, SESSION_IDLE_MS } from "../../worker/domain/memberships";
import { DIGEST_MAX_LINES, digestText } from "../../worker/domain/notifications";
import { PENDING_SESSION_MS } from "../../worker/domain/two-factor";

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(iso);

describe("retentionCutoffs", () => {
  it("counts each kind's days back from now", () => {
    const now = at("2026-04-01T00:00:00Z");
    expect(retentionCutoffs(now, { fixRetentionDays: 90, photoRetentionDays: 730, reportRetentionDays: 1825 })).toEqual(
      {
        fixes: at("2026-01-01T00:00:00Z"),
        photos: now - 730 * DAY,
        report: now - 1825 * DAY,
      },
    );
  });
});

describe("cleanupCutoffs", () => {
  it("uses the throttles' and sessions' own windows", () => {
    const now = 10_000_000_000;
    expect(cleanupCutoffs(now)).toEqual({
      expiredAt: now,
      idleSince: now - SESSION_IDLE_MS,
      pendingSince: now - PENDING_SESSION_MS,
      loginAttemptsBefore: now - LOGIN_WINDOW_MS,
      rateLimitHitsBefore: now - INVITATIONS_PER_HOUR.windowMs,
    });
    expect(PENDING_SESSION_MS).toBe(10 * 60_000);
    expect(RATE_LIMIT_WINDOWS_MS).toContain(INVITATIONS_PER_HOUR.windowMs);
  });
});

describe("digestDue", () => {
  it("is due from 08:00 on the person's own clock, once a day", () => {
    expect(DIGEST_MINUTES).toBe(480);
    // 08:10 in Shanghai (UTC+8) is 00:10 UTC; in Paris (UTC+1 in March) it is 01:10.
    expect(digestDue(at("2026-03-02T00:10:00Z"), "Asia/Shanghai", null)).toBe(true);
    expect(digestDue(at("2026-03-02T00:10:00Z"), "Europe/Paris", null)).toBe(false);
    expect(digestDue(at("2026-03-01T23:50:00Z"), "Asia/Shanghai", null)).toBe(false);
    // Sent at 08:05 today: not again today, due again tomorrow from 08:00.
    const sent = at("2026-03-02T00:05:00Z");
    expect(digestDue(at("2026-03-02T09:00:00Z"), "Asia/Shanghai", sent)).toBe(false);
    expect(digestDue(at("2026-03-02T23:59:00Z"), "Asia/Shanghai", sent)).toBe(false);
    expect(digestDue(at("2026-03-03T00:00:00Z"), "Asia/Shanghai", sent)).toBe(true);
    // Missed mornings: the first run after any 08:00 sends one.
    expect(digestDue(at("2026-03-09T12:00:00Z"), "Asia/Shanghai", sent)).toBe(true);
  });

  it("follows daylight saving time (08:00 in London is 07:00 UTC in summer)", () => {
    expect(digestDue(at("2026-07-01T07:00:00Z"), "Europe/London", null)).toBe(true);
    expect(digestDue(at("2026-07-01T06:59:00Z"), "Europe/London", null)).toBe(false);
    expect(digestDue(at("2026-01-15T07:59:00Z"), "Europe/London", null)).toBe(false);
    expect(digestDue(at("2026-01-15T08:00:00Z"), "Europe/London", null)).toBe(true);
  });

  it("lists since the last digest, or a day back for the first", () => {
    expect(digestSince(5 * DAY, 3 * DAY)).toBe(3 * DAY);
    expect(digestSince(5 * DAY, null)).toBe(4 * DAY);
  });
});

describe("digestText", () => {
  const branch = { id: "b", code: "N1", name: { en: "Wangfujing", zh: "王府井店" } };
  const entries = [
    { kind: "report_published" as const, payload: { branch, score: 82.5 } },
    { kind: "action_due" as const, payload: { branch, title: "Greet within 10 seconds", dueDate: "2026-03-01" } },
    { kind: "payout_paid" as const, payload: {} },
  ];

  it("says the count and one line each, in English", () => {
    const mail = digestText(entries, 3, "en");
    expect(mail.subject).toBe("Your Courtesy digest: 3 unread notifications");
    expect(mail.body).toContain("You have 3 unread notifications since your last digest:");
    expect(mail.body).toContain(
      "- New report for Wangfujing\n- Corrective action due: Greet within 10 seconds\n- Your fees have been paid",
    );
    expect(mail.body).toContain("Open Courtesy and look under the bell");
    expect(digestText(entries.slice(0, 1), 1, "en").subject).toBe("Your Courtesy digest: 1 unread notification");
  });

  it("and in Chinese", () => {
    const mail = digestText(entries, 3, "zh");
    expect(mail.subject).toBe("Courtesy 每日摘要：3 条未读通知");
    expect(mail.body).toContain("- 王府井店有新的报告\n- 整改措施到期：Greet within 10 seconds\n- 您的酬金已支付");
    expect(mail.body).toContain("请打开 Courtesy");
  });

  it(`lists at most ${DIGEST_MAX_LINES} and counts the rest`, () => {
    const many = Array.from(
      { length: DIGEST_MAX_LINES },
      () => entries[0] ?? { kind: "payout_paid" as const, payload: {} },
    );
    const mail = digestText(many, 45, "en");
    expect(mail.body.match(/^- /gm)).toHaveLength(DIGEST_MAX_LINES);
    expect(mail.body).toContain("…and 25 more.");
    expect(digestText(many, 45, "zh").body).toContain("……另有 25 条。");
  });
});
