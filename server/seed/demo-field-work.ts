/**
 * The demo's field work (issue 11 §4): visit slips (出访单) in every state
 * and the attendance days they explain, so the manager's Visit slips screen,
 * the sheet of field-visit days without a slip and the payslip's explanation
 * show something on first start.
 *
 * Around today, for up to 24 reps (the demo rep user's own left empty, like
 * their plan): a visit checked in order, one checked and found wanting, one
 * approved and back (waiting for its check), one approved for the coming
 * days, one waiting for a decision and one rejected with the reason. Past
 * visits are FIELD_VISIT attendance days; every fifth rep also has a field
 * visit no slip covers (paid as an absence by default), and a few were late.
 * Deterministic for a given today; only working days are used.
 */
import type { Prisma } from '../db/client.ts';
import { addDays, chinaTimeOf, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { CN_CALENDAR, isWorkingDay, workingCalendar, type WorkingCalendar } from '../../schema/working-calendar.ts';
import { seedDays } from '../payroll/working-calendar.ts';

const STATES = ['CHECKED_OK', 'APPROVED_NEXT', 'REQUESTED', 'CHECKED_WANTING', 'REJECTED', 'APPROVED_BACK'] as const;
const STATUS = { CHECKED_OK: 'CHECKED', CHECKED_WANTING: 'CHECKED', APPROVED_NEXT: 'APPROVED', APPROVED_BACK: 'APPROVED', REQUESTED: 'REQUESTED', REJECTED: 'REJECTED' } as const;
const PURPOSES = ['季度订货会前沟通新品价格与陈列方案', '回访上月新开客户，核对首批到货与回款', '处理客户投诉的破损退换，现场确认数量', '洽谈年度框架协议续签'];
const REJECT_COMMENT = '请先电话确认客户采购负责人在岗再出访';
const WANTING = '电话抽查：客户表示当天下午未见到业务员，仅上午短暂到访';
const IN_ORDER = '全面检查：客户签收单与拜访记录一致，订货意向已登记';

/** China time on a day: 09:00 out, 18:00 back. */
const at = (day: IsoDay, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/** The n-th working day before (n < 0) or after (n > 0) a day, never the day itself. */
export function workingDayFrom(calendar: WorkingCalendar, day: IsoDay, n: number): IsoDay {
  let d = day;
  for (let k = 0; k < Math.abs(n); ) {
    d = addDays(d, Math.sign(n));
    if (isWorkingDay(calendar, d)) k++;
  }
  return d;
}

/** The working calendar the demo dates its days by around today: the seeded years' holidays and make-up days, weekends alone beyond them. */
export function demoCalendar(today: IsoDay): WorkingCalendar {
  const year = Number(today.slice(0, 4));
  return workingCalendar(CN_CALENDAR, seedDays([year - 1, year, year + 1].filter((y) => y >= 2025 && y <= 2027)));
}

export async function seedDemoFieldWork(tx: Prisma.TransactionClient, today: IsoDay, skipPersonId: string | null): Promise<{ slips: number; attendance: number }> {
  const calendar = demoCalendar(today);
  const start = dayToDate(addDays(today, -60));
  const reps = await tx.person.findMany({
    where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: start }, id: skipPersonId ? { not: skipPersonId } : undefined, assignments: { some: { validTo: null } } },
    select: {
      id: true,
      assignments: { where: { validTo: null }, select: { unit: { select: { id: true, path: true } } }, take: 1 },
      customers: { select: { id: true, name: true, contacts: { where: { primary: true }, select: { name: true }, take: 1 } }, take: 1, orderBy: { code: 'asc' } },
    },
    orderBy: { employeeNo: 'asc' },
    take: 24,
  });
  const managers = await tx.orgUnit.findMany({ where: { managerId: { not: null } }, select: { path: true, manager: { select: { id: true, name: true } } } });
  /** The nearest manager above the rep (their own unit's first), never the rep. */
  const deciderOf = (repId: string, path: string) =>
    managers
      .filter((m) => path.startsWith(m.path) && m.manager!.id !== repId)
      .sort((a, b) => b.path.length - a.path.length)[0]?.manager?.name ?? null;

  const slips: Prisma.VisitSlipCreateManyInput[] = [];
  const attendance: Prisma.AttendanceDayCreateManyInput[] = [];
  const fieldVisit = (personId: string, day: IsoDay) => attendance.push({ personId, date: dayToDate(day), status: 'FIELD_VISIT', note: '外出拜访' });
  for (const [i, rep] of reps.entries()) {
    const unit = rep.assignments[0]!.unit;
    const customer = rep.customers[0];
    const state = STATES[i % STATES.length]!;
    const decider = deciderOf(rep.id, unit.path);
    // Past visits spread over the last three weeks; coming ones over the next week.
    const past = workingDayFrom(calendar, today, -(2 + (i % 12)));
    const coming = workingDayFrom(calendar, today, 1 + (i % 4));
    const [out, back] =
      state === 'APPROVED_BACK' ? [workingDayFrom(calendar, past, -1), past] : state === 'APPROVED_NEXT' || state === 'REQUESTED' || state === 'REJECTED' ? [coming, coming] : [past, past];
    const decided = state !== 'REQUESTED';
    const checked = state === 'CHECKED_OK' || state === 'CHECKED_WANTING';
    const decidedOn = workingDayFrom(calendar, out, -1) < today ? workingDayFrom(calendar, out, -1) : today;
    slips.push({
      personId: rep.id,
      unitId: unit.id,
      destination: customer ? `${customer.name}（客户现场）` : '区域重点客户集中走访',
      customerId: customer?.id ?? null,
      contactPerson: customer?.contacts[0]?.name ?? '采购负责人',
      purpose: PURPOSES[i % PURPOSES.length]!,
      plannedOut: at(out, 9),
      plannedBack: at(back, 18),
      status: STATUS[state],
      decidedBy: decided ? decider : null,
      decidedAt: decided ? at(decidedOn, 17) : null,
      decisionComment: state === 'REJECTED' ? REJECT_COMMENT : null,
      checkKind: checked ? (state === 'CHECKED_OK' ? 'FULL' : 'SPOT') : null,
      checkOk: checked ? state === 'CHECKED_OK' : null,
      checkResult: checked ? (state === 'CHECKED_OK' ? IN_ORDER : WANTING) : null,
      checkedBy: checked ? decider : null,
      checkedAt: checked ? at(workingDayFrom(calendar, back, 1) < today ? workingDayFrom(calendar, back, 1) : today, 10) : null,
      revision: 1 + (decided ? 1 : 0) + (checked ? 1 : 0),
    });
    if (state === 'CHECKED_OK' || state === 'CHECKED_WANTING') fieldVisit(rep.id, past);
    if (state === 'APPROVED_BACK') {
      fieldVisit(rep.id, out);
      fieldVisit(rep.id, back);
    }
    // Every fifth rep went out one day without a slip; every seventh was late once.
    if (i % 5 === 2) fieldVisit(rep.id, workingDayFrom(calendar, today, -(4 + (i % 9))));
    if (i % 7 === 3) attendance.push({ personId: rep.id, date: dayToDate(workingDayFrom(calendar, today, -(3 + (i % 5)))), status: 'LATE', lateMinutes: 12 + i });
  }
  // One row a person and day (a fifth rep's unslipped day may fall on a day already recorded).
  const seen = new Set<string>();
  const rows = attendance.filter((a) => {
    const k = `${a.personId}|${(a.date as Date).toISOString()}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  await tx.visitSlip.createMany({ data: slips });
  await tx.attendanceDay.createMany({ data: rows });
  // A visit checked in order is its customer's latest visit, as checkVisitSlip records it.
  for (const slip of slips) {
    if (slip.checkOk && slip.customerId) {
      const back = dayToDate(chinaTimeOf(slip.plannedBack as Date).day);
      await tx.customer.updateMany({ where: { id: slip.customerId, OR: [{ lastVisitOn: null }, { lastVisitOn: { lt: back } }] }, data: { lastVisitOn: back } });
    }
  }
  return { slips: slips.length, attendance: rows.length };
}
