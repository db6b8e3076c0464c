import { describe, expect, it } from "vitest";
import { hashPassword, PBKDF2_ITERATIONS, randomToken, sha256Hex, verifyPassword } from "../../worker/lib/crypto";

describe("hashPassword / verifyPassword", () => {
  const password = "correct horse battery staple";

  it("round-trips, and the stored form names the scheme and iterations", async () => {
    const stored = await hashPassword(password);
    expect(PBKDF2_ITERATIONS).toBe(100_000);
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword(password, stored)).toBe(true);
  });

  it("rejects a wrong password, including near misses", async () => {
    const stored = await hashPassword(password);
    expect(await verifyPassword("wrong password", stored)).toBe(false);
    expect(await verifyPassword(`${password} `, stored)).toBe(false);
    expect(await verifyPassword(password.toUpperCase(), stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("never matches a null hash (no password set yet)", async () => {
    expect(await verifyPassword(password, null)).toBe(false);
    expect(await verifyPassword("", null)).toBe(false);
  });

  it("salts: two hashes of one password differ and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(a).not.toBe(b);
    expect(a.split("$")[2]).not.toBe(b.split("$")[2]);
    expect(await verifyPassword(password, a)).toBe(true);
    expect(await verifyPassword(password, b)).toBe(true);
  });

  it("refuses stored hashes of another scheme or with bad iterations", async () => {
    const [, , salt, hash] = (await hashPassword(password)).split("$");
    expect(await verifyPassword(password, `bcrypt$100000$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword(password, `pbkdf2-sha256$0$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword(password, `pbkdf2-sha256$abc$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword(password, `pbkdf2-sha256$100000$${salt}`)).toBe(false);
    expect(await verifyPassword(password, "")).toBe(false);
  });

  it("handles non-ASCII passwords", async () => {
    const stored = await hashPassword("密码-パスワード-🔑");
    expect(await verifyPassword("密码-パスワード-🔑", stored)).toBe(true);
    expect(await verifyPassword("密码-パスワード-🔐", stored)).toBe(false);
  });
});

describe("randomToken / sha256Hex", () => {
  it("makes distinct URL-safe 256-bit tokens", () => {
    const tokens = new Set(Array.from({ length: 50 }, randomToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hashes to the known SHA-256 hex", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
