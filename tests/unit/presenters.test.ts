/** Presenters: rows become exactly the API's shapes, and nothing internal leaves the Worker. */
import { describe, expect, it } from "vitest";
import type { MemberRow } from "../../worker/data/users";
import { type MemberBody, presentMember } from "../../worker/presenters";

const row: MemberRow = {
  id: "membership-1",
  userId: "user-from-elsewhere",
  email: "li@example.com",
  displayName: "Li (typed by the admin)",
  locale: "zh",
  membershipId: "membership-1",
  role: "branch_manager",
  status: "invited",
  acceptedAt: null,
  regionIds: [],
  branchIds: ["b1"],
  version: 1,
  createdAt: Date.UTC(2026, 11, 4, 10, 30),
};

describe("presentMember", () => {
  it("shows the member as the organisation knows them, with ISO times", () => {
    const body: MemberBody = presentMember(row);
    expect(body).toEqual({
      id: "membership-1",
      email: "li@example.com",
      displayName: "Li (typed by the admin)",
      locale: "zh",
      role: "branch_manager",
      status: "invited",
      regionIds: [],
      branchIds: ["b1"],
      version: 1,
      createdAt: "2026-12-04T10:30:00.000Z",
    });
  });

  it("never lets the person's user id, membership id or acceptance time out", () => {
    const text = JSON.stringify(presentMember(row));
    expect(text).not.toContain("user-from-elsewhere");
    const keys = Object.keys(presentMember(row));
    for (const internal of ["userId", "membershipId", "acceptedAt"]) expect(keys).not.toContain(internal);
  });
});
