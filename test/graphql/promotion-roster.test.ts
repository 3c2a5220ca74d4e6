/**
 * Promotion proposals for a past month count a mentor's trainees as the
 * roster stood in that month (brief §1): one who has left since still
 * counts, with their sales of the month; one hired after it does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/harness.ts';
import { testProviders } from '../support/databases.ts';
import { addDays, today } from '../../schema/dates.ts';

const PROPOSALS = 'query($m: String!) { promotionProposals(month: $m) { personId from to checks { criterion required actual met } } }';

describe.each(testProviders)('promotion proposals and the month’s roster on %s', (provider) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer(provider);
    admin = await s.login('admin');
  });
  afterAll(() => s.close());
  /** A rep hired in 2025 into the demo's first team, with this rank and mentor. */
  const person = async (employeeNo: string, rank: string, mentorId: string | null = null) => {
    const unit = (await s.db.prisma.orgUnit.findFirstOrThrow({ where: { kind: 'TEAM' }, orderBy: { code: 'asc' } })).id;
    const r = await s.gql('mutation($i: CreatePersonInput!) { createPerson(input: $i) { id version } }', {
      i: { employeeNo, name: `学员${employeeNo}`, position: 'SALES_REP', rank, hireDate: '2025-01-01', unitId: unit, mentorId, baseSalary: '3000.00' },
    }, admin);
    expect(r.errors).toBeUndefined();
    return r.data.createPerson as { id: string; version: number };
  };

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
  /**
   * An SR (employee number `${key}-M`) selling 20,000.00 in the month with two trainees at 15,000.00 each: enough for SE, and on
   * its own figures for SSE too; and their proposal for the month.
   */
  const proposedRep = async (key: string, month: string) => {
    const rep = await person(`${key}-M`, 'SR');
    await person(`${key}-T1`, 'SR', rep.id);
    await person(`${key}-T2`, 'SR', rep.id);
    const sold = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: `${key}-S0`, employeeNo: `${key}-M`, date: `${month}-09`, amount: '20000.00' },
        { externalId: `${key}-S1`, employeeNo: `${key}-T1`, date: `${month}-10`, amount: '15000.00' },
        { externalId: `${key}-S2`, employeeNo: `${key}-T2`, date: `${month}-11`, amount: '15000.00' },
      ],
    }, await s.login('finance'));
    expect(sold.errors).toBeUndefined();
    const proposalOf = async () => (await s.gql(PROPOSALS, { m: month }, admin)).data.promotionProposals.find((p: any) => p.personId === rep.id);
    expect(await proposalOf()).toMatchObject({ from: 'SR', to: 'SE' });
    return { rep, proposalOf };
  };
  it('goes one step on a month’s figures: once SR → SE is applied for July, July proposes nothing more (not SE → SSE on the same figures)', async () => {
    const { rep, proposalOf } = await proposedRep('PS', '2026-07');
    const applied = await s.gql('mutation($p: ID!, $v: Int!) { decidePromotion(personId: $p, version: $v, month: "2026-07", toRank: SE, apply: true) }', { p: rep.id, v: rep.version }, admin);
    expect(applied.errors).toBeUndefined();
    expect(await proposalOf()).toBeUndefined();
    const again = await s.gql('mutation($p: ID!, $v: Int!) { decidePromotion(personId: $p, version: $v, month: "2026-07", toRank: SSE, apply: true) }', { p: rep.id, v: rep.version + 1 }, admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ reason: 'NO_PROMOTION_PROPOSAL' });
    expect((await s.db.prisma.person.findUniqueOrThrow({ where: { id: rep.id } })).rank).toBe('SE');
    // August's figures are August's: nothing sold, nothing proposed.
    expect((await s.gql(PROPOSALS, { m: '2026-08' }, admin)).data.promotionProposals.find((p: any) => p.personId === rep.id)).toBeUndefined();
  });
  it('proposes nobody who is leaving: a leave date set ahead keeps their status (on probation, at work) but not a proposal', async () => {
    const { rep, proposalOf } = await proposedRep('PL', '2026-09');
    const leaving = await s.gql('mutation($id: ID!, $d: Date!, $v: Int!) { deactivatePerson(id: $id, leaveDate: $d, version: $v) { status } }', { id: rep.id, d: addDays(today(), 30), v: rep.version }, admin);
    expect(leaving.data.deactivatePerson.status).toBe('ACTIVE');
    expect(await proposalOf()).toBeUndefined();
  });
  it('counts a trainee under the mentor they had in the month: given another mentor from the month after, they still count for it; from the month itself, not', async () => {
    // An SE selling 15,000.00 in May 2026 with two trainees at 16,000.00 each: SSE (two trainees selling 30,000.00).
    const mentor = await person('PM-M', 'SE');
    const other = await person('PM-N', 'SE');
    await person('PM-T1', 'SR', mentor.id);
    const moved = await person('PM-T2', 'SR', mentor.id);
    const sold = await s.gql('mutation($r: [SaleInput!]!) { importSalesActuals(records: $r) { created } }', {
      r: [
        { externalId: 'PM-S0', employeeNo: 'PM-M', date: '2026-05-06', amount: '15000.00' },
        { externalId: 'PM-S1', employeeNo: 'PM-T1', date: '2026-05-07', amount: '16000.00' },
        { externalId: 'PM-S2', employeeNo: 'PM-T2', date: '2026-05-08', amount: '16000.00' },
      ],
    }, await s.login('finance'));
    expect(sold.errors).toBeUndefined();
    const proposalOf = async () => (await s.gql(PROPOSALS, { m: '2026-05' }, admin)).data.promotionProposals.find((p: any) => p.personId === mentor.id);
    const before = await proposalOf();
    expect(before).toMatchObject({ from: 'SE', to: 'SSE' });
    const MOVE = 'mutation($id: ID!, $v: Int!, $m: ID, $from: Date) { updatePerson(id: $id, version: $v, input: { mentorId: $m }, payFrom: $from) { version } }';
    const june = await s.gql(MOVE, { id: moved.id, v: moved.version, m: other.id, from: '2026-06-01' }, admin);
    expect(june.errors).toBeUndefined();
    expect(await proposalOf()).toEqual(before);
    // The same change dated from 1 May: May's second trainee is the other mentor's, and one trainee is not enough.
    const may = await s.gql(MOVE, { id: moved.id, v: june.data.updatePerson.version, m: mentor.id, from: '2026-06-01' }, admin);
    expect(may.errors).toBeUndefined();
    expect(await proposalOf()).toEqual(before);
    expect((await s.gql(MOVE, { id: moved.id, v: may.data.updatePerson.version, m: other.id, from: '2026-05-01' }, admin)).errors).toBeUndefined();
    expect(await proposalOf()).toBeUndefined();
  });
  it('answers for a whole company: with 1,200 ranked people the proposals are read without a list of their ids', async () => {
    const p = s.db.prisma;
    const have = await p.person.count({ where: { rank: { not: null }, status: { not: 'LEFT' } } });
    const n = Math.max(0, 1200 - have);
    for (let i = 0; i < n; i += 200) {
      await p.person.createMany({
        data: Array.from({ length: Math.min(200, n - i) }, (_, k) => ({ employeeNo: `BULK${i + k}`, name: `批量${i + k}`, position: 'SALES_REP' as const, rank: 'SR' as const, hireDate: new Date('2025-01-01T00:00:00Z'), baseSalaryFen: 300_000n, status: 'ACTIVE' as const })),
      });
    }
    const r = await s.gql(PROPOSALS, { m: '2026-03' }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data.promotionProposals.find((x: any) => x.from === 'SE' && x.to === 'SSE')).toBeDefined();
  });
});
