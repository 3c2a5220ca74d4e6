/**
 * Promotion proposals for a past month count a mentor's trainees as the
 * roster stood in that month (brief §1): one who has left since still
 * counts, with their sales of the month; one hired after it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { today } from '../../schema/dates.ts';

const PROPOSALS = 'query($m: String!) { promotionProposals(month: $m) { personId from to checks { criterion required actual met } } }';

describe.each(testProviders)('promotion proposals and the month’s roster on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
  });
  afterAll(() => s.close());

  it('keeps a trainee who left after the month, and leaves out one hired after it', async () => {
    // A senior rep (SE) selling 15,000.00 in March 2026, who trained two reps selling 16,000.00 each: SSE asks for own sales of
    // 15,000.00 and two trainees selling 30,000.00.
    const month = '2026-03';
    const unit = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } })).id;
    const person = async (employeeNo: string, rank: string, hireDate: string, mentorId: string | null = null) => {
      const r = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }', {
        i: { employeeNo, name: `学员${employeeNo}`, position: 'SALES_REP', rank, hireDate, unitId: unit, mentorId, baseSalary: '3000.00' },
      }, admin);
      expect(r.errors).toBeUndefined();
      return r.data.createPerson as { id: string; version: number };
    };
    const mentor = await person('PR-M', 'SE', '2024-01-01');
    const first = await person('PR-T1', 'SR', '2025-01-01', mentor.id);
    const second = await person('PR-T2', 'SR', '2025-01-01', mentor.id);
    const finance = await s.login('finance');
    const sold = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: 'PR-S0', employeeNo: 'PR-M', date: '2026-03-09', amount: '15000.00' },
        { externalId: 'PR-S1', employeeNo: 'PR-T1', date: '2026-03-10', amount: '16000.00' },
        { externalId: 'PR-S2', employeeNo: 'PR-T2', date: '2026-03-01', amount: '16000.00' },
      ],
    }, finance);
    expect(sold.errors).toBeUndefined();
    const proposalOf = async () => (await s.gql(PROPOSALS, { m: month }, admin)).data.promotionProposals.find((p: any) => p.personId === mentor.id);
    const before = await proposalOf();
    expect(before).toMatchObject({ from: 'SE', to: 'SSE' });
    expect(before.checks).toEqual(expect.arrayContaining([
      { criterion: 'TRAINEES', actual: '2', required: '2', met: true },
      { criterion: 'TRAINEE_SALES', actual: '32000.00', required: '30000.00', met: true },
    ]));

    // One trainee leaves today; another joins today, trained by the same mentor. March is as it was.
    const left = await s.gql('mutation($id: ID!, $d: Date!, $v: Int!) { deactivatePerson(id: $id, leaveDate: $d, version: $v) { status } }', { id: first.id, d: today(), v: first.version }, admin);
    expect(left.errors).toBeUndefined();
    await person('PR-T3', 'SR', today(), mentor.id);
    expect(await proposalOf()).toEqual(before);
    // A trainee whose last day was the month's first day was on its roster too.
    const gone = await s.gql('mutation($id: ID!, $d: Date!, $v: Int!) { deactivatePerson(id: $id, leaveDate: $d, version: $v) { status } }', { id: second.id, d: '2026-03-01', v: second.version }, admin);
    expect(gone.errors).toBeUndefined();
    expect(await proposalOf()).toEqual(before);
  });
});
