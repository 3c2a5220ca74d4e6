/**
 * The results as .xlsx for people without the add-in (issue 10 §5): the
 * seeded demo's achievement for a team, read back from the workbook with
 * exceljs, equals the `achievement` query's answer to the fen; the reader's
 * language; the same scope (a rep cannot download a team); no token, no file.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { resultsDownload } from '../../server/http/results-download.ts';
import { loadConfig, XLSX_MAX_ROWS } from '../../server/config.ts';
import { words } from '../../addin/src/i18n.ts';

const ACH = `query($unitId: ID) { achievement(period: "2026-03", grain: MONTH, metric: SALES_AMOUNT, unitId: $unitId, by: PERSON) {
  rows { code name cells { periodKey actual base stretch baseAchievement class } } } }`;

describe.each(testProviders)('GET /results.xlsx on %s', (provider) => {
  let s: TestServer;
  let server: http.Server;
  let base = '';
  let team = '';
  const t = {} as Record<'admin' | 'manager' | 'rep', string>;

  beforeAll(async () => {
    s = await startTestServer(provider, { results: { today: '2026-11-30' } });
    server = http.createServer(s.app.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const u of ['admin', 'manager', 'rep'] as const) t[u] = await s.login(u);
    const repUser = await s.db.prisma.user.findUniqueOrThrow({ where: { username: 'rep' } });
    team = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: repUser.personId!, validTo: null } })).unitId;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await s.close();
  });

  const get = (query: string, token?: string) => fetch(`${base}/results.xlsx?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('gives the manager the team’s achievement, exactly as the API does, in Chinese by default and in English on request', async () => {
    const res = await get(`period=2026-03&grain=MONTH&metric=SALES_AMOUNT&unitId=${team}&by=PERSON`, t.manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = book.getWorksheet('业绩')!;
    // The pane's Performance sheet's words (基础指标, 分类), with the period third.
    expect(sheet.getRow(2).values).toEqual([undefined, '编码', '名称', '期间', '基础指标', '奋斗指标', '实际', '基础达成率', '奋斗达成率', '距基础差额', '距奋斗差额', '分类']);
    const api = (await s.gql(ACH, { unitId: team }, t.manager)).data.achievement.rows as { code: string; cells: { actual: string; base: string | null; baseAchievement: string | null; class: string | null }[] }[];
    expect(api.length).toBeGreaterThan(1);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 2) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect(rows.size).toBe(api.length);
    let withSales = 0;
    for (const r of api) {
      const got = rows.get(r.code)!;
      const c = r.cells[0]!;
      // Amounts to the fen, and achievement as the API rounds it (0.01 %).
      expect(Math.round(Number(got[5]) * 100)).toBe(Math.round(Number(c.actual) * 100));
      expect(got[3] === null ? null : Math.round(Number(got[3]) * 100)).toBe(c.base === null ? null : Math.round(Number(c.base) * 100));
      if (c.baseAchievement !== null) expect(Number(got[6]).toFixed(4)).toBe((Number(c.baseAchievement) / 100).toFixed(4));
      // The class by the pane's name for it (达成奋斗, not 完成奋斗目标).
      expect(got[10] ?? null).toBe(c.class === null ? null : words['zh-CN'].results.classes[c.class]);
      if (Number(c.actual) > 0) withSales += 1;
    }
    expect(withSales).toBeGreaterThan(0); // the seeded demo has March sales
    expect(api.some((r) => r.cells[0]!.class !== null)).toBe(true); // and classes to name
    const english = await get(`period=2026-03&grain=MONTH&unitId=${team}&by=PERSON&lang=en`, t.manager);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(Buffer.from(await english.arrayBuffer()) as never);
    expect(book2.getWorksheet('Results')!.getRow(2).getCell(7).value).toBe('Achievement (base)');
  });

  it('refuses what the API refuses: no token, a team the rep may not see, a bad parameter', async () => {
    const anonymous = await get(`period=2026-03&grain=MONTH&unitId=${team}`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const rep = await get(`period=2026-03&grain=MONTH&unitId=${team}`, t.rep);
    expect([403, 404]).toContain(rep.status);
    expect(rep.headers.get('content-type')).toMatch(/json/);
    const bad = await get('period=2026-03&grain=FORTNIGHT', t.manager);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { field: 'grain' } });
  });

  /** The cells of a workbook's figure rows, by employee number and period. */
  const readBack = async (res: Response) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const out = new Map<string, unknown[]>();
    book.worksheets[0]!.eachRow((row, n) => {
      if (n > 2) out.set(`${row.getCell(1).value}/${row.getCell(3).value}`, (row.values as unknown[]).slice(1));
    });
    return out;
  };

  it('streams a workbook of many rows (the whole company by person and ten-day block) whose every figure is the API’s, to the fen', async () => {
    const root = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } })).id;
    const res = await get(`period=2026-Q1&grain=TEN_DAYS&metric=SALES_AMOUNT&unitId=${root}&by=PERSON&lang=en`, t.admin);
    expect(res.status).toBe(200);
    const rows = await readBack(res);
    const api = (
      await s.gql(
        `query($u: ID) { achievement(period: "2026-Q1", grain: TEN_DAYS, metric: SALES_AMOUNT, unitId: $u, by: PERSON) { rows { code cells { periodKey actual base stretch baseGap class } } } }`,
        { u: root },
        t.admin,
      )
    ).data.achievement.rows as { code: string; cells: { periodKey: string; actual: string; base: string | null; stretch: string | null; baseGap: string | null; class: string | null }[] }[];
    const cells = api.flatMap((r) => r.cells.map((c) => ({ code: r.code, ...c })));
    // Many more rows than the writer commits between two looks at the reader (500).
    expect(cells.length).toBeGreaterThan(600);
    expect(rows.size).toBe(cells.length);
    const fen = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100));
    const apiFen = (v: string | null) => (v === null ? null : Number(v.replace('.', '')));
    let withSales = 0;
    for (const c of cells) {
      const got = rows.get(`${c.code}/${c.periodKey}`)!;
      expect(got, `${c.code} ${c.periodKey}`).toBeDefined();
      expect([fen(got[3]), fen(got[4]), fen(got[5]), fen(got[8])]).toEqual([apiFen(c.base), apiFen(c.stretch), apiFen(c.actual), apiFen(c.baseGap)]);
      if (c.actual !== '0.00') withSales += 1;
    }
    expect(withSales).toBeGreaterThan(100);
  });

  it('refuses, before writing anything, a workbook of more rows than the limit (Excel’s rows less title and header, or the one configured), with its reason and the count', async () => {
    expect(loadConfig({}).resultsXlsxMaxRows).toBe(XLSX_MAX_ROWS);
    expect(XLSX_MAX_ROWS).toBe(1_048_574);
    expect(loadConfig({ RESULTS_XLSX_MAX_ROWS: '5000' }).resultsXlsxMaxRows).toBe(5000);
    expect(() => loadConfig({ RESULTS_XLSX_MAX_ROWS: '2000000' })).toThrow(/RESULTS_XLSX_MAX_ROWS/);
    expect(() => loadConfig({ RESULTS_XLSX_MAX_ROWS: '0' })).toThrow(/RESULTS_XLSX_MAX_ROWS/);

    // The team by person × month for the year: its people × 12 rows.
    const api = (await s.gql(`query($u: ID) { achievement(period: "2026", grain: MONTH, metric: SALES_AMOUNT, unitId: $u, by: PERSON) { rows { cells { periodKey } } } }`, { u: team }, t.manager)).data
      .achievement.rows as { cells: unknown[] }[];
    const count = api.reduce((n, r) => n + r.cells.length, 0);
    expect(count).toBe(api.length * 12);
    const limited = async (max: number) => {
      const handler = resultsDownload(s.db, { ...s.config, resultsXlsxMaxRows: max });
      const small = http.createServer((req, res) => void handler(req, res));
      await new Promise<void>((r) => small.listen(0, '127.0.0.1', r));
      try {
        const res = await fetch(`http://127.0.0.1:${(small.address() as AddressInfo).port}/results.xlsx?period=2026&grain=MONTH&unitId=${team}&by=PERSON`, { headers: { authorization: `Bearer ${t.manager}` } });
        return { status: res.status, type: res.headers.get('content-type'), body: res.status === 200 ? await readBack(res) : await res.json() };
      } finally {
        await new Promise((r) => small.close(r));
      }
    };
    const refused = await limited(count - 1);
    expect(refused.status).toBe(400);
    expect(refused.type).toMatch(/json/);
    expect(refused.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'XLSX_TOO_MANY_ROWS', params: { count, max: count - 1 } });
    expect(refused.body.errors[0].message).toBe(`The workbook would have ${count} rows, more than the ${count - 1} a download may hold; choose a coarser breakdown, a shorter period or a smaller unit.`);
    // Exactly at the limit it is written, every row.
    const exact = await limited(count);
    expect(exact.status).toBe(200);
    expect((exact.body as Map<string, unknown[]>).size).toBe(count);
  });
});
