/** Work logs, weekly and monthly reports (issue 11 §3): the rep's own, handed in; the manager's comments, spot check and who-handed-in sheet. */
import { z } from 'zod';
import { builder } from '../builder.ts';
import { WorkReportStatus } from '../../db/generated/sqlite/client/enums.ts';
import {
  commentWorkReport,
  monthlyReports,
  myMonthlyReport,
  myWeeklyReport,
  myWorkLog,
  myWorkMonth,
  saveMonthlyReport,
  saveWorkMonth,
  saveWeeklyReport,
  saveWorkLog,
  weeklyReports,
  workLogs,
  type MonthlyReportView,
  type MyMonthlyReport,
  type MyWeeklyReport,
  type MyWorkLog,
  type MyWorkMonth,
  type WeekFigures,
  type WeeklyReportView,
  type WorkLogView,
  type WorkReportCommon,
} from '../../work-reports/reports.ts';
import { setWorkLogSampleSize, workLogSampleSize, workLogSpotCheck, type SpotCheck } from '../../work-reports/spot-check.ts';
import { handedInSheet, type HandedInReport, type HandedInRow, type HandedInSheet } from '../../work-reports/roster.ts';
import { WORK_REPORT_LIMITS } from '../../../schema/work-reports.ts';

const id = z.string().min(1).max(64);
const day = z.string().min(1).max(16);
const month = z.string().min(1).max(10);
const text = (max: number) => z.string().max(max * 2);
const commenters = { manager: true, director: true } as const;
/** Sales people keep their own logs and reports. */
const keepers = { rep: true, manager: true } as const;

export const WorkReportStatusEnum = builder.enumType(WorkReportStatus, { name: 'WorkReportStatus', description: 'DRAFT (the rep’s, still changing) → SUBMITTED (handed in; a manager over them may comment).' });
const TimelinessEnum = builder.enumType('WorkReportTimeliness', {
  values: ['ON_TIME', 'LATE', 'DUE', 'MISSING', 'NOT_EXPECTED'] as const,
  description: 'Submitted on or before the due day, after it; not yet submitted with the day still to come, or after it has passed; NOT_EXPECTED (who handed in what): the person was not employed on its due day, and none was handed in.',
});
const KindEnum = builder.enumType('WorkReportKind', { values: ['WEEKLY', 'MONTHLY'] as const });

/** What every log and report shows. */
const WorkReportRef = builder.interfaceRef<WorkReportCommon>('WorkReport').implement({
  description: 'A work log, weekly or monthly report: whose, its status, when due and whether on time, and the manager’s comment.',
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitName: t.exposeString('unitName'),
    status: t.field({ type: WorkReportStatusEnum, resolve: (r) => r.status }),
    revision: t.exposeInt('revision'),
    dueOn: t.exposeString('dueOn', { description: 'The day it is due (YYYY-MM-DD, China time).' }),
    timeliness: t.field({ type: TimelinessEnum, resolve: (r) => r.timeliness }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    comment: t.exposeString('comment', { nullable: true, description: 'The manager’s comment.' }),
    commentedBy: t.exposeString('commentedBy', { nullable: true }),
    commentedAt: t.expose('commentedAt', { type: 'DateTime', nullable: true }),
    canEdit: t.exposeBoolean('canEdit', { description: 'The viewer’s own, still a draft.' }),
    canComment: t.exposeBoolean('canComment', { description: 'Submitted, and the viewer is a manager over the rep (or a director).' }),
  }),
});

const WorkLogRef = builder.objectRef<WorkLogView>('WorkLog').implement({
  description: 'A rep’s daily work log (工作日志).',
  interfaces: [WorkReportRef],
  fields: (t) => ({
    day: t.exposeString('day', { description: 'YYYY-MM-DD.' }),
    calls: t.exposeInt('calls'),
    visits: t.exposeInt('visits'),
    deals: t.exposeInt('deals'),
    customersMet: t.exposeString('customersMet'),
    notes: t.exposeString('notes', { description: 'The day’s main work.' }),
  }),
});

const WeekFiguresRef = builder.objectRef<WeekFigures>('WorkReportWeekFigures').implement({
  description: 'The reported week against the plan, computed on read.',
  fields: (t) => ({
    plannedSales: t.exposeString('plannedSales', { nullable: true, description: 'Yuan, from the rep’s handed-in plans; null without one.' }),
    actualSales: t.exposeString('actualSales', { description: 'Yuan, from the sales records.' }),
    plannedCalls: t.exposeInt('plannedCalls', { nullable: true }),
    plannedVisits: t.exposeInt('plannedVisits', { nullable: true }),
    actualCalls: t.exposeInt('actualCalls', { description: 'From the submitted logs.' }),
    actualVisits: t.exposeInt('actualVisits'),
    logsSubmitted: t.exposeInt('logsSubmitted'),
  }),
});

const WeeklyReportRef = builder.objectRef<WeeklyReportView>('WeeklyReport').implement({
  interfaces: [WorkReportRef],
  description: 'A rep’s weekly report (周报), keyed by the Monday of the week it plans; it reports the week before.',
  fields: (t) => ({
    week: t.exposeString('week', { description: 'The Monday of the week it plans.' }),
    reportedFrom: t.exposeString('reportedFrom'),
    reportedTo: t.exposeString('reportedTo'),
    results: t.exposeString('results', { description: 'Last week’s results.' }),
    plan: t.exposeString('plan', { description: 'This week’s plan.' }),
    marketFeedback: t.exposeString('marketFeedback'),
    problems: t.exposeString('problems'),
    figures: t.field({ type: WeekFiguresRef, resolve: (r) => r.figures }),
  }),
});

const MonthlyReportRef = builder.objectRef<MonthlyReportView>('MonthlyReport').implement({
  interfaces: [WorkReportRef],
  description: 'A rep’s monthly report (月报), due with the next month’s plan.',
  fields: (t) => ({
    month: t.exposeString('month'),
    results: t.exposeString('results'),
    analysis: t.exposeString('analysis'),
    plan: t.exposeString('plan', { description: 'Next month’s plan.' }),
  }),
});

const MyWorkLogRef = builder.objectRef<MyWorkLog>('MyWorkLog').implement({
  fields: (t) => ({ day: t.exposeString('day'), dueOn: t.exposeString('dueOn'), log: t.field({ type: WorkLogRef, nullable: true, resolve: (m) => m.log }) }),
});
const MyWeeklyReportRef = builder.objectRef<MyWeeklyReport>('MyWeeklyReport').implement({
  fields: (t) => ({
    week: t.exposeString('week'),
    reportedFrom: t.exposeString('reportedFrom'),
    reportedTo: t.exposeString('reportedTo'),
    dueOn: t.exposeString('dueOn'),
    report: t.field({ type: WeeklyReportRef, nullable: true, resolve: (m) => m.report }),
    figures: t.field({ type: WeekFiguresRef, nullable: true, description: 'The reported week’s figures as they stand; null for someone with no place in the organisation.', resolve: (m) => m.figures }),
  }),
});
const MyMonthlyReportRef = builder.objectRef<MyMonthlyReport>('MyMonthlyReport').implement({
  fields: (t) => ({ month: t.exposeString('month'), dueOn: t.exposeString('dueOn'), report: t.field({ type: MonthlyReportRef, nullable: true, resolve: (m) => m.report }) }),
});

const WorkMonthPersonRef = builder.objectRef<NonNullable<MyWorkMonth['person']>>('WorkMonthPerson').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name'), employeeNo: t.exposeString('employeeNo') }),
});
const MyWorkMonthRef = builder.objectRef<MyWorkMonth>('MyWorkMonth').implement({
  description: 'The viewer’s own logs and reports of a month, as the month’s sheet shows them.',
  fields: (t) => ({
    month: t.exposeString('month'),
    person: t.field({ type: WorkMonthPersonRef, nullable: true, description: 'Whose; null for someone with no place in the organisation.', resolve: (m) => m.person }),
    logs: t.field({ type: [WorkLogRef], description: 'The month’s logs saved so far, by day.', resolve: (m) => m.logs }),
    weeklyReports: t.field({ type: [MyWeeklyReportRef], description: 'One per Monday in the month (the week it plans), saved or not.', resolve: (m) => m.weeklyReports }),
    monthlyReport: t.field({ type: MyMonthlyReportRef, resolve: (m) => m.monthlyReport }),
  }),
});

const SpotCheckRef = builder.objectRef<SpotCheck>('WorkLogSpotCheck').implement({
  fields: (t) => ({
    week: t.exposeString('week'),
    size: t.exposeInt('size', { description: 'The sample size asked for (an admin’s setting).' }),
    candidates: t.exposeInt('candidates', { description: 'How many submitted logs of the week it was drawn from.' }),
    logs: t.field({ type: [WorkLogRef], resolve: (s) => s.logs }),
  }),
});

const HandedInReportRef = builder.objectRef<HandedInReport>('HandedInReport').implement({
  fields: (t) => ({
    kind: t.field({ type: KindEnum, resolve: (r) => r.kind }),
    period: t.exposeString('period', { description: 'The week’s Monday or the month.' }),
    id: t.exposeID('id', { nullable: true }),
    dueOn: t.exposeString('dueOn'),
    timeliness: t.field({ type: TimelinessEnum, resolve: (r) => r.timeliness }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    commented: t.exposeBoolean('commented'),
  }),
});
const HandedInRowRef = builder.objectRef<HandedInRow>('HandedInRow').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    personName: t.exposeString('personName'),
    employeeNo: t.exposeString('employeeNo'),
    unitName: t.exposeString('unitName'),
    workingDays: t.exposeInt('workingDays'),
    logsSubmitted: t.exposeInt('logsSubmitted'),
    logsOnTime: t.exposeInt('logsOnTime'),
    logsLate: t.exposeInt('logsLate'),
    logsMissing: t.exposeInt('logsMissing', { description: 'Working days whose log is overdue and not submitted.' }),
    logsNotYetDue: t.exposeInt('logsNotYetDue', { description: 'Working days whose log is not submitted and not due yet.' }),
    reports: t.field({ type: [HandedInReportRef], description: 'One per column of the sheet, in order.', resolve: (r) => r.reports }),
  }),
});
const HandedInColumnRef = builder.objectRef<HandedInSheet['columns'][number]>('HandedInColumn').implement({
  fields: (t) => ({ kind: t.field({ type: KindEnum, resolve: (c) => c.kind }), period: t.exposeString('period') }),
});
const HandedInSheetRef = builder.objectRef<HandedInSheet>('HandedInSheet').implement({
  fields: (t) => ({
    period: t.exposeString('period'),
    start: t.exposeString('start'),
    end: t.exposeString('end'),
    columns: t.field({ type: [HandedInColumnRef], resolve: (s) => s.columns }),
    rows: t.field({ type: [HandedInRowRef], resolve: (s) => s.rows }),
  }),
});

const WorkLogInput = builder.inputType('WorkLogInput', {
  fields: (t) => ({
    calls: t.int(),
    visits: t.int(),
    deals: t.int(),
    customersMet: t.string({ validate: text(WORK_REPORT_LIMITS.customersMax) }),
    notes: t.string({ validate: text(WORK_REPORT_LIMITS.notesMax) }),
  }),
});
const WeeklyReportInput = builder.inputType('WeeklyReportInput', {
  fields: (t) => ({
    results: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
    plan: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
    marketFeedback: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
    problems: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
  }),
});
const MonthlyReportInput = builder.inputType('MonthlyReportInput', {
  fields: (t) => ({
    results: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
    analysis: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
    plan: t.string({ validate: text(WORK_REPORT_LIMITS.textMax) }),
  }),
});

const WorkLogEntryInput = builder.inputType('WorkLogEntryInput', {
  fields: (t) => ({ day: t.string({ validate: day }), revision: t.int({ required: false }), input: t.field({ type: WorkLogInput }) }),
});
const WeeklyReportEntryInput = builder.inputType('WeeklyReportEntryInput', {
  fields: (t) => ({ week: t.string({ validate: day }), revision: t.int({ required: false }), input: t.field({ type: WeeklyReportInput }) }),
});
const MonthlyReportEntryInput = builder.inputType('MonthlyReportEntryInput', {
  fields: (t) => ({ revision: t.int({ required: false }), input: t.field({ type: MonthlyReportInput }) }),
});
const WorkMonthInput = builder.inputType('WorkMonthInput', {
  description: 'A month’s logs and reports handed in at once (from the month’s sheet): only those new or changed.',
  fields: (t) => ({
    logs: t.field({ type: [WorkLogEntryInput], validate: z.array(z.unknown()).max(31) }),
    weeklyReports: t.field({ type: [WeeklyReportEntryInput], validate: z.array(z.unknown()).max(5) }),
    monthlyReport: t.field({ type: MonthlyReportEntryInput, required: false }),
  }),
});

builder.queryFields((t) => ({
  myWorkMonth: t.field({
    type: MyWorkMonthRef,
    description: 'The viewer’s own logs of a month, the weekly report of each Monday in it and the month’s report, for the month’s sheet.',
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, a, ctx) => myWorkMonth(ctx, a.month.trim()),
  }),
  myWorkLog: t.field({
    type: MyWorkLogRef,
    description: 'The viewer’s own work log of a day (YYYY-MM-DD): null before the first save.',
    authScopes: { signedIn: true },
    args: { day: t.arg.string({ validate: day }) },
    resolve: (_r, a, ctx) => myWorkLog(ctx, a.day.trim()),
  }),
  myWeeklyReport: t.field({
    type: MyWeeklyReportRef,
    description: 'The viewer’s own weekly report for a week (its Monday), with the reported week’s figures against the plan.',
    authScopes: { signedIn: true },
    args: { week: t.arg.string({ validate: day }) },
    resolve: (_r, a, ctx) => myWeeklyReport(ctx, a.week.trim()),
  }),
  myMonthlyReport: t.field({
    type: MyMonthlyReportRef,
    description: 'The viewer’s own monthly report for a month.',
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, a, ctx) => myMonthlyReport(ctx, a.month.trim()),
  }),
  workLogs: t.field({
    type: [WorkLogRef],
    description: 'The work logs the viewer may read (a rep their own; a manager their subtree’s) from one day to another (at most 62 days, both included; a longer or backward range is refused, WORK_LOG_RANGE), optionally of one person.',
    authScopes: { signedIn: true },
    args: { from: t.arg.string({ validate: day }), to: t.arg.string({ validate: day }), personId: t.arg.id({ required: false }) },
    resolve: (_r, a, ctx) => workLogs(ctx, a.from.trim(), a.to.trim(), a.personId ? String(a.personId) : null),
  }),
  weeklyReports: t.field({
    type: [WeeklyReportRef],
    description: 'The weekly reports the viewer may read for a week (its Monday).',
    authScopes: { signedIn: true },
    args: { week: t.arg.string({ validate: day }) },
    resolve: (_r, a, ctx) => weeklyReports(ctx, a.week.trim()),
  }),
  monthlyReports: t.field({
    type: [MonthlyReportRef],
    description: 'The monthly reports the viewer may read for a month.',
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, a, ctx) => monthlyReports(ctx, a.month.trim()),
  }),
  workLogSpotCheck: t.field({
    type: SpotCheckRef,
    description: 'The viewer’s spot-check sample of a week’s submitted work logs (its Monday), from the people they manage; the same for the same manager, week and logs.',
    authScopes: commenters,
    args: { week: t.arg.string({ validate: day }) },
    resolve: (_r, a, ctx) => workLogSpotCheck(ctx, a.week.trim()),
  }),
  handedInSheet: t.field({
    type: HandedInSheetRef,
    description: 'Who handed in what for a week (its Monday) or a month: work logs submitted, late, missing; weekly and monthly reports on time, late, due or missing. The viewer’s subtree (or under one unit).',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { period: t.arg.string({ validate: day }), unitId: t.arg.id({ required: false }) },
    resolve: (_r, a, ctx) => handedInSheet(ctx, a.period, a.unitId ? String(a.unitId) : null),
  }),
  workLogSampleSize: t.int({
    description: 'How many work logs a manager’s weekly spot check samples (5 by default).',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => workLogSampleSize(ctx),
  }),
}));

builder.mutationFields((t) => ({
  saveWorkLog: t.field({
    type: WorkLogRef,
    description: 'Saves the viewer’s own work log of a day (never a day after today) as a draft, or hands it in with submit. Refused whole, naming each problem’s field. Audited.',
    authScopes: keepers,
    args: { day: t.arg.string({ validate: day }), revision: t.arg.int({ required: false }), submit: t.arg.boolean({ required: false }), input: t.arg({ type: WorkLogInput }) },
    resolve: (_r, a, ctx) => saveWorkLog(ctx, a.day.trim(), a.input, a.revision ?? null, a.submit ?? false),
  }),
  saveWeeklyReport: t.field({
    type: WeeklyReportRef,
    description: 'Saves the viewer’s own weekly report for a week (its Monday) as a draft, or hands it in with submit. Audited.',
    authScopes: keepers,
    args: { week: t.arg.string({ validate: day }), revision: t.arg.int({ required: false }), submit: t.arg.boolean({ required: false }), input: t.arg({ type: WeeklyReportInput }) },
    resolve: (_r, a, ctx) => saveWeeklyReport(ctx, a.week.trim(), a.input, a.revision ?? null, a.submit ?? false),
  }),
  saveMonthlyReport: t.field({
    type: MonthlyReportRef,
    description: 'Saves the viewer’s own monthly report as a draft, or hands it in with submit. Audited.',
    authScopes: keepers,
    args: { month: t.arg.string({ validate: month }), revision: t.arg.int({ required: false }), submit: t.arg.boolean({ required: false }), input: t.arg({ type: MonthlyReportInput }) },
    resolve: (_r, a, ctx) => saveMonthlyReport(ctx, a.month.trim(), a.input, a.revision ?? null, a.submit ?? false),
  }),
  saveWorkMonth: t.field({
    type: MyWorkMonthRef,
    description: 'Saves (or with submit hands in) the viewer’s own logs and reports of a month given at once: all of them, or none when any one is refused, each problem naming its item (day, week or month) and field. Audited.',
    authScopes: keepers,
    args: { month: t.arg.string({ validate: month }), submit: t.arg.boolean({ required: false }), input: t.arg({ type: WorkMonthInput }) },
    resolve: (_r, a, ctx) =>
      saveWorkMonth(
        ctx,
        a.month.trim(),
        {
          logs: a.input.logs.map((l) => ({ day: l.day, revision: l.revision ?? null, input: l.input })),
          weeklyReports: a.input.weeklyReports.map((r) => ({ week: r.week, revision: r.revision ?? null, input: r.input })),
          monthlyReport: a.input.monthlyReport ? { revision: a.input.monthlyReport.revision ?? null, input: a.input.monthlyReport.input } : null,
        },
        a.submit ?? false,
      ),
  }),
  commentWorkLog: t.field({
    type: WorkLogRef,
    description: 'A manager over the rep (or a director) comments on a submitted work log; never on their own. Audited.',
    authScopes: commenters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: text(WORK_REPORT_LIMITS.commentMax) }) },
    resolve: async (_r, a, ctx) => (await commentWorkReport(ctx, 'LOG', String(a.id), a.revision, a.comment)) as WorkLogView,
  }),
  commentWeeklyReport: t.field({
    type: WeeklyReportRef,
    description: 'A manager over the rep (or a director) comments on a submitted weekly report. Audited.',
    authScopes: commenters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: text(WORK_REPORT_LIMITS.commentMax) }) },
    resolve: async (_r, a, ctx) => (await commentWorkReport(ctx, 'WEEKLY', String(a.id), a.revision, a.comment)) as WeeklyReportView,
  }),
  commentMonthlyReport: t.field({
    type: MonthlyReportRef,
    description: 'A manager over the rep (or a director) comments on a submitted monthly report. Audited.',
    authScopes: commenters,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: text(WORK_REPORT_LIMITS.commentMax) }) },
    resolve: async (_r, a, ctx) => (await commentWorkReport(ctx, 'MONTHLY', String(a.id), a.revision, a.comment)) as MonthlyReportView,
  }),
  setWorkLogSampleSize: t.int({
    description: 'Sets how many work logs a manager’s weekly spot check samples (1-50). Audited.',
    authScopes: { admin: true },
    args: { size: t.arg.int() },
    resolve: (_r, a, ctx) => setWorkLogSampleSize(ctx, a.size),
  }),
}));
