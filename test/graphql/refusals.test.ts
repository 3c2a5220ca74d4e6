/** Issue 7 §7: every refusal is clean — coded, bounded, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { codeOf, databaseSnapshot, startTestServer, type GqlResult, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { CSRF_HEADER, MAX_QUERY_COST, clientAddress } from '../../server/app.ts';
import { ROSTER_PAGE } from '../../addin/src/api/operations.ts';
import { FILE_LIMITS, readGrid } from '../../server/imports/tabular-file.ts';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

describe.each(testProviders)('refusals at the edge on %s', (provider) => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    token = await s.login('admin');
  });
  afterAll(() => s.close());

  const send = async (body: unknown, headers: Record<string, string | null> = {}) => {
    const h: Record<string, string> = { 'content-type': 'application/json', [CSRF_HEADER]: '1', authorization: `Bearer ${token}` };
    for (const [k, v] of Object.entries(headers)) v === null ? delete h[k] : (h[k] = v);
    const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: h, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as GqlResult & { errors: { extensions: Record<string, unknown> }[] } };
  };
  const ext = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => r.body.errors?.[0]?.extensions ?? {};

  it('gives every graphql-armor limit a code, a reason and the limit', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: viewer { username }`).join(' ');
    expect(ext(await send({ query: `{ ${aliases} }` }))).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_ALIASES', limit: 10 });
    const deep = '{ viewer { person { manager { manager { manager { manager { manager { manager { manager { manager { manager { id } } } } } } } } } } } }';
    const depth = await send({ query: deep });
    expect(depth.body.errors[0]!.message).toMatch(/depth/i);
    expect(ext(depth)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH', limit: 10 });
    expect(ext(await send({ query: `{ ${'viewer { username } '.repeat(600)} }` }))).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_TOKENS', limit: 2000 });
    expect(ext(await send({ query: `{ viewer ${'@skip(if: false) '.repeat(30)} { username } }` }))).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DIRECTIVES', limit: 20 });
  });

  it('codes CSRF refusals, parse errors, bad JSON, a missing query and variable type errors', async () => {
    const csrf = await send({ query: '{ viewer { username } }' }, { [CSRF_HEADER]: null, 'content-type': 'text/plain' });
    expect(csrf.status).toBe(403);
    expect(ext(csrf)).toMatchObject({ code: 'FORBIDDEN', reason: 'CSRF' });
    const get = await s.app.yoga.fetch('http://localhost/graphql?query=%7Bviewer%7Busername%7D%7D', { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(403);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(ext(await send({ query: '{ viewer { ' }))).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    const json = await send('{"query": "{ viewer { username } }", "secret": "张三 salary 12345.00');
    expect(ext(json)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(JSON.stringify(json.body)).not.toContain('张三');
    expect(ext(await send({}))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(ext(await send({ query: 'subscription { x }' }))).toMatchObject({ code: 'BAD_REQUEST' });
    const xml = await send('<query/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(ext(xml)).toMatchObject({ code: 'BAD_REQUEST', reason: 'UNSUPPORTED_MEDIA_TYPE' });
    const form = new FormData();
    form.set('operations', '{');
    form.set('map', '{}');
    const multipart = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${token}` }, body: form });
    expect(((await multipart.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const getMutation = await s.app.yoga.fetch(`http://localhost/graphql?query=${encodeURIComponent('mutation { logout }')}`, { headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${token}` } });
    expect(getMutation.status).toBe(405);
    expect(((await getMutation.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    // Queries (graphql-jit) and mutations (graphql-js) coerce variables on different paths.
    const query = await send({ query: 'query($f: Int) { roster(first: $f) { edges { node { id } } } }', variables: { f: 'many' } });
    expect(ext(query)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIABLE_TYPE' });
    const big = await send({ query: 'query($f: Int) { roster(first: $f) { edges { node { id } } } }', variables: { f: 1e20 } });
    expect(ext(big)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const before = await databaseSnapshot(s.db);
    const mutation = await send({ query: 'mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { plan { status } } }', variables: { id: 'x', revision: 'one' } });
    expect(ext(mutation)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'VARIABLE_TYPE' });
    const missing = await send({ query: 'mutation($id: ID!, $revision: Int!) { publishTargetPlan(id: $id, revision: $revision) { plan { status } } }', variables: { id: 'x' } });
    expect(ext(missing)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await databaseSnapshot(s.db)).toBe(before);
  });

  it('codes a masked internal error', async () => {
    const original = s.db.prisma.orgUnit.findMany;
    (s.db.prisma.orgUnit as any).findMany = () => Promise.reject(new Error('boom'));
    try {
      const r = await send({ query: '{ orgTree { id } }' });
      expect(r.body.errors[0]!.message).toBe('Unexpected error.');
      expect(ext(r)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    } finally {
      (s.db.prisma.orgUnit as any).findMany = original;
    }
  });

  it('logs no personal data, not even from failed SQL or a refused variable', async () => {
    const written: string[] = [];
    const spies = (['error', 'warn', 'info', 'log', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(' '))),
    );
    const original = s.db.prisma.orgUnit.findMany;
    // A real statement that fails, whose driver error quotes personal data.
    (s.db.prisma.orgUnit as any).findMany = () => s.db.prisma.$queryRawUnsafe('SELECT "张三 月薪 12345.67" FROM "no_such_table_张三"');
    try {
      const r = await send({ query: '{ orgTree { id } }' });
      expect(ext(r)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(JSON.stringify(r.body)).not.toContain('张三');
      // Prisma's own validation errors print the arguments of the call.
      (s.db.prisma.orgUnit as any).findMany = () => s.db.prisma.person.findMany({ where: { name: { equals: '张三', nope: '12345.67' } as any } });
      expect(ext(await send({ query: '{ orgTree { id } }' }))).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      const money = await send({ query: 'mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "9999999999999999912345.67", reason: "张三", approvedBy: "x") }', variables: { p: 'x' } });
      expect(ext(money)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_OUT_OF_RANGE' });
    } finally {
      (s.db.prisma.orgUnit as any).findMany = original;
      spies.forEach((spy) => spy.mockRestore());
    }
    expect(written.length).toBeGreaterThan(0);
    expect(written.join('\n')).toMatch(/unexpected error/);
    expect(written.join('\n')).not.toMatch(/张三|12345/);
  });

  it("passes the add-in's largest query, roster(first: 1000), with first as a variable or a literal", async () => {
    const byVariable = await send({ query: ROSTER_PAGE, variables: { first: 1000, asOf: null, unitId: null, after: null } });
    expect(byVariable.body.errors).toBeUndefined();
    expect(byVariable.body.data.roster.edges.length).toBeGreaterThan(50);
    const literal = ROSTER_PAGE.replace('$first: Int, ', '').replace('first: $first', 'first: 1000');
    expect(literal).toContain('first: 1000');
    const byLiteral = await send({ query: literal, variables: { asOf: null, unitId: null, after: null } });
    expect(byLiteral.body.errors).toBeUndefined();
    expect(byLiteral.body.data).toEqual(byVariable.body.data);
  });

  it('counts a page size passed as a variable the same as a literal when over the cost limit', async () => {
    const page = (first: string) => `roster(first: ${first}) { edges { node { id employeeNo name unitPath unitCode position rank status hireDate leaveDate employmentType baseSalary mentorName phone email } } }`;
    const byVariable = await send({ query: `query($f: Int) { a: ${page('$f')} b: ${page('$f')} c: ${page('$f')} }`, variables: { f: 1000 } });
    const byLiteral = await send({ query: `{ a: ${page('1000')} b: ${page('1000')} c: ${page('1000')} }` });
    for (const r of [byVariable, byLiteral]) {
      expect(r.body.data).toBeUndefined();
      expect(ext(r)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'COST_LIMIT', limit: MAX_QUERY_COST });
    }
    expect(ext(byVariable).cost).toBe(ext(byLiteral).cost);
    expect(ext(byVariable).cost as number).toBeGreaterThan(MAX_QUERY_COST);
    // The schema's default page size (500) counts too.
    const byDefault = await send({ query: `{ a: roster { edges { node { id } } } }` });
    expect(byDefault.body.errors).toBeUndefined();
    // An operation's cost is kept only where no variable sets a page size: the same text with a
    // small page answers, and with a large one again is refused; a fixed one is refused every time.
    const small = await send({ query: `query($f: Int) { a: ${page('$f')} b: ${page('$f')} c: ${page('$f')} }`, variables: { f: 5 } });
    expect(small.body.errors).toBeUndefined();
    const largeAgain = await send({ query: `query($f: Int) { a: ${page('$f')} b: ${page('$f')} c: ${page('$f')} }`, variables: { f: 1000 } });
    expect(ext(largeAgain)).toMatchObject({ reason: 'COST_LIMIT', cost: ext(byVariable).cost });
    const literalAgain = await send({ query: `{ a: ${page('1000')} b: ${page('1000')} c: ${page('1000')} }` });
    expect(ext(literalAgain)).toMatchObject({ reason: 'COST_LIMIT', cost: ext(byLiteral).cost });
  });

  it('answers introspection only to a signed-in user', async () => {
    const anonymous = await send({ query: '{ __schema { queryType { name } } }' }, { authorization: null });
    expect(anonymous.body.data).toBeUndefined();
    expect(ext(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_REQUIRES_SIGN_IN' });
    const type = await send({ query: 'query { ...F } fragment F on Query { __type(name: "Person") { name } }' }, { authorization: null });
    expect(ext(type)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await send({ query: '{ __typename }' }, { authorization: null })).body.data).toEqual({ __typename: 'Query' });
    const signedIn = await send({ query: '{ __schema { queryType { name } } }' });
    expect(signedIn.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe.each(testProviders)('money beyond 64-bit fen on %s', (provider) => {
  let s: TestServer;
  const t = {} as Record<'admin' | 'finance', string>;
  let person: { id: string; employeeNo: string; version: number };
  beforeAll(async () => {
    s = await startTestServer(provider);
    t.admin = await s.login('admin');
    t.finance = await s.login('finance');
    person = await s.db.prisma.person.findFirstOrThrow({ where: { status: 'ACTIVE', position: 'SALES_REP', hireDate: { lt: new Date('2025-01-01') } }, orderBy: { employeeNo: 'asc' } });
  });
  afterAll(() => s.close());

  const MAX = '92233720368547758.07';
  const OVER = '92233720368547758.08';
  const IMPORT = 'mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }';

  it('refuses an amount one fen beyond the range as BAD_USER_INPUT, as a variable or a literal, and changes nothing', async () => {
    for (const amount of [OVER, '-92233720368547758.09', '1' + '0'.repeat(400)]) {
      const r = await s.refused(IMPORT, { r: [{ externalId: 'BIG', employeeNo: person.employeeNo, date: '2026-02-02', amount }] }, t.finance);
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0]!.extensions).toMatchObject({ reason: 'MONEY_OUT_OF_RANGE' });
      expect(r.errors![0]!.message).toMatch(/beyond the supported range/);
    }
    const literal = await s.refused(`mutation { importSalesActuals(records: [{ externalId: "BIG", employeeNo: "${person.employeeNo}", date: "2026-02-02", amount: "${OVER}" }]) { created } }`, {}, t.finance);
    expect(codeOf(literal)).toBe('BAD_USER_INPUT');
    expect(literal.errors![0]!.message).toMatch(/beyond the supported range/);
    const salary = await s.refused('mutation($id: ID!, $v: Int!, $i: UpdatePersonInput!) { updatePerson(id: $id, version: $v, input: $i) { id } }', { id: person.id, v: person.version, i: { baseSalary: OVER } }, t.admin);
    expect(salary.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_OUT_OF_RANGE' });
  });

  it('refuses a plan document with an amount beyond the range', async () => {
    const plans = await s.gql('{ compensationPlans { code document } }', {}, t.admin);
    expect(plans.errors).toBeUndefined();
    const doc = JSON.parse(plans.data.compensationPlans[0].document);
    const text = JSON.stringify(doc).replace(/"(\d+(?:\.\d{1,2})?)"/, `"${'9'.repeat(30)}"`);
    expect(text).not.toBe(JSON.stringify(doc));
    const r = await s.refused('mutation($d: String!) { saveCompensationPlan(document: $d, effectiveFrom: "2026-01-01") { id } }', { d: text }, t.admin);
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors![0]!.extensions)).toMatch(/within ±92233720368547758\.07/);
  });

  it('refuses a payroll calculation whose payslip would overflow, naming the employee, and changes nothing', async () => {
    const unitId = (await s.db.prisma.assignment.findFirstOrThrow({ where: { personId: person.id, validTo: null } })).unitId;
    const u = await s.gql('mutation($id: ID!, $v: Int!, $i: UpdatePersonInput!) { updatePerson(id: $id, version: $v, input: $i) { id } }', { id: person.id, v: person.version, i: { baseSalary: MAX } }, t.admin);
    expect(u.errors).toBeUndefined();
    const adj = await s.gql('mutation($p: ID!) { addPayAdjustment(personId: $p, month: "2026-03", amount: "500.00", reason: "奖励", approvedBy: "director") }', { p: person.id }, t.finance);
    expect(adj.errors).toBeUndefined();
    const c = await s.gql('mutation($u: ID!) { createPayrollRun(month: "2026-03", scopeUnitId: $u) { run { id revision } } }', { u: unitId }, t.finance);
    expect(c.errors).toBeUndefined();
    const run = c.data.createPayrollRun.run;
    const r = await s.refused('mutation($id: ID!, $revision: Int!) { calculatePayrollRun(id: $id, revision: $revision) { run { status } } }', { id: run.id, revision: run.revision }, t.finance);
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MONEY_OUT_OF_RANGE', employeeNo: person.employeeNo });
    expect(r.errors![0]!.message).toContain(person.employeeNo);
  });
});

describe('the client address for sign-in throttling', () => {
  const req = { socket: { remoteAddress: '10.1.1.1' } } as any;
  const request = new Request('http://localhost/graphql', { headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.9' } });
  it('is the socket peer unless proxies are trusted, and never a forwarded entry the client wrote itself', () => {
    expect(clientAddress(request, req, 0)).toBe('10.1.1.1');
    expect(clientAddress(request, req, 1)).toBe('203.0.113.9');
    expect(clientAddress(new Request('http://localhost/graphql'), req, 1)).toBe('10.1.1.1');
  });
});

/** A zip built by hand, so a test can make one that expands enormously (and, optionally, lies about it). */
function zipOf(files: { name: string; data: Buffer; declaredSize?: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const packed = zlib.deflateRawSync(f.data, { level: 9 });
    const crc = zlib.crc32(f.data);
    const size = f.declaredSize ?? f.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

describe.each(testProviders)('uploaded files within limits on %s', (provider) => {
  let s: TestServer;
  let finance: string;
  let employeeNo: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    finance = await s.login('finance');
    employeeNo = (await s.db.prisma.person.findFirstOrThrow({ where: { hireDate: { lt: new Date('2024-01-01') }, status: 'ACTIVE' } })).employeeNo;
  });
  afterAll(() => s.close());

  const upload = async (name: string, bytes: Uint8Array | string) => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: 'mutation($f: File!) { importSalesFile(file: $f) { created } }', variables: { f: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.f'] }));
    form.set('0', new File([bytes as BlobPart], name));
    const res = await s.app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${finance}` }, body: form });
    return (await res.json()) as GqlResult & { errors?: { message: string; extensions: Record<string, unknown> }[] };
  };
  const refusedUpload = async (name: string, bytes: Uint8Array | string, limit?: string) => {
    const before = await databaseSnapshot(s.db);
    const started = Date.now();
    const r = await upload(name, bytes);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', ...(limit ? { reason: 'FILE_LIMIT', limit } : {}) });
    expect(await databaseSnapshot(s.db)).toBe(before);
    return { error: r.errors![0]!, ms: Date.now() - started };
  };

  it('refuses a small workbook that expands to one 100 MB string, quickly, naming the decompressed size', async () => {
    const huge = Buffer.concat([Buffer.from('<sst><si><t>'), Buffer.alloc(100 * 1024 * 1024, 'a'), Buffer.from('</t></si></sst>')]);
    const bomb = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/sharedStrings.xml', data: huge }]);
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { error, ms } = await refusedUpload('bomb.xlsx', bomb, 'decompressedBytes');
    expect(error.message).toMatch(/expands to 10[01] MB; at most 64 MB/);
    expect(ms).toBeLessThan(2000);
    // The same zip lying about its sizes is refused too (by the parser, its memory or its time), never an internal error.
    const liar = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/sharedStrings.xml', data: huge, declaredSize: 1000 }]);
    await refusedUpload('liar.xlsx', liar);
  });

  it('refuses a CSV beyond the rows, cells or string-length limits, naming the limit', async () => {
    const header = 'externalId,employeeNo,date,amount\n';
    const rows = header + Array.from({ length: 50_001 }, (_, i) => `R${i},${employeeNo},2025-03-01,1.00`).join('\n');
    expect((await refusedUpload('rows.csv', rows, 'rows')).error.message).toMatch(/at most 50000/);
    const wide = header + Array.from({ length: 40 }, () => '1,'.repeat(30_000)).join('\n');
    await refusedUpload('wide.csv', wide, 'cells');
    const long = `${header}X-1,${employeeNo},2025-03-01,"${'名'.repeat(40_000)}"\n`;
    expect((await refusedUpload('long.csv', long, 'stringLength')).error.message).toMatch(/CSV!D2 holds 40000 characters; a cell may hold at most 32767/);
  });

  it('refuses a workbook beyond the rows or string-length limits', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sales');
    ws.addRow(['externalId', 'employeeNo', 'date', 'amount']);
    ws.addRow(['X-1', employeeNo, '2025-03-01', 'x'.repeat(33_000)]);
    const r = await refusedUpload('long.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), 'stringLength');
    expect(r.error.message).toMatch(/Sales!D2 holds 33000 characters/);
  });

  it('stops a parse that takes too long, naming the time limit', async () => {
    const rows = 'externalId,employeeNo,date,amount\n' + Array.from({ length: 20_000 }, (_, i) => `T${i},${employeeNo},2025-03-01,1.00`).join('\n');
    await expect(readGrid('slow.csv', new TextEncoder().encode(rows), /^sales/i, { ...FILE_LIMITS, timeMs: 1 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'timeMs' } });
  });

  it('answers other requests while a large file parses', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sales');
    ws.addRow(['externalId', 'employeeNo', 'date', 'amount', 'customer']);
    for (let i = 0; i < 25_000; i++) ws.addRow([`L-${i}`, 'NOBODY', '2025-03-01', 1, `客户 ${i}`]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    let uploadDone = 0;
    const pending = upload('large.xlsx', bytes).then((r) => ((uploadDone = Date.now()), r));
    await new Promise((r) => setTimeout(r, 50));
    const asked = Date.now();
    const viewer = await s.gql('{ viewer { username } }', {}, finance);
    const answered = Date.now();
    expect(viewer.data.viewer.username).toBe('finance');
    expect(answered - asked).toBeLessThan(1000);
    const r = await pending;
    expect(uploadDone).toBeGreaterThan(answered);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT'); // nobody has employee number NOBODY
  });
});
