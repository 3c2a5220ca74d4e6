/**
 * The demo's KPI scorecards (考核表, domain §5), so that the Scorecards
 * screen, the promotion proposals and a rep's My payslip show grades on
 * first start. For last month (relative to today), the demo `manager`
 * opens, scores and submits the scorecard of each rep and team lead of their
 * area employed all month; the sales director (`director`, the manager
 * above them with a sign-in) approves them, all but the last three reps'
 * (never the demo rep's), which wait for the director's decision. For the
 * current month the manager has opened two reps' scorecards, one of them
 * partly scored: drafts.
 *
 * Everything goes through the services the pane calls (server/kpi/
 * scorecards.ts), as those users, so events, audit trail, totals and grades
 * are real: the computed indicators come from the demo's sales and targets,
 * the manager's scores are whole points picked per person and indicator
 * (one below the comment threshold, with its comment). Deterministic for a
 * given today. A locked month is left alone, as the services would refuse it.
 */
import type { Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Context } from '../context.ts';
import { fixedClock, systemClock, type Clock } from '../clock.ts';
import type { ScorecardStatus } from '../db/generated/sqlite/client/enums.ts';
import { dayToDate, type IsoDay } from '../../schema/dates.ts';
import { period } from '../../schema/periods.ts';
import { fiscalCalendar, lockedAmong } from '../targets/calendar.ts';
import { approveScorecard, openScorecard, saveScores, submitScorecard, type ScorecardView } from '../kpi/scorecards.ts';
import type { ScoreEntry } from '../../schema/kpi.ts';
import { contextFor, monthsBefore, viewerOf } from './demo-payroll.ts';

export interface DemoScorecards {
  month: string;
  approved: number;
  submitted: number;
  /** The current month's drafts. */
  drafts: number;
}

/** How many of last month's rep scorecards are left waiting for the director. */
export const WAITING_FOR_DIRECTOR = 3;
/** How many reps' scorecards of the current month the manager has opened. */
export const CURRENT_DRAFTS = 2;

export const LOW_SCORE_COMMENT = '本月两次迟到、一次日报漏交，考勤与行政事务需改进';
export const APPROVE_COMMENT = '评分与当月业绩相符，同意';

/**
 * The clock the demo users act at: the machine's on the day itself, else
 * (a demo seeded for another day: tests, replays) that day at `hour`, China
 * time, so that what they do is dated on it.
 */
export function demoClock(today: IsoDay, hour: number): Clock {
  return today === systemClock.today() ? systemClock : fixedClock(`${today}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/** A manager's whole-point scores out of each scored line's maximum: mostly 7-10 of 10, one person's admin line 5 with a comment. */
export function demoScores(lines: readonly Pick<ScorecardView['lines'][number], 'code' | 'group' | 'computation' | 'maxScore'>[], personIndex: number): ScoreEntry[] {
  const levels = [9, 8, 8, 7, 9, 8, 10, 7, 8, 9];
  const swing = [0, 1, -1, 0, 1, 0, -1];
  return lines
    .filter((l) => !l.computation && l.maxScore !== null)
    .map((l, j) => {
      const max = l.maxScore!;
      if (personIndex === 4 && l.group === 'ADMIN') return { code: l.code, score: String(Math.floor(max / 2)), comment: LOW_SCORE_COMMENT };
      const outOfTen = Math.min(10, Math.max(6, levels[personIndex % levels.length]! + swing[(personIndex + j) % swing.length]!));
      return { code: l.code, score: String(Math.round((max * outOfTen) / 10)), comment: null };
    });
}

/**
 * Seeds the scorecards described above into a database the demo organisation
 * (with its results) was just written to. Returns what it made; nothing
 * when the demo users are missing.
 */
export async function seedDemoScorecards(prisma: Db, config: Config, today: IsoDay): Promise<DemoScorecards | null> {
  const [managerUser, directorUser] = await Promise.all(['manager', 'director'].map((u) => viewerOf(prisma, u)));
  if (!managerUser?.personId || !directorUser) return null;
  const area = await prisma.orgUnit.findFirst({ where: { managerId: managerUser.personId }, orderBy: { path: 'asc' }, select: { path: true } });
  if (!area) return null;
  const repUser = await prisma.user.findUnique({ where: { username: 'rep' }, select: { personId: true } });
  const asManager = (hour: number): Context => contextFor(prisma, config, managerUser, demoClock(today, hour));
  const asDirector = contextFor(prisma, config, directorUser, demoClock(today, 11));
  const calendar = await fiscalCalendar(asDirector);
  const open = async (key: string) => !(await lockedAmong(prisma, [period(key, calendar)], calendar)).length;

  /** The reps and team leads in the area's units all through [start, end], reps first, then by employee number. */
  const people = async (start: IsoDay, end: IsoDay) => {
    const found = await prisma.person.findMany({
      where: {
        id: { not: managerUser.personId! },
        position: { in: ['SALES_REP', 'ACCOUNT_MANAGER'] },
        hireDate: { lte: dayToDate(start) },
        OR: [{ leaveDate: null }, { leaveDate: { gte: dayToDate(end) } }],
        assignments: { some: { validFrom: { lte: dayToDate(start) }, OR: [{ validTo: null }, { validTo: { gt: dayToDate(end) } }], unit: { path: { startsWith: area.path } } } },
      },
      select: { id: true, position: true, employeeNo: true },
      orderBy: { employeeNo: 'asc' },
    });
    return [...found.filter((p) => p.position === 'SALES_REP'), ...found.filter((p) => p.position !== 'SALES_REP')];
  };

  const made: DemoScorecards = { month: monthsBefore(today, 1), approved: 0, submitted: 0, drafts: 0 };
  const count = (status: ScorecardStatus) => {
    if (status === 'APPROVED') made.approved++;
    else if (status === 'SUBMITTED') made.submitted++;
  };

  // Last month: scored and submitted by the manager, approved by the director but for the last reps.
  if (await open(made.month)) {
    const p = period(made.month, calendar);
    const scored = await people(p.start, p.end);
    const reps = scored.filter((x) => x.position === 'SALES_REP' && x.id !== repUser?.personId);
    const waiting = new Set(reps.slice(-WAITING_FOR_DIRECTOR).map((x) => x.id));
    for (const [i, person] of scored.entries()) {
      const ctx = asManager(9);
      const card = await openScorecard(ctx, person.id, made.month);
      // A scorecard whose computed indicators have no value (a rep the plans gave no target) cannot be submitted: left out.
      if (card.lines.some((l) => l.computation && l.value === null)) continue;
      const saved = await saveScores(ctx, card.id, card.revision, demoScores(card.lines, i));
      let done = await submitScorecard(asManager(10), saved.id, saved.revision);
      if (!waiting.has(person.id)) done = await approveScorecard(asDirector, done.id, done.revision, i % 3 === 0 ? APPROVE_COMMENT : null);
      count(done.status);
    }
  }

  // This month: two reps' drafts, the first partly scored.
  const current = monthsBefore(today, 0);
  if (await open(current)) {
    const p = period(current, calendar);
    const reps = (await people(p.start, today)).filter((x) => x.position === 'SALES_REP' && x.id !== repUser?.personId).slice(0, CURRENT_DRAFTS);
    for (const [i, person] of reps.entries()) {
      const ctx = asManager(9);
      const card = await openScorecard(ctx, person.id, current);
      if (i === 0) await saveScores(ctx, card.id, card.revision, demoScores(card.lines, i).slice(0, 2));
      made.drafts++;
    }
  }
  return made;
}
