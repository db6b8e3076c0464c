/**
 * Deterministic demo data: "Demo Retail" (3 regions, 24 branches, one user per role and six
 * shoppers) and "Other Co" (to show that organisations never see each other).
 *
 * Used by `npm start` / `npm run db:seed` (through wrangler's platform proxy) and by the
 * API tests, so what a newcomer clicks through is what the tests check.
 * Local only: nothing here is ever deployed as data.
 */
import { count } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Channel, Role } from "../../schema/enums";
import {
  branches,
  membershipBranches,
  membershipRegions,
  memberships,
  organizations,
  regions,
  shopperProfiles,
  users,
} from "../../schema/index";
import type { Db } from "../data/db";
import { createOrganizationStatements } from "../data/organizations";
import { hashPassword } from "../lib/crypto";

export const DEMO_PASSWORD = "courtesy-demo";

interface SeedBranch {
  code: string;
  en: string;
  zh: string;
  channel: Channel;
  address: string;
  phone: string;
}

interface SeedRegion {
  id: string;
  code: string;
  en: string;
  zh: string;
  branches: SeedBranch[];
}

const store = (code: string, en: string, zh: string, address: string, phone: string): SeedBranch => ({
  code,
  en,
  zh,
  channel: "store",
  address,
  phone,
});
const callCentre = (code: string, en: string, zh: string, phone: string): SeedBranch => ({
  code,
  en,
  zh,
  channel: "call_centre",
  address: "",
  phone,
});

const DEMO_REGIONS: SeedRegion[] = [
  {
    id: "demo-region-north",
    code: "NORTH",
    en: "North",
    zh: "华北区",
    branches: [
      store(
        "BJ-001",
        "Beijing Wangfujing",
        "北京王府井店",
        "138 Wangfujing Street, Dongcheng, Beijing",
        "+86 10 6512 0001",
      ),
      store(
        "BJ-002",
        "Beijing Zhongguancun",
        "北京中关村店",
        "15 Zhongguancun Street, Haidian, Beijing",
        "+86 10 6251 0002",
      ),
      store(
        "TJ-001",
        "Tianjin Binjiang Road",
        "天津滨江道店",
        "209 Binjiang Road, Heping, Tianjin",
        "+86 22 2730 0003",
      ),
      store(
        "SJZ-001",
        "Shijiazhuang Zhongshan Road",
        "石家庄中山路店",
        "88 Zhongshan East Road, Shijiazhuang",
        "+86 311 8601 0004",
      ),
      store("TY-001", "Taiyuan Liuxiang", "太原柳巷店", "12 Liuxiang South Road, Taiyuan", "+86 351 4020 0005"),
      store("JN-001", "Jinan Quancheng Road", "济南泉城路店", "180 Quancheng Road, Lixia, Jinan", "+86 531 8609 0006"),
      callCentre("CC-BJ", "Beijing Customer Care Centre", "北京客户服务中心", "400 810 0001"),
      callCentre("CC-TJ", "Tianjin Hotline Centre", "天津热线中心", "400 810 0002"),
    ],
  },
  {
    id: "demo-region-east",
    code: "EAST",
    en: "East",
    zh: "华东区",
    branches: [
      store(
        "SH-001",
        "Shanghai Nanjing Road",
        "上海南京路店",
        "800 Nanjing East Road, Huangpu, Shanghai",
        "+86 21 6322 0011",
      ),
      store("SH-002", "Shanghai Xujiahui", "上海徐家汇店", "1 Hongqiao Road, Xuhui, Shanghai", "+86 21 6407 0012"),
      store("HZ-001", "Hangzhou Lakeside", "杭州湖滨店", "45 Hubin Road, Shangcheng, Hangzhou", "+86 571 8702 0013"),
      store("NJ-001", "Nanjing Xinjiekou", "南京新街口店", "1 Zhongshan Road, Qinhuai, Nanjing", "+86 25 8471 0014"),
      store(
        "SZ-001",
        "Suzhou Guanqian Street",
        "苏州观前街店",
        "99 Guanqian Street, Gusu, Suzhou",
        "+86 512 6727 0015",
      ),
      store("HF-001", "Hefei Huaihe Road", "合肥淮河路店", "230 Huaihe Road, Luyang, Hefei", "+86 551 6265 0016"),
      callCentre("CC-SH", "Shanghai Service Hotline", "上海服务热线", "400 820 0011"),
      callCentre("CC-HZ", "Hangzhou Care Line", "杭州关怀热线", "400 820 0012"),
    ],
  },
  {
    id: "demo-region-south",
    code: "SOUTH",
    en: "South",
    zh: "华南区",
    branches: [
      store("GZ-001", "Guangzhou Tianhe", "广州天河店", "208 Tianhe Road, Tianhe, Guangzhou", "+86 20 3887 0021"),
      store(
        "GZ-002",
        "Guangzhou Beijing Road",
        "广州北京路店",
        "318 Beijing Road, Yuexiu, Guangzhou",
        "+86 20 8333 0022",
      ),
      store("SZ-002", "Shenzhen Dongmen", "深圳东门店", "2 Dongmen Middle Road, Luohu, Shenzhen", "+86 755 8233 0023"),
      store("SZ-003", "Shenzhen Nanshan", "深圳南山店", "9 Wenxin Road, Nanshan, Shenzhen", "+86 755 2660 0024"),
      store(
        "XM-001",
        "Xiamen Zhongshan Road",
        "厦门中山路店",
        "66 Zhongshan Road, Siming, Xiamen",
        "+86 592 2025 0025",
      ),
      store("FZ-001", "Fuzhou Dongjiekou", "福州东街口店", "1 Bayiqi North Road, Gulou, Fuzhou", "+86 591 8755 0026"),
      callCentre("CC-GZ", "Guangzhou Hotline Centre", "广州热线中心", "400 830 0021"),
      callCentre("CC-SZ", "Shenzhen Care Centre", "深圳客户关怀中心", "400 830 0022"),
    ],
  },
];

/** The fixed id of a demo branch, by its code. */
export const branchId = (code: string) => `demo-branch-${code.toLowerCase()}`;

interface SeedUser {
  id: string;
  email: string;
  displayName: string;
  locale: "en" | "zh";
  role: Role;
  regionIds?: string[];
  branchIds?: string[];
  /** A shopper's coverage (shopper_profiles): what rule staffing and the job board read. */
  coverage?: { channels: Channel[]; regions: string[]; cities: string[]; exclude: string[] };
}

const both: Channel[] = ["store", "call_centre"];
/**
 * The demo shoppers' coverage, in the order of DEMO_USERS' shoppers: every region has at least
 * two shoppers (north 3, east 3, south 3), a few cities, one branch each they must never visit.
 */
const DEMO_COVERAGE: NonNullable<SeedUser["coverage"]>[] = [
  { channels: both, regions: ["north", "east"], cities: ["Beijing"], exclude: "JN-001" },
  { channels: ["store"] as Channel[], regions: ["east", "south"], cities: ["Shanghai"], exclude: "HF-001" },
  { channels: both, regions: ["south", "north"], cities: ["Guangzhou"], exclude: "FZ-001" },
  { channels: ["call_centre"] as Channel[], regions: ["north"], cities: [], exclude: "CC-TJ" },
  { channels: both, regions: ["east"], cities: ["Hangzhou", "Nanjing"], exclude: "SH-002" },
  { channels: ["store"] as Channel[], regions: ["south"], cities: ["Shenzhen"], exclude: "SZ-003" },
].map((c) => ({
  channels: c.channels,
  regions: c.regions.map((r) => `demo-region-${r}`),
  cities: c.cities,
  exclude: [branchId(c.exclude)],
}));

const DEMO_USERS: SeedUser[] = [
  { id: "demo-user-admin", email: "admin@demo.test", displayName: "Ada Admin", locale: "en", role: "admin" },
  { id: "demo-user-analyst", email: "analyst@demo.test", displayName: "Chen Jing", locale: "zh", role: "analyst" },
  {
    id: "demo-user-regional",
    email: "regional@demo.test",
    displayName: "Liu Yang",
    locale: "zh",
    role: "regional_manager",
    regionIds: ["demo-region-north"],
  },
  {
    id: "demo-user-manager",
    email: "manager@demo.test",
    displayName: "Li Na",
    locale: "zh",
    role: "branch_manager",
    branchIds: [branchId("BJ-001")],
  },
  {
    id: "demo-user-reviewer",
    email: "reviewer@demo.test",
    displayName: "Rui Reviewer",
    locale: "en",
    role: "reviewer",
  },
  {
    id: "demo-user-shopper",
    email: "shopper@demo.test",
    displayName: "Sam Shopper",
    locale: "en",
    role: "shopper",
    coverage: DEMO_COVERAGE[0],
  },
  ...["Zhao Lei", "Sun Mei", "Zhou Tao", "Wu Xia", "Zheng Hao"].map(
    (name, i): SeedUser => ({
      id: `demo-user-shopper-${i + 2}`,
      email: `shopper${i + 2}@demo.test`,
      displayName: name,
      locale: "zh",
      role: "shopper",
      coverage: DEMO_COVERAGE[i + 1],
    }),
  ),
];

/** Ids and sign-ins of the demo data, for tests and the start script's banner. */
export const DEMO = {
  organizationId: "demo-org",
  otherOrganizationId: "other-org",
  regionIds: { north: "demo-region-north", east: "demo-region-east", south: "demo-region-south" },
  otherRegionId: "other-region-central",
  branchIds: {
    wangfujing: branchId("BJ-001"),
    zhongguancun: branchId("BJ-002"),
    nanjingRoad: branchId("SH-001"),
    callCentreBeijing: branchId("CC-BJ"),
  },
  otherBranchIds: ["other-branch-wh-001", "other-branch-cs-001"],
  users: Object.fromEntries(DEMO_USERS.map((u) => [u.email, u.id])) as Record<string, string>,
  otherAdminId: "other-user-admin",
  signIns: [
    ...DEMO_USERS.map((u) => ({ email: u.email, role: u.role })),
    { email: "admin@other.test", role: "admin" as Role },
  ],
} as const;

/** Whether the database holds no organisation yet (the seed never touches a used database). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) === 0;
}

/**
 * Writes the demo organisations. Call only on an empty database (see `isDatabaseEmpty`).
 * Everything goes in one D1 batch, so a failure leaves nothing half-written.
 */
export async function seedDemo(db: Db): Promise<void> {
  // The default checklists count as published before the 12 months of demo history begin.
  const now = Date.now() - 400 * 24 * 60 * 60 * 1000;
  const statements: BatchItem<"sqlite">[] = [
    ...createOrganizationStatements(
      db,
      { id: DEMO.organizationId, slug: "demo", nameEn: "Demo Retail", nameZh: "演示零售", locale: "zh" },
      now,
    ),
    ...createOrganizationStatements(
      db,
      { id: DEMO.otherOrganizationId, slug: "other", nameEn: "Other Co", nameZh: "其他公司" },
      now,
    ),
    db.insert(regions).values([
      ...DEMO_REGIONS.map((r) => ({
        id: r.id,
        organizationId: DEMO.organizationId,
        code: r.code,
        nameEn: r.en,
        nameZh: r.zh,
      })),
      {
        id: DEMO.otherRegionId,
        organizationId: DEMO.otherOrganizationId,
        code: "CENTRAL",
        nameEn: "Central",
        nameZh: "华中区",
      },
    ]),
  ];
  // D1 allows 100 bound parameters per statement: one insert per branch keeps well under it.
  for (const region of DEMO_REGIONS) {
    for (const b of region.branches) {
      statements.push(
        db.insert(branches).values({
          id: branchId(b.code),
          organizationId: DEMO.organizationId,
          regionId: region.id,
          code: b.code,
          nameEn: b.en,
          nameZh: b.zh,
          channel: b.channel,
          address: b.address,
          phone: b.phone,
          timezone: "Asia/Shanghai",
        }),
      );
    }
  }
  statements.push(
    db.insert(branches).values({
      id: DEMO.otherBranchIds[0],
      organizationId: DEMO.otherOrganizationId,
      regionId: DEMO.otherRegionId,
      code: "WH-001",
      nameEn: "Wuhan Jianghan Road",
      nameZh: "武汉江汉路店",
      channel: "store",
      address: "100 Jianghan Road, Wuhan",
      phone: "+86 27 8283 0031",
    }),
    db.insert(branches).values({
      id: DEMO.otherBranchIds[1],
      organizationId: DEMO.otherOrganizationId,
      regionId: DEMO.otherRegionId,
      code: "CS-001",
      nameEn: "Changsha Wuyi Square",
      nameZh: "长沙五一广场店",
      channel: "store",
      address: "1 Wuyi Avenue, Changsha",
      phone: "+86 731 8448 0032",
    }),
  );

  const everyone: Array<SeedUser & { organizationId: string }> = [
    ...DEMO_USERS.map((u) => ({ ...u, organizationId: DEMO.organizationId })),
    {
      id: DEMO.otherAdminId,
      email: "admin@other.test",
      displayName: "Olive Other",
      locale: "en",
      role: "admin",
      organizationId: DEMO.otherOrganizationId,
    },
  ];
  const hashes = await Promise.all(everyone.map(() => hashPassword(DEMO_PASSWORD)));
  everyone.forEach((u, i) => {
    const membershipId = `${u.id}-membership`;
    statements.push(
      db.insert(users).values({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        locale: u.locale,
        passwordHash: hashes[i] ?? null,
      }),
      db.insert(memberships).values({
        id: membershipId,
        userId: u.id,
        organizationId: u.organizationId,
        role: u.role,
        status: "active",
        acceptedAt: Date.now(),
      }),
    );
    for (const regionId of u.regionIds ?? [])
      statements.push(db.insert(membershipRegions).values({ membershipId, regionId }));
    for (const id of u.branchIds ?? [])
      statements.push(db.insert(membershipBranches).values({ membershipId, branchId: id }));
    if (u.coverage)
      statements.push(
        db.insert(shopperProfiles).values({
          membershipId,
          organizationId: u.organizationId,
          channels: u.coverage.channels,
          regionIds: u.coverage.regions,
          cities: u.coverage.cities,
          excludedBranchIds: u.coverage.exclude,
        }),
      );
  });

  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
