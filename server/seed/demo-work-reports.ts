/**
 * The demo's work logs and reports (issue 11 §3), so the Work log & reports
 * and Log checks screens show figures on first start: three weeks and the
 * current one of daily logs (most on time, some late, some days missing),
 * weekly reports for those weeks (on time, late, missing, some commented by
 * the manager over the rep) and last month's monthly reports. Deterministic
 * for a given day. The demo rep user's own are left to fill in (their screen
 * starts empty), as with the rep plans.
 */
import type { Prisma } from '../db/client.ts';
import { addDays, dayToDate, type IsoDay } from '../../schema/dates.ts';
import { isWeekend } from '../../schema/working-calendar.ts';
import { mondayOf, monthlyReportDue } from '../../schema/work-reports.ts';
import { DEFAULT_DUE_DAY } from '../../schema/rep-plan.ts';

const NOTES = ['电话回访老客户，整理客户需求', '拜访重点客户，洽谈下月订单', '跟进报价，处理客户投诉', '参加晨会，开发新客户两家', '整理客户档案，电话预约拜访'];
const CUSTOMERS = ['华东商贸 王经理', '星湖电子 李总', '恒信建材 陈经理', '新客户 两家'];
const LOG_COMMENT = '记录清楚，明天重点跟进报价';
const WEEKLY_COMMENT = '本周拜访安排合理，注意回款';
const MONTHLY_COMMENT = '分析到位，下月加强新客户开发';

/** 18:00 China time on a day. */
const evening = (day: IsoDay) => new Date(`${day}T10:00:00.000Z`);

export async function seedDemoWorkReports(tx: Prisma.TransactionClient, today: IsoDay, skipPersonId: string | null): Promise<number> {
  const thisMonday = mondayOf(today);
  const first = addDays(thisMonday, -21);
  const reps = await tx.person.findMany({
    where: { position: 'SALES_REP', status: 'ACTIVE', hireDate: { lt: dayToDate(addDays(first, -31)) }, id: skipPersonId ? { not: skipPersonId } : undefined, assignments: { some: { validTo: null } } },
    select: {
      id: true,
      assignments: { where: { validTo: null }, take: 1, select: { unitId: true, unit: { select: { manager: { select: { name: true } }, parent: { select: { manager: { select: { name: true } } } } } } } },
    },
    orderBy: { employeeNo: 'asc' },
    take: 25,
  });
  const lastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
  const monthDue = monthlyReportDue(lastMonth, DEFAULT_DUE_DAY);
  let n = 0;
  for (const [i, rep] of reps.entries()) {
    const a = rep.assignments[0]!;
    const unitId = a.unitId;
    const manager = a.unit.manager?.name ?? a.unit.parent?.manager?.name ?? null;
    const kind = i % 4; // 0 diligent, 1 sometimes late, 2 misses Fridays, 3 lapsed for the last two weeks
    // Daily logs: working days from three weeks ago to yesterday.
    let k = 0;
    for (let d = first; d < today; d = addDays(d, 1), k++) {
      if (isWeekend(d)) continue;
      const friday = new Date(`${d}T00:00:00Z`).getUTCDay() === 5;
      if ((kind === 2 && friday) || (kind === 3 && d >= addDays(thisMonday, -7))) continue;
      const late = kind === 1 && new Date(`${d}T00:00:00Z`).getUTCDay() === 3;
      const commented = kind === 0 && new Date(`${d}T00:00:00Z`).getUTCDay() === 1 && !!manager;
      await tx.workLog.create({
        data: {
          personId: rep.id,
          unitId,
          day: dayToDate(d),
          calls: 5 + ((i + k) % 6),
          visits: (i + k) % 3 === 0 ? 1 : 0,
          deals: (i + k) % 7 === 0 ? 1 : 0,
          customersMet: CUSTOMERS[(i + k) % CUSTOMERS.length]!,
          notes: NOTES[(i + k) % NOTES.length]!,
          status: 'SUBMITTED',
          submittedAt: evening(late ? addDays(d, 2) : d),
          ...(commented ? { comment: LOG_COMMENT, commentedBy: manager, commentedAt: evening(addDays(d, 1)) } : {}),
        },
      });
      n++;
    }
    // Weekly reports: each Monday of the period (this week's too, when it has come).
    for (let m = first; m <= thisMonday && m <= today; m = addDays(m, 7)) {
      if (kind === 3 && m >= addDays(thisMonday, -7)) continue;
      const late = kind === 1 && m !== thisMonday;
      const commented = kind === 2 && !!manager;
      await tx.weeklyReport.create({
        data: {
          personId: rep.id,
          unitId,
          week: dayToDate(m),
          results: '上周完成客户回访和报价跟进，签单一笔',
          plan: '本周拜访三家重点客户，跟进两家新客户',
          marketFeedback: i % 2 ? '竞品降价约 5%，客户观望' : '客户对新品兴趣较高',
          problems: i % 3 ? '' : '交货期偏长，需要协调',
          status: 'SUBMITTED',
          submittedAt: evening(late ? addDays(m, 1) : m),
          ...(commented ? { comment: WEEKLY_COMMENT, commentedBy: manager, commentedAt: evening(addDays(m, 1) < today ? addDays(m, 1) : today) } : {}),
        },
      });
      n++;
    }
    // Last month's monthly report: on time, late or missing.
    if (i % 3 !== 2) {
      const late = i % 3 === 1;
      const submittedOn = late ? addDays(monthDue, 2) : addDays(monthDue, -1);
      await tx.monthlyReport.create({
        data: {
          personId: rep.id,
          unitId,
          month: lastMonth,
          dueOn: dayToDate(monthDue),
          results: '完成月度目标的 96%，新增客户三家',
          analysis: '老客户复购稳定，新客户开发偏慢',
          plan: '下月重点开发两家新客户，提高拜访频次',
          status: 'SUBMITTED',
          submittedAt: evening(submittedOn < today ? submittedOn : today),
          ...(i % 6 === 0 && manager ? { comment: MONTHLY_COMMENT, commentedBy: manager, commentedAt: evening(today) } : {}),
        },
      });
      n++;
    }
  }
  return n;
}
