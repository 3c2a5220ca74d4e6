/**
 * The demo organisation's results: every seller's sales for last year and
 * this year up to the seed's "today" (seasonal by the 淡旺季 profile, with a
 * realistic spread between people and from month to month; units,
 * collections, gross margin, customers and which of them are new), and
 * published base and stretch sales targets for both years, planned per
 * person and month and summed up the tree so that every level adds up
 * exactly (company → centre → regions → areas → teams → people).
 *
 * Pure and deterministic: the same organisation, seed and "today" give the
 * same data. Sales come from a generator, person by person, so that a
 * 10,000-person organisation (about 1.2 million sales a year) need not be
 * held in memory at once. server/seed/seed.ts writes them.
 */
import type { DemoOrg, DemoPerson, DemoUnit } from './demo-org.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { BUILT_IN_PROFILES } from '../../schema/seasonality.ts';
import { mulberry32 as rng } from '../../schema/random.ts';

export interface DemoSale {
  externalId: string;
  personKey: string;
  unitKey: string;
  date: IsoDay;
  amountFen: bigint;
  units: number;
  customer: string;
  newCustomer: boolean;
  collectedFen: bigint;
  marginFen: bigint;
}

export interface DemoPlanLine {
  ownerKind: 'UNIT' | 'PERSON';
  ownerKey: string;
  periodKey: string;
  amount: bigint;
}

export interface DemoPlan {
  year: number;
  level: 'BASE' | 'STRETCH';
  scopeKey: string;
  ownerKind: 'UNIT' | 'PERSON';
  total: bigint;
  /** The scope's own row and one row per owner, one line per month. */
  lines: DemoPlanLine[];
}

export interface ResultsOptions {
  /** The last day with sales (the seed's "today"). */
  today: IsoDay;
  /** The first calendar year with sales and targets; default: the year before today's. */
  fromYear?: number;
  seed?: number;
}

/** Who sells: reps and the account managers who lead teams (each on a team's roster). */
export const sells = (p: DemoPerson): p is DemoPerson & { unitKey: string } => (p.position === 'SALES_REP' || p.position === 'ACCOUNT_MANAGER') && p.unitKey !== null;

/** A month's weight in the year, from the 淡旺季 profile (percent × 12 ÷ 100: February 0.48, December 1.56). */
const SEASON = BUILT_IN_PROFILES.find((p) => p.code === 'TRADE_SEASONS')!.monthPercents.map((p) => (Number(p) * 12) / 100);
/** Monthly sales a seller of each rank is expected to make in a normal month, in yuan. */
const RANK_MONTHLY: Record<string, number> = { SR: 16_000, SE: 20_000, SSE: 24_000, SM: 30_000, SSM: 36_000 };
const BRANDS = ['鑫源', '华联', '永辉', '金达', '恒泰', '佳和', '盛世', '百信', '万家', '宏远', '新华', '瑞丰', '德隆', '天成', '嘉禾', '博雅', '汇通', '同仁', '福满', '利民'];
const KINDS = ['商贸有限公司', '超市', '便利店', '百货', '批发部', '贸易公司', '连锁药房', '酒店'];
const CITIES = ['上海', '杭州', '南京', '苏州', '宁波', '合肥', '广州', '深圳', '东莞', '佛山', '厦门', '福州', '北京', '天津', '济南', '青岛', '郑州', '武汉', '长沙', '成都', '重庆', '昆明', '西安'];

/** A stable 32-bit hash of a string (FNV-1a), to give each person their own random stream. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A normally distributed number (Box-Muller). */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** What a seller is like: fixed per person, from their own random stream. */
interface Seller {
  person: DemoPerson;
  /** Expected sales in a normal month (yuan), before season, growth and ramp-up. */
  monthly: number;
  /** How well the manager's targets guess the seller's sales (1 = exactly). */
  targetBias: number;
  /** Yuan per unit sold, on average. */
  price: number;
  margin: number;
  collects: number;
  ticket: number;
  newShare: number;
}

function seller(p: DemoPerson, seed: number): Seller {
  const r = rng(hash(p.employeeNo, seed));
  const ability = Math.min(2.2, Math.max(0.45, Math.exp(0.32 * normal(r))));
  return {
    person: p,
    monthly: (RANK_MONTHLY[p.rank ?? 'SR'] ?? 16_000) * ability * (p.employmentType === 'PART_TIME' ? 0.5 : 1),
    targetBias: 0.9 + 0.25 * r(),
    price: 120 + Math.floor(480 * r()),
    margin: 0.22 + 0.16 * r(),
    collects: 0.72 + 0.25 * r(),
    ticket: 1_300 + 900 * r(),
    newShare: 0.06 + 0.1 * r(),
  };
}

/** The fraction of a month a person was employed (0 … 1). */
function employedIn(p: DemoPerson, y: number, m: number): { from: IsoDay; to: IsoDay; fraction: number } | null {
  const start = `${y}-${pad(m)}-01`;
  const end = `${y}-${pad(m)}-${pad(daysIn(y, m))}`;
  const from = p.hireDate > start ? p.hireDate : start;
  const to = p.leaveDate && p.leaveDate < end ? p.leaveDate : end;
  if (from > to) return null;
  return { from, to, fraction: (Number(to.slice(8)) - Number(from.slice(8)) + 1) / daysIn(y, m) };
}

/** New sellers take three months to reach their pace. */
function rampUp(p: DemoPerson, y: number, m: number): number {
  const months = (y - Number(p.hireDate.slice(0, 4))) * 12 + (m - Number(p.hireDate.slice(5, 7)));
  return months <= 0 ? 0.35 : months === 1 ? 0.6 : months === 2 ? 0.85 : 1;
}

/** The market grows about 10 % a year: last year's months sell less. */
const growth = (y: number, thisYear: number) => Math.pow(1.1, y - thisYear);

/** Expected sales (yuan) of a seller in a month: pace × season × growth × ramp-up × days employed. */
function expected(s: Seller, y: number, m: number, thisYear: number): number {
  const e = employedIn(s.person, y, m);
  if (!e) return 0;
  return s.monthly * SEASON[m - 1]! * growth(y, thisYear) * rampUp(s.person, y, m) * e.fraction;
}

const years = (o: ResultsOptions) => {
  const thisYear = Number(o.today.slice(0, 4));
  const from = o.fromYear ?? thisYear - 1;
  return Array.from({ length: thisYear - from + 1 }, (_, i) => from + i);
};

/** Every sale of every seller, person by person, in date order for each person. */
export function* demoSales(org: DemoOrg, o: ResultsOptions): Generator<DemoSale> {
  const seed = o.seed ?? 20260101;
  const thisYear = Number(o.today.slice(0, 4));
  const ys = years(o);
  for (const p of org.people) {
    if (!sells(p)) continue;
    const s = seller(p, seed);
    const r = rng(hash(`${p.employeeNo}/sales`, seed));
    const city = CITIES[hash(p.unitKey, seed) % CITIES.length]!;
    const names = new Set<string>();
    const newCustomer = () => {
      const name = `${city}${BRANDS[Math.floor(r() * BRANDS.length)]}${KINDS[Math.floor(r() * KINDS.length)]}`;
      const unique = names.has(name) ? `${name}（${names.size + 1}）` : name;
      names.add(unique);
      return unique;
    };
    // Customers the seller already had before the first year shown are not new.
    const book: string[] = p.hireDate < `${ys[0]}-01-01` ? Array.from({ length: 8 + Math.floor(r() * 20) }, newCustomer) : [];
    // A customer is new on the first sale to them (in date order).
    const known = new Set(book);
    let form = 1;
    for (const y of ys) {
      form = Math.min(1.35, Math.max(0.7, form * 0.5 + 0.5 * Math.exp(0.12 * normal(r)))); // a year's form, carried over a little
      for (let m = 1; m <= 12; m++) {
        const e = employedIn(p, y, m);
        const want = expected(s, y, m, thisYear);
        if (!e || want <= 0 || e.from > o.today) continue;
        const total = want * form * Math.exp(0.22 * normal(r));
        const count = Math.max(1, Math.round(total / s.ticket));
        const weights = Array.from({ length: count }, () => 0.3 + 1.4 * r());
        const sum = weights.reduce((a, b) => a + b, 0);
        const span = Number(e.to.slice(8)) - Number(e.from.slice(8)) + 1;
        const sales: DemoSale[] = [];
        weights.forEach((w) => {
          let date = addDays(e.from, Math.floor(r() * span));
          if (dayToDate(date).getUTCDay() === 0) date = date < e.to ? addDays(date, 1) : addDays(date, -1); // no sales on Sundays
          if (date < e.from) date = e.from;
          const amountFen = BigInt(Math.max(50, Math.round((total * w) / sum))) * 100n;
          let customer: string;
          if (!book.length || r() < s.newShare) {
            customer = newCustomer();
            book.push(customer);
          } else customer = book[Math.floor(r() * book.length)]!;
          const recent = addDays(date, 45) > o.today;
          const paid = r();
          const collectedFen = recent ? (paid < 0.4 ? amountFen : 0n) : paid < s.collects ? amountFen : paid < s.collects + 0.1 ? amountFen / 2n : 0n;
          const marginFen = (amountFen * BigInt(Math.round(s.margin * (0.9 + 0.2 * r()) * 10_000))) / 10_000n;
          sales.push({
            externalId: '',
            personKey: p.key,
            unitKey: p.unitKey,
            date,
            amountFen,
            units: Math.max(1, Math.round(Number(amountFen) / 100 / s.price)),
            customer,
            newCustomer: false,
            collectedFen,
            marginFen,
          });
        });
        sales.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        let n = 0;
        for (const sale of sales) {
          if (sale.date > o.today) continue;
          sale.newCustomer = !known.has(sale.customer);
          known.add(sale.customer);
          sale.externalId = `DEMO-${p.employeeNo}-${sale.date.replace(/-/g, '')}-${++n}`;
          yield sale;
        }
      }
    }
  }
}

/** Rounds yuan to a whole hundred, in fen. */
const hundreds = (yuan: number) => BigInt(Math.round(yuan / 100)) * 10_000n;

/**
 * Published sales targets, base and stretch, for each year: every seller's
 * month planned from their pace (as their manager judges it), stretch 20 %
 * above base, and each unit's row the sum of the rows below it.
 */
export function demoPlans(org: DemoOrg, o: ResultsOptions): DemoPlan[] {
  const seed = o.seed ?? 20260101;
  const thisYear = Number(o.today.slice(0, 4));
  const children = new Map<string, DemoUnit[]>();
  for (const u of org.units) if (u.parentKey) children.set(u.parentKey, [...(children.get(u.parentKey) ?? []), u]);
  const byCode = (a: DemoUnit, b: DemoUnit) => (a.code < b.code ? -1 : 1);
  const sellers = new Map(org.people.filter(sells).map((p) => [p.key, seller(p, seed)]));
  const plans: DemoPlan[] = [];
  for (const year of years(o)) {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
    const yearStart = `${year}-01-01`;
    const yearEnd = `${year}-12-31`;
    for (const level of ['BASE', 'STRETCH'] as const) {
      const rowOf = new Map<string, bigint[]>();
      const personRow = (p: DemoPerson) => {
        const s = sellers.get(p.key);
        return months.map((_, i) => {
          if (!s) return 0n;
          const base = hundreds(expected(s, year, i + 1, thisYear) * s.targetBias * 1.05);
          return level === 'BASE' ? base : (base * 12n) / 10n / 10_000n * 10_000n;
        });
      };
      const visit = (u: DemoUnit): bigint[] => {
        const kids = (children.get(u.key) ?? []).sort(byCode);
        const owners: { kind: 'UNIT' | 'PERSON'; key: string; row: bigint[] }[] = kids.length
          ? kids.map((k) => ({ kind: 'UNIT' as const, key: k.key, row: visit(k) }))
          : org.people
              .filter((p) => p.unitKey === u.key && p.hireDate <= yearEnd && (!p.leaveDate || p.leaveDate >= yearStart))
              .map((p) => ({ kind: 'PERSON' as const, key: p.key, row: personRow(p) }));
        const row = months.map((_, i) => owners.reduce((n, ow) => n + ow.row[i]!, 0n));
        rowOf.set(u.key, row);
        if (owners.length) {
          const lines: DemoPlanLine[] = [];
          months.forEach((periodKey, i) => lines.push({ ownerKind: 'UNIT', ownerKey: u.key, periodKey, amount: row[i]! }));
          for (const ow of owners) months.forEach((periodKey, i) => lines.push({ ownerKind: ow.kind, ownerKey: ow.key, periodKey, amount: ow.row[i]! }));
          plans.push({ year, level, scopeKey: u.key, ownerKind: kids.length ? 'UNIT' : 'PERSON', total: row.reduce((a, b) => a + b, 0n), lines });
        }
        return row;
      };
      for (const root of org.units.filter((u) => !u.parentKey)) visit(root);
    }
  }
  return plans;
}
