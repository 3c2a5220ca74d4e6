/**
 * The demo's leave requests (请假, domain §6), so that the manager's Leave
 * screen has requests to decide on first start and a rep sees theirs. Reps
 * of the demo `manager`'s area ask for leave on coming working days (leave
 * is asked for before it is taken; nothing is dated today or earlier): the
 * demo rep twice (one waiting, one refused with the reason), three other
 * reps once each (two waiting, one approved with a comment). The manager
 * decides. Everything goes through the services the pane calls
 * (server/payroll/leave.ts requestLeave, decideLeave), each step as the
 * person whose step it is: the demo rep and the manager as their users, a
 * rep without a sign-in as themself (audited under their employee number).
 * Deterministic for a given today; a request reaching into a locked period
 * is left out, as the service would refuse it.
 */
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Viewer } from '../auth/sessions.ts';
import type { AttendanceStatus } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate, type IsoDay } from '../../schema/dates.ts';
import { decideLeave, leaveSpan, requestLeave } from '../payroll/leave.ts';
import { fiscalCalendar, lockedAmong } from '../targets/calendar.ts';
import { contextFor, viewerOf } from './demo-payroll.ts';
import { demoCalendar, workingDayFrom } from './demo-field-work.ts';
import { demoClock } from './demo-scorecards.ts';

export interface DemoLeave {
  requested: number;
  approved: number;
  rejected: number;
}

type Decision = 'APPROVE' | 'REJECT' | null;

/** Who asks (the demo rep, or the n-th other rep of the area), from which coming working day for how many, and what the manager decides. */
export const DEMO_LEAVE: { who: 'rep' | number; kind: AttendanceStatus; from: number; days: number; reason: string; decision: Decision; comment: string | null }[] = [
  { who: 'rep', kind: 'PERSONAL_LEAVE', from: 3, days: 1, reason: '办理房产过户手续，需本人到场', decision: null, comment: null },
  { who: 0, kind: 'SICK_LEAVE', from: 2, days: 2, reason: '腰椎旧伤复发，医院复查后需卧床休息', decision: null, comment: null },
  { who: 1, kind: 'PERSONAL_LEAVE', from: 6, days: 1, reason: '孩子学校家长会', decision: null, comment: null },
  { who: 2, kind: 'PERSONAL_LEAVE', from: 8, days: 3, reason: '回老家参加弟弟婚礼', decision: 'APPROVE', comment: '已安排同组同事代为跟进重点客户' },
  { who: 'rep', kind: 'PERSONAL_LEAVE', from: 12, days: 2, reason: '外出旅游', decision: 'REJECT', comment: '那两天有重点客户订货会，组里人手不够，请改期再申请' },
];

/** A rep without a sign-in, acting for themself. */
const personViewer = (p: { id: string; name: string; employeeNo: string }): Viewer => ({
  userId: `demo-person:${p.id}`,
  username: p.employeeNo,
  sessionId: 'seed',
  roles: ['REP'],
  personId: p.id,
  personName: p.name,
});

/** Seeds the leave requests described above; nothing when the demo users are missing. */
export async function seedDemoLeave(prisma: Db, config: Config, today: IsoDay): Promise<DemoLeave | null> {
  const [managerUser, repUser] = await Promise.all(['manager', 'rep'].map((u) => viewerOf(prisma, u)));
  if (!managerUser?.personId || !repUser?.personId) return null;
  const area = await prisma.orgUnit.findFirst({ where: { managerId: managerUser.personId }, orderBy: { path: 'asc' }, select: { path: true } });
  if (!area) return null;
  // The area's other reps who are on its roster today and staying.
  const others = await prisma.person.findMany({
    where: {
      id: { notIn: [repUser.personId, managerUser.personId] },
      position: 'SALES_REP',
      leaveDate: null,
      hireDate: { lte: dayToDate(today) },
      assignments: { some: { validFrom: { lte: dayToDate(today) }, validTo: null, unit: { path: { startsWith: area.path } } } },
    },
    select: { id: true, name: true, employeeNo: true },
    orderBy: { employeeNo: 'asc' },
  });
  const calendar = demoCalendar(today);
  const asManager = contextFor(prisma, config, managerUser, demoClock(today, 15));
  const fiscal = await fiscalCalendar(asManager);
  const made: DemoLeave = { requested: 0, approved: 0, rejected: 0 };
  for (const leave of DEMO_LEAVE) {
    const requester = leave.who === 'rep' ? repUser : others[leave.who] ? personViewer(others[leave.who]!) : null;
    if (!requester) continue;
    const from = workingDayFrom(calendar, today, leave.from);
    const to = leave.days > 1 ? workingDayFrom(calendar, from, leave.days - 1) : from;
    if ((await lockedAmong(prisma, [leaveSpan(dayToDate(from), dayToDate(to))], fiscal)).length) continue;
    const r = await requestLeave(contextFor(prisma, config, requester, demoClock(today, 9)), { kind: leave.kind, from: dayToDate(from), to: dayToDate(to), reason: leave.reason });
    if (!leave.decision) {
      made.requested++;
      continue;
    }
    await decideLeave(asManager, r.id, leave.decision === 'APPROVE', leave.comment);
    if (leave.decision === 'APPROVE') made.approved++;
    else made.rejected++;
  }
  return made;
}
