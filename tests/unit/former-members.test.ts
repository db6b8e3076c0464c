/** Former members (worker/domain/former-members.ts): the name a deleted account is shown by, and reading it back. */
import { describe, expect, it } from "vitest";
import { formerMemberName, formerMemberPseudonym, pseudonymOf } from "../../worker/domain/former-members";

describe("former members", () => {
  it("names a deleted account by six hex digits of its id's SHA-256, and reads them back", () => {
    const pseudonym = pseudonymOf("3f9a1c0d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29");
    expect(pseudonym).toBe("3f9a1c");
    expect(formerMemberName(pseudonym)).toBe("Former member 3f9a1c");
    expect(formerMemberPseudonym("Former member 3f9a1c")).toBe("3f9a1c");
  });
  it("reads any other name as a person's", () => {
    for (const name of [
      "Jane Smith",
      "Former member",
      "Former member 3F9A1C",
      "Former member 3f9a1c0",
      "x Former member 3f9a1c",
    ])
      expect(formerMemberPseudonym(name), name).toBeNull();
  });
});
