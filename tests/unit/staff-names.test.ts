/**
 * Staff names (worker/domain/staff-names.ts): examples by hand, then properties of the initials
 * rule over generated Latin and Chinese names (fast-check): never more letters than the name,
 * idempotent, and no word of two or more letters comes through whole.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CalibrationRecord, materialOf } from "../../worker/data/calibrations";
import { staffInitials, staffNameShown } from "../../worker/domain/staff-names";

const letters = (s: string) => [...s].filter((ch) => /\p{L}/u.test(ch)).length;

describe("staffInitials", () => {
  it.each([
    ["Jane van Smith", "J. v. S."],
    ["  jane   SMITH ", "j. S."],
    ["Mary-Jane O'Brien", "M.-J. O."],
    ["Zoë Ångström", "Z. Å."],
    ["J. v. S.", "J. v. S."],
    ["王小明", "王某"],
    ["欧阳小明", "欧阳某"],
    ["欧阳", "欧某"],
    ["王", "王"],
    ["王某", "王某"],
    ["Li 王小明", "L. 王某"],
    ["— 42 —", ""],
  ])("%s → %s", (name, expected) => {
    expect(staffInitials(name)).toBe(expected);
  });
});

describe("staffNameShown", () => {
  it("keeps, shortens or drops a name by the policy", () => {
    expect(staffNameShown("  Jane van Smith ", "allowed")).toBe("Jane van Smith");
    expect(staffNameShown("Jane van Smith", "initials")).toBe("J. v. S.");
    expect(staffNameShown("Jane van Smith", "role_only")).toBeNull();
    expect(staffNameShown("王小明", "initials")).toBe("王某");
  });
  it("is null for nothing written, or nothing left", () => {
    expect(staffNameShown(undefined, "allowed")).toBeNull();
    expect(staffNameShown(null, "initials")).toBeNull();
    expect(staffNameShown("   ", "allowed")).toBeNull();
    expect(staffNameShown("42", "initials")).toBeNull();
  });
  it("shows a name stored under a looser policy as today's policy allows", () => {
    const stored = staffNameShown("Jane van Smith", "allowed");
    expect(staffNameShown(stored, "initials")).toBe("J. v. S.");
    expect(staffNameShown(stored, "role_only")).toBeNull();
  });
});

const latinWord = fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ][a-zà-öø-ÿ'-]{0,11}$/);
const latinName = fc.array(latinWord, { minLength: 1, maxLength: 5 }).map((words) => words.join(" "));
const hanChar = fc.constantFrom(..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗小明华丽伟芳娜秀英敏静欧阳司诸葛");
const hanName = fc.array(hanChar, { minLength: 2, maxLength: 4 }).map((chars) => chars.join(""));
const anyName = fc.oneof(latinName, hanName, fc.string({ maxLength: 40 }));

describe("staffInitials properties", () => {
  it("never has more letters than the name", () => {
    fc.assert(fc.property(anyName, (name) => letters(staffInitials(name)) <= letters(name)));
  });
  it("is idempotent", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const once = staffInitials(name);
        return staffInitials(once) === once;
      }),
    );
  });
  it("lets no Latin word of two or more letters through whole", () => {
    fc.assert(
      fc.property(latinName, (name) => {
        const out = staffInitials(name).split(" ");
        return name
          .split(" ")
          .filter((word) => letters(word) >= 2)
          .every((word) => !out.includes(word));
      }),
    );
  });
  it("keeps no Chinese given name: two or more characters become the surname and 某", () => {
    fc.assert(
      fc.property(hanName, (name) => {
        const out = staffInitials(name);
        return out !== name && out.endsWith("某") && name.startsWith(out.slice(0, -1));
      }),
    );
  });
});

describe("the calibration copy of a report", () => {
  it("shows the staff name by today's policy", () => {
    const audit = {
      auditId: "au1",
      shopperId: "s1",
      auditStatus: "published",
      auditVersionId: "v1",
      contact: "visit" as const,
      visitStartedAt: 0,
      visitEndedAt: 1,
      staffDescription: "Blue shirt",
      staffName: "Jane van Smith",
      staffNames: "initials" as const,
      overallComment: "",
      branchCode: "N1",
      branchNameEn: "North",
      branchNameZh: "北",
      photos: "[]",
    };
    const record = { photoShas: [] } as unknown as CalibrationRecord;
    expect(materialOf(record, audit).staffName).toBe("J. v. S.");
    expect(materialOf(record, { ...audit, staffNames: "role_only" }).staffName).toBeNull();
    expect(materialOf(record, undefined).staffName).toBeNull();
  });
});
