/**
 * A fresh organisation per test file (or per test), so no file depends on another's rows:
 * regions, branches, one member per role (plus spare shoppers) with live sessions, and the
 * default checklists published, all written in one D1 batch.
 *
 * @example
 * const org = await createOrganization();
 * const res = await org.as.admin.api.v1.regions.$get({ query: {} });
 * const page = await expectOk(res, 200); // typed by the route: a changed shape fails to compile
 */

import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { hc } from "hono/client";
import {
  branches,
  checklists,
  checklistVersions,
  membershipBranches,
  membershipRegions,
  memberships,
  organizations,
  regions,
  users,
} from "../../schema";
import type { Channel, Locale, ReviewPolicy, Role } from "../../schema/enums";
import type { AppType } from "../../worker/app";
import { getDb } from "../../worker/data/db";
import { createOrganizationStatements } from "../../worker/data/organizations";
import { createSession } from "../../worker/data/sessions";
import { hashPassword } from "../../worker/lib/crypto";

/** Every factory member's password (hashed once per file: PBKDF2 is deliberately slow). */
export const FACTORY_PASSWORD = "factory-password-1";
let passwordHash: Promise<string> | undefined;

/**
 * The typed API client, signed in with `cookie` (or anonymous), reaching the Worker through
 * `fetch` (its own entry point unless given: ./counting-d1 passes one that counts D1 work).
 */
export function client(
  cookie?: string,
  fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => exports.default.fetch(input, init),
) {
  return hc<AppType>("http://localhost", { fetch, headers: cookie ? { cookie } : {} });
}
export type Client = ReturnType<typeof client>;

/** The person keys of a factory organisation: one per role, plus spare shoppers. */
export type PersonKey = "admin" | "analyst" | "regional" | "manager" | "reviewer" | "shopper" | "shopper2" | "shopper3";

export interface Person {
  id: string;
  membershipId: string;
  email: string;
  displayName: string;
  role: Role;
  /** `name=value` for a Cookie header. */
  cookie: string;
}

export interface TestOrganization {
  id: string;
  slug: string;
  regionIds: { north: string; east: string; south: string };
  /** North: two stores and a call centre; east and south: one store each. */
  branchIds: { north1: string; north2: string; northCall: string; east1: string; south1: string };
  people: Record<PersonKey, Person>;
  /** A typed client per person. */
  as: Record<PersonKey, Client>;
  /** The published version ids of the default checklists. */
  versionIds: { store: string; call: string };
  checklistIds: { store: string; call: string };
}

interface PersonSpec {
  key: PersonKey;
  role: Role;
  locale: Locale;
  name: string;
  regions?: Array<keyof TestOrganization["regionIds"]>;
  branches?: Array<keyof TestOrganization["branchIds"]>;
}

const PEOPLE: PersonSpec[] = [
  { key: "admin", role: "admin", locale: "en", name: "Ada Admin" },
  { key: "analyst", role: "analyst", locale: "zh", name: "Chen Jing" },
  { key: "regional", role: "regional_manager", locale: "zh", name: "Liu Yang", regions: ["north"] },
  { key: "manager", role: "branch_manager", locale: "zh", name: "Li Na", branches: ["north1"] },
  { key: "reviewer", role: "reviewer", locale: "en", name: "Rui Reviewer" },
  { key: "shopper", role: "shopper", locale: "en", name: "Sam Shopper" },
  { key: "shopper2", role: "shopper", locale: "zh", name: "Zhao Lei" },
  { key: "shopper3", role: "shopper", locale: "zh", name: "Sun Mei" },
];

const BRANCHES: Array<{
  key: keyof TestOrganization["branchIds"];
  region: keyof TestOrganization["regionIds"];
  en: string;
  zh: string;
  channel: Channel;
}> = [
  { key: "north1", region: "north", en: "Wangfujing", zh: "王府井店", channel: "store" },
  { key: "north2", region: "north", en: "Zhongguancun", zh: "中关村店", channel: "store" },
  { key: "northCall", region: "north", en: "Beijing Hotline", zh: "北京热线中心", channel: "call_centre" },
  { key: "east1", region: "east", en: "Nanjing Road", zh: "南京路店", channel: "store" },
  { key: "south1", region: "south", en: "Tianhe", zh: "天河店", channel: "store" },
];

/**
 * Creates an organisation with regions, branches, members (with sessions) and published
 * default checklists. Every id, code and email is unique, so any number can coexist.
 */
export async function createOrganization(
  options: {
    name?: string;
    /**
     * Which reports wait for a reviewer (new organisations: `all`). Tests of what happens to a
     * report once it counts (reading it as a manager, exports) pass `none`: published on arrival.
     */
    reviewPolicy?: ReviewPolicy;
  } = {},
): Promise<TestOrganization> {
  const database = getDb(env.DB);
  const tag = crypto.randomUUID().slice(0, 8);
  const id = `org-${tag}`;
  const slug = `t-${tag}`;
  const now = Date.now() - 400 * 24 * 60 * 60 * 1000;
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const hash = await passwordHash;

  const regionIds = { north: `${id}-north`, east: `${id}-east`, south: `${id}-south` };
  const branchIds = Object.fromEntries(BRANCHES.map((b) => [b.key, `${id}-${b.key}`])) as TestOrganization["branchIds"];
  const name = options.name ?? `Test Org ${tag}`;
  const statements: BatchItem<"sqlite">[] = [
    ...createOrganizationStatements(database, { id, slug, nameEn: name, nameZh: `测试公司 ${tag}` }, now),
    database
      .update(organizations)
      .set({ reviewPolicy: options.reviewPolicy ?? "all" })
      .where(eq(organizations.id, id)),
    database.insert(regions).values(
      (["north", "east", "south"] as const).map((key) => ({
        id: regionIds[key],
        organizationId: id,
        code: `${key.toUpperCase()}`,
        nameEn: key[0]?.toUpperCase() + key.slice(1),
        nameZh: { north: "华北区", east: "华东区", south: "华南区" }[key],
      })),
    ),
    ...BRANCHES.map((b, i) =>
      database.insert(branches).values({
        id: branchIds[b.key],
        organizationId: id,
        regionId: regionIds[b.region],
        code: `${b.region.toUpperCase().slice(0, 2)}-${String(i + 1).padStart(3, "0")}`,
        nameEn: b.en,
        nameZh: b.zh,
        channel: b.channel,
        address: b.channel === "store" ? `${i + 1} Test Street` : "",
        phone: `+86 10 0000 ${String(i + 1).padStart(4, "0")}`,
        timezone: "Asia/Shanghai",
      }),
    ),
  ];
  const people = PEOPLE.map((p) => ({
    ...p,
    id: `${id}-user-${p.key}`,
    membershipId: `${id}-membership-${p.key}`,
    email: `${p.key}-${tag}@factory.test`,
  }));
  for (const p of people) {
    statements.push(
      database
        .insert(users)
        .values({ id: p.id, email: p.email, displayName: p.name, locale: p.locale, passwordHash: hash }),
      database.insert(memberships).values({
        id: p.membershipId,
        userId: p.id,
        organizationId: id,
        role: p.role,
        status: "active",
        acceptedAt: now,
      }),
    );
    for (const r of p.regions ?? [])
      statements.push(
        database.insert(membershipRegions).values({ membershipId: p.membershipId, regionId: regionIds[r] }),
      );
    for (const b of p.branches ?? [])
      statements.push(
        database.insert(membershipBranches).values({ membershipId: p.membershipId, branchId: branchIds[b] }),
      );
  }
  const [first, ...rest] = statements;
  if (first) await database.batch([first, ...rest]);

  const sessions = await Promise.all(
    people.map((p) => createSession(database, { userId: p.id, organizationId: id, now: Date.now() })),
  );
  const entries = people.map((p, i): [PersonKey, Person] => [
    p.key,
    {
      id: p.id,
      membershipId: p.membershipId,
      email: p.email,
      displayName: p.name,
      role: p.role,
      cookie: `courtesy_session=${sessions[i]?.token}`,
    },
  ]);
  const personMap = Object.fromEntries(entries) as Record<PersonKey, Person>;
  const as = Object.fromEntries(entries.map(([key, person]) => [key, client(person.cookie)])) as Record<
    PersonKey,
    Client
  >;

  const versions = await database
    .select({ checklistId: checklists.id, channel: checklists.channel, versionId: checklistVersions.id })
    .from(checklistVersions)
    .innerJoin(checklists, eq(checklists.id, checklistVersions.checklistId))
    .where(and(eq(checklistVersions.organizationId, id), eq(checklistVersions.status, "published")));
  const find = (channel: Channel) => {
    const found = versions.find((v) => v.channel === channel);
    if (!found) throw new Error(`factory: no published ${channel} checklist`);
    return found;
  };
  const store = find("store");
  const call = find("call_centre");
  return {
    id,
    slug,
    regionIds,
    branchIds,
    people: personMap,
    as,
    versionIds: { store: store.versionId, call: call.versionId },
    checklistIds: { store: store.checklistId, call: call.checklistId },
  };
}
