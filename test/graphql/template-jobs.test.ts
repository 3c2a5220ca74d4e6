/**
 * The team's plan templates as a job (issue 12 §2), on both databases: the
 * job returned at once counts the templates it makes, and when it has
 * succeeded `Job.file` gives a link that downloads the same zip
 * GET /plan-templates.zip gives, with no sign-in, for a day. What can be
 * checked at once is refused at once with nothing queued; only the
 * requester (and admins) see the job and its link; a wrong key or an
 * expired link downloads nothing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { finishedJob, summaryOf } from '../support/jobs.ts';
import { customProperties } from '../support/xlsx-standin.ts';

const MONTH = '2026-11';
const START = 'mutation($m: String!, $u: ID, $l: TemplateLanguage) { startPlanTemplatesZip(month: $m, unitId: $u, language: $l) { id kind status } }';
const JOB = 'query($id: ID!) { job(id: $id) { status done total summary { name value } error { code reason params { name value } } file { name contentType size url expiresAt } } }';

describe.each(testProviders)('the team’s plan templates as a job on %s', (provider) => {
  let s: TestServer;
  let server: http.Server;
  let base = '';
  const t = {} as Record<'admin' | 'manager' | 'director' | 'rep' | 'finance', string>;

  beforeAll(async () => {
    s = await startTestServer(provider, { results: { today: '2026-11-30' } });
    server = http.createServer(s.app.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const u of ['admin', 'manager', 'director', 'rep', 'finance'] as const) t[u] = await s.login(u);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await s.close();
  });

  it('makes every rep’s template in one zip, downloadable by its link without signing in, the same as the zip the request gives', async () => {
    const started = await s.gql(START, { m: MONTH }, t.manager);
    expect(started.errors).toBeUndefined();
    expect(started.data.startPlanTemplatesZip).toMatchObject({ kind: 'templates.zip' });
    const job = await finishedJob(s, JOB, started.data.startPlanTemplatesZip.id, t.manager);
    expect(job.status).toBe('SUCCEEDED');
    const roster = (await s.gql('query($m: String!) { repPlanRoster(month: $m) { personId employeeNo } }', { m: MONTH }, t.manager)).data.repPlanRoster as { personId: string; employeeNo: string }[];
    expect(roster.length).toBeGreaterThan(1);
    expect(job).toMatchObject({ done: roster.length, total: roster.length });
    // Named in the templates' language (Chinese unless asked otherwise).
    expect(summaryOf(job)).toEqual({ month: MONTH, templates: String(roster.length), file: `计划模板-${MONTH}.zip`, bytes: String(job.file.size) });
    expect(job.file).toMatchObject({ name: `计划模板-${MONTH}.zip`, contentType: 'application/zip' });
    expect(job.file.url).toMatch(/^\/job-files\/[\w-]+\?key=[\w-]{20,}$/);
    const hours = (Date.parse(job.file.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThanOrEqual(24);

    // The link alone downloads it: no bearer token.
    const res = await fetch(`${base}${job.file.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${MONTH}.zip"; filename*=UTF-8''${encodeURIComponent(`计划模板-${MONTH}.zip`)}`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(job.file.size);
    const zip = await JSZip.loadAsync(bytes);
    expect(Object.keys(zip.files).sort()).toEqual(roster.map((r) => `plan-${r.employeeNo}-${MONTH}.xlsx`).sort());
    for (const r of roster) {
      const props = await customProperties(await zip.file(`plan-${r.employeeNo}-${MONTH}.xlsx`)!.async('uint8array'));
      expect(props).toMatchObject({ QuotabookKind: 'rep-plan-template', QuotabookPersonId: r.personId, QuotabookMonth: MONTH });
    }
    // The same templates as the request's zip.
    const direct = await JSZip.loadAsync(Buffer.from(await (await fetch(`${base}/plan-templates.zip?month=${MONTH}`, { headers: { authorization: `Bearer ${t.manager}` } })).arrayBuffer()));
    expect(Object.keys(direct.files).sort()).toEqual(Object.keys(zip.files).sort());

    // Starting the job is audited; the work reads only.
    const audit = await s.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'Job', entityId: started.data.startPlanTemplatesZip.id, action: 'start' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ kind: 'templates.zip', params: { month: MONTH, unitId: null, lang: 'zh-CN' } });
  });

  it('shows the job and its link to its requester and to admins only; a wrong key or an expired link downloads nothing', async () => {
    const id = (await s.gql(START, { m: MONTH, l: 'EN' }, t.manager)).data.startPlanTemplatesZip.id;
    const job = await finishedJob(s, JOB, id, t.manager);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.file.name).toBe(`plan-templates-${MONTH}.zip`);
    expect((await fetch(`${base}${job.file.url}`)).headers.get('content-disposition')).toBe(`attachment; filename="plan-templates-${MONTH}.zip"`);
    expect((await s.gql(JOB, { id }, t.admin)).data.job.file.url).toBe(job.file.url);
    for (const other of [t.director, t.rep, t.finance]) {
      const r = await s.gql(JOB, { id }, other);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'JOB_NOT_FOUND', params: { id } });
    }
    const url = new URL(job.file.url, base);
    const wrong = await fetch(`${base}${url.pathname}?key=${'x'.repeat(url.searchParams.get('key')!.length)}`);
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'JOB_FILE_NOT_FOUND' });
    expect((await fetch(`${base}${url.pathname}`)).status).toBe(404);
    const fileId = url.pathname.split('/').pop()!;
    await s.db.prisma.jobFile.update({ where: { id: fileId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await fetch(`${base}${job.file.url}`);
    expect(expired.status).toBe(410);
    expect((await expired.json()).errors[0].extensions.reason).toBe('DOWNLOAD_EXPIRED');
    // The next zip made clears the expired one away; the job stays, without its file.
    const next = await finishedJob(s, JOB, (await s.gql(START, { m: MONTH, l: 'EN' }, t.admin)).data.startPlanTemplatesZip.id, t.admin);
    expect(next.status).toBe('SUCCEEDED');
    expect(await s.db.prisma.jobFile.findUnique({ where: { id: fileId } })).toBeNull();
    expect((await s.gql(JOB, { id }, t.manager)).data.job).toMatchObject({ status: 'SUCCEEDED', file: null });
    expect((await fetch(`${base}${job.file.url}`)).status).toBe(404);
  });

  it('lets others sign in and save while it reads (on SQLite the server holds nobody’s writes for it)', async () => {
    const id = (await s.gql(START, { m: MONTH }, t.admin)).data.startPlanTemplatesZip.id;
    // The job is under way: a sign-in (a write) is answered before it has finished.
    await expect.poll(async () => (await s.gql(JOB, { id }, t.admin)).data.job.status, { interval: 20, timeout: 10_000 }).toBe('RUNNING');
    const token = await s.login('finance');
    expect(token).toBeTruthy();
    expect((await s.gql(JOB, { id }, t.admin)).data.job.status).toBe('RUNNING');
    expect((await finishedJob(s, JOB, id, t.admin)).status).toBe('SUCCEEDED');
  });

  it('refuses at once, with nothing queued: a rep, a bad month, a unit not the manager’s, a month nobody has a plan for', async () => {
    const root = await s.db.prisma.orgUnit.findFirstOrThrow({ where: { parentId: null } });
    const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
      [t.rep, { m: MONTH }, { code: 'FORBIDDEN' }],
      [t.finance, { m: MONTH }, { code: 'FORBIDDEN' }],
      [t.manager, { m: '2026-13' }, { code: 'BAD_USER_INPUT' }],
      [t.manager, { m: MONTH, u: root.id }, { code: 'NOT_FOUND' }],
      [t.manager, { m: '2019-01' }, { code: 'BAD_USER_INPUT', reason: 'NO_TEMPLATES', params: { month: '2019-01' } }],
    ];
    for (const [token, vars, error] of cases) {
      const r = await s.refused(START, vars, token);
      expect(r.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject(error);
    }
  });
});
