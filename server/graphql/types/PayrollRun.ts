/** Payroll: compensation plans, attendance, adjustments, runs with sign-off, payslips that explain themselves. */
import { explain } from '../../../addin/src/i18n/explanations.ts';
import type { Explanation as ExplanationData } from '../../../schema/compensation.ts';
import { z } from 'zod';
import { builder } from '../builder.ts';
import { AttendanceStatusEnum, PayrollStatusEnum, PositionEnum, RankEnum, RoleEnum } from './enums.ts';
import { approveRun, calculateRun, createRun, discardRun, markPaid, reopenRun, returnRun, submitRun } from '../../payroll/runs.ts';
import { listRuns, myPayslip, myPayslipMonths, viewerMaySign, type RunView } from '../../payroll/read.ts';
import { compareRun, lazyReportView, totalsOf, withFacts, type LazyRunView, type ReportPayslip } from '../../payroll/report.ts';
import { PageInfo } from './Person.ts';
import { returnRefusal, SIGN_OFF, signaturesSinceSubmit, signRefusal } from '../../payroll/sign-off.ts';
import type { RunTotals } from '../../../schema/payroll-report.ts';
import { importAttendance } from '../../payroll/attendance.ts';
import { importResultType } from './SalesRecord.ts';
import { decidePromotion, promotionProposals } from '../../payroll/promotions.ts';
import { KpiGradeEnum } from './KpiIndicatorSet.ts';
import { importAttendanceFrom } from '../../imports/preview.ts';
import { attendanceSummary, decideLeave, leaveSpan, readableLeaveRequests, requestLeave } from '../../payroll/leave.ts';
import type { PaidAttendance } from '../../../schema/paid-attendance.ts';
import { requireNotOwnPlan } from '../../roster/people-access.ts';
import { recordAudit } from '../../audit.ts';
import { badInput, clientError, notFound } from '../../errors.ts';
import { parsePlan } from '../../../schema/compensation.ts';
import { planVersionFor, saveCompensationPlan } from '../../payroll/plans.ts';
import { formatMoney } from '../../../schema/money.ts';
import { requireAdjustable } from '../../payroll/adjustments.ts';
import { requirePayOpenFrom } from '../../payroll/signed-pay.ts';
import { fiscalCalendar, inLockedPeriod, LOCKED_FLAG, requireDayOpen } from '../../targets/calendar.ts';
import { addDays, dateToDay, dayToDate, isIsoMonth } from '../../../schema/dates.ts';
import { period } from '../../../schema/periods.ts';
import { reaches, requireCompanyWideFinance, requireServedFrom, requireServedPerson, servedReach } from '../../payroll/served-units.ts';
import { latestJobAbout, startPayrollCalculation } from '../../jobs/jobs.ts';
import { JobRef } from './Job.ts';
import type { PromotionCriterionCheck } from '../../../schema/promotion.ts';

const month = z.string().refine(isIsoMonth, 'a month such as 2026-03');
const id = z.string().min(1).max(64);
const payrollReaders = { finance: true, financeManager: true, director: true, generalManager: true, admin: true, manager: true } as const;
const payrollStaff = { finance: true, admin: true } as const;
const signers = { financeManager: true, director: true, generalManager: true } as const;

type StoredExplanation = { data: ExplanationData | { rule: string; inputs: Record<string, string>; arithmetic: string }; label: string };

const Explanation = builder.objectRef<StoredExplanation>('PayslipExplanation').implement({
  description: 'Why a payslip line is what it is. rule, inputs and arithmetic are English for API clients; data holds the same as codes and figures, which the pane renders in the reader’s language.',
  fields: (t) => ({
    rule: t.string({ resolve: (e) => explain(e.data, e.label, 'api').rule }),
    inputs: t.field({
      type: [builder.objectRef<{ name: string; value: string }>('PayslipInput').implement({ fields: (f) => ({ name: f.exposeString('name'), value: f.exposeString('value') }) })],
      resolve: (e) => explain(e.data, e.label, 'api').inputs,
    }),
    arithmetic: t.string({ resolve: (e) => explain(e.data, e.label, 'api').arithmetic }),
    code: t.string({ nullable: true, description: 'The rule’s code (base, commission, milestone, override, attendance, adjustment); null for lines explained before explanations were data.', resolve: (e) => (typeof e.data.rule === 'string' ? null : e.data.rule.code) }),
    data: t.string({ description: 'The explanation as JSON: { rule, inputs, arithmetic, calendar } with codes and figures, no language.', resolve: (e) => JSON.stringify(e.data) }),
  }),
});

const PayslipLineRef = builder.objectRef<ReportPayslip['lines'][number]>('PayslipLine').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    kind: t.exposeString('kind'),
    amount: t.field({ type: 'Money', resolve: (l) => l.amountFen }),
    explanation: t.field({ type: Explanation, resolve: (l) => ({ data: JSON.parse(l.explanation), label: l.label }) }),
  }),
});

const PayslipRef = builder.objectRef<ReportPayslip>('Payslip').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    personName: t.string({ resolve: (p) => p.person.name }),
    employeeNo: t.string({ resolve: (p) => p.person.employeeNo }),
    planCode: t.exposeString('planCode'),
    planVersion: t.exposeInt('planVersion'),
    planName: t.string({ description: "The compensation plan's name (of the version calculated).", resolve: (p) => p.facts.planName }),
    unitName: t.string({ nullable: true, description: "The person's unit in the run (the last in the month inside the run's scope): its own name.", resolve: (p) => p.facts.unitName }),
    unitPath: t.string({ description: 'Unit names from the top down to that unit, joined by " / ".', resolve: (p) => p.facts.unitPath }),
    rank: t.field({ type: RankEnum, nullable: true, description: 'The rank the payslip was calculated with.', resolve: (p) => p.facts.rank }),
    workingDays: t.int({ description: 'Working days the person was employed in the month.', resolve: (p) => p.facts.workingDays }),
    attendanceDays: t.int({ description: 'Attendance days (出勤天数): working days employed less absent, unrequested-leave and personal-leave days.', resolve: (p) => p.facts.attendanceDays }),
    sales: t.field({ type: 'Money', description: "The month's sales the payslip was calculated on.", resolve: (p) => p.facts.salesFen }),
    gross: t.field({ type: 'Money', resolve: (p) => p.grossFen }),
    deductions: t.field({ type: 'Money', resolve: (p) => p.deductionsFen }),
    net: t.field({ type: 'Money', resolve: (p) => p.netFen }),
    lines: t.field({ type: [PayslipLineRef], resolve: (p) => p.lines }),
  }),
});

const PayrollEventRef = builder.objectRef<RunView['run']['events'][number]>('PayrollEvent').implement({
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor'),
    action: t.exposeString('action'),
    fromStatus: t.expose('fromStatus', { type: PayrollStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: PayrollStatusEnum }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

type RunSummary = Awaited<ReturnType<typeof listRuns>>[number];
const PayrollRunSummary = builder.objectRef<RunSummary>('PayrollRunSummary').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    month: t.exposeString('month'),
    scopeUnitId: t.exposeID('scopeUnitId'),
    scopeUnitName: t.string({ resolve: (r) => r.scopeUnit.name }),
    version: t.exposeInt('version'),
    revision: t.exposeInt('revision'),
    status: t.expose('status', { type: PayrollStatusEnum }),
    viewerMaySign: t.boolean({
      description: "Whether approvePayrollRun would accept the viewer now (same rule): the step due is the viewer's and they have not signed this submission yet.",
      resolve: (r, _a, ctx) => viewerMaySign(ctx, r),
    }),
    viewerMayRun: t.boolean({
      description:
        'Whether the viewer may calculate, submit or mark the run paid as its status allows: finance and admins; finance who serve named units only for a run of a unit they serve.',
      resolve: async (r, _a, ctx) => !!ctx.viewer?.roles.some((x) => x === 'FINANCE' || x === 'ADMIN') && reaches(await servedReach(ctx), r.scopeUnit.path),
    }),
  }),
});

const ComponentTotal = builder.objectRef<RunTotals['components'][number]>('PayrollComponentTotal').implement({
  description: 'One pay component (a column of the payroll sheet; adjustments share one) and its exact total.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The component code ("adjustments" for all rewards and penalties).' }),
    label: t.exposeString('label'),
    kind: t.exposeString('kind'),
    total: t.field({ type: 'Money', resolve: (c) => c.totalFen }),
  }),
});

const PayrollTotals = builder.objectRef<RunTotals>('PayrollTotals').implement({
  description: 'Exact sums over the payslips the viewer may see.',
  fields: (t) => ({
    headcount: t.exposeInt('headcount'),
    gross: t.field({ type: 'Money', resolve: (x) => x.grossFen }),
    deductions: t.field({ type: 'Money', resolve: (x) => x.deductionsFen }),
    net: t.field({ type: 'Money', resolve: (x) => x.netFen }),
    components: t.field({ type: [ComponentTotal], resolve: (x) => x.components }),
  }),
});

type Signature = ReturnType<typeof signaturesSinceSubmit<RunView['run']['events'][number]>>[number];
const PayrollSignOff = builder.objectRef<Signature>('PayrollSignOff').implement({
  description: "A signature on the run's current submission: finance's submission (role FINANCE), then each sign-off.",
  fields: (t) => ({
    role: t.expose('role', { type: RoleEnum }),
    actor: t.exposeString('actor'),
    at: t.expose('at', { type: 'DateTime' }),
    comment: t.exposeString('comment', { nullable: true }),
  }),
});

const ComparisonBaseEnum = builder.enumType('PayrollComparisonBase', {
  values: {
    PREVIOUS_VERSION: { description: 'The version of this run before it was reopened.' },
    PREVIOUS_MONTH: { description: "The newest calculated version of the same unit's run for the month before." },
  } as const,
});

const PayslipChangeRef = builder.objectRef<Awaited<ReturnType<typeof compareRun>>['changes'][number]>('PayslipChange').implement({
  description: 'One amount that differs between the compared run and this one.',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    employeeNo: t.exposeString('employeeNo'),
    personName: t.exposeString('personName'),
    component: t.exposeString('key', { description: 'A component key, or "gross", "deductions" or "net".' }),
    label: t.exposeString('label', { description: "The component's label; empty for gross, deductions and net." }),
    old: t.field({ type: 'Money', nullable: true, description: 'Null when the person or component was not in the compared run.', resolve: (c) => c.oldFen }),
    new: t.field({ type: 'Money', nullable: true, description: 'Null when the person or component is not in this run.', resolve: (c) => c.newFen }),
  }),
});

const PayrollComparison = builder.objectRef<Awaited<ReturnType<typeof compareRun>>>('PayrollComparison').implement({
  fields: (t) => ({
    base: t.field({ type: PayrollRunSummary, nullable: true, description: 'The run compared with; null when there is none the viewer may see.', resolve: (c) => c.base }),
    baseTotals: t.field({ type: PayrollTotals, nullable: true, resolve: (c) => c.baseTotals }),
    changes: t.field({ type: [PayslipChangeRef], resolve: (c) => c.changes }),
  }),
});

const PayslipPage = builder.objectRef<Awaited<ReturnType<LazyRunView['page']>>>('PayslipPage').implement({
  description: 'A page of payslips in employee-number order; pageInfo.endCursor goes in `after` for the next.',
  fields: (t) => ({
    nodes: t.field({ type: [PayslipRef], resolve: (p) => p.nodes }),
    pageInfo: t.field({ type: PageInfo, resolve: (p) => p }),
  }),
});

const PayrollRunRef = builder.objectRef<LazyRunView>('PayrollRun').implement({
  description: 'A run with the payslips the viewer may see (all for finance and signers; their subtree for managers). Payslips are read only when asked for: `payslipPage` pages them by keyset, `payslips` gives them all.',
  fields: (t) => ({
    run: t.field({ type: PayrollRunSummary, resolve: (v) => v.run }),
    events: t.field({ type: [PayrollEventRef], resolve: (v) => v.run.events }),
    payslips: t.field({ type: [PayslipRef], description: 'Every payslip the viewer may see, in employee-number order (a large run: prefer payslipPage).', resolve: (v) => v.payslips() }),
    payslipPage: t.field({
      type: PayslipPage,
      description: 'Payslips the viewer may see, in employee-number order, `first` at a time after the cursor `after`.',
      args: {
        first: t.arg.int({ defaultValue: 500, validate: z.number().int().min(1).max(2000) }),
        after: t.arg.string({ required: false, validate: z.string().max(64).nullable().optional() }),
      },
      resolve: (v, args) => v.page(args.first, args.after ?? null),
    }),
    totalNet: t.field({ type: 'Money', resolve: async (v) => (await v.payslips()).reduce((a, p) => a + p.netFen, 0n) }),
    totals: t.field({ type: PayrollTotals, resolve: async (v) => totalsOf({ payslips: await v.payslips() }) }),
    signOffs: t.field({ type: [PayrollSignOff], description: 'Who signed the current submission, and when.', resolve: (v) => signaturesSinceSubmit(v.run.events) }),
    nextSigner: t.field({ type: RoleEnum, nullable: true, description: 'The role whose signature the run waits for.', resolve: (v) => SIGN_OFF[v.run.status]?.role ?? null }),
    viewerMaySign: t.boolean({ description: 'Whether approvePayrollRun would accept the viewer now (same rule).', resolve: (v, _a, ctx) => signRefusal(v.run.status, ctx.viewer, v.run.events) === null }),
    viewerMayReturn: t.boolean({ description: 'Whether returnPayrollRun would accept the viewer now (same rule).', resolve: (v, _a, ctx) => returnRefusal(v.run.status, ctx.viewer) === null }),
    calculation: t.field({
      type: JobRef,
      nullable: true,
      description: 'The newest calculation job of this run the viewer may see (queued, running or finished), for a pane opened while it runs.',
      resolve: (v, _a, ctx) => latestJobAbout(ctx, v.run.id),
    }),
    comparison: t.field({
      type: PayrollComparison,
      description: 'What changed, person by person and component by component, against the previous version of this run or the previous month.',
      args: { against: t.arg({ type: ComparisonBaseEnum }) },
      resolve: async (v, args, ctx) => compareRun(ctx, { run: v.run, payslips: await v.payslips() }, args.against),
    }),
  }),
});

builder.prismaObject('CompensationPlan', {
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    version: t.exposeInt('version'),
    name: t.exposeString('name'),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date' }),
    document: t.exposeString('document', { description: 'The plan document (JSON), as validated by schema/compensation.ts.' }),
  }),
});

const reload = (ctx: Parameters<typeof lazyReportView>[0], runId: string) => lazyReportView(ctx, runId);

builder.queryFields((t) => ({
  compensationPlans: t.prismaField({
    type: ['CompensationPlan'],
    authScopes: { finance: true, financeManager: true, director: true, generalManager: true, admin: true },
    resolve: (query, _r, _a, ctx) => ctx.prisma.compensationPlan.findMany({ ...query, orderBy: [{ code: 'asc' }, { version: 'desc' }] }),
  }),
  payrollRuns: t.field({
    type: [PayrollRunSummary],
    authScopes: payrollReaders,
    args: { month: t.arg.string({ required: false, validate: month.optional().nullable() }) },
    resolve: (_r, args, ctx) => listRuns(ctx, args.month),
  }),
  payrollRun: t.field({
    type: PayrollRunRef,
    authScopes: payrollReaders,
    args: { id: t.arg.id({ validate: id }) },
    resolve: (_r, args, ctx) => lazyReportView(ctx, String(args.id)),
  }),
  myPayslip: t.field({
    type: PayslipRef,
    nullable: true,
    description: "The viewer's own payslip for a month, once the run is signed off.",
    authScopes: { signedIn: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: async (_r, args, ctx) => {
      const slip = await myPayslip(ctx, args.month);
      if (!slip) return null;
      const [withReport] = await withFacts(ctx, { id: slip.run.id, month: slip.run.month, scopePath: slip.run.scopeUnit.path }, [slip]);
      return withReport!;
    },
  }),
  myPayslipMonths: t.field({
    type: ['String'],
    description: 'The months for which the viewer has a signed-off payslip, newest first.',
    authScopes: { signedIn: true },
    resolve: (_r, _a, ctx) => myPayslipMonths(ctx),
  }),
}));

const AttendanceInput = builder.inputType('AttendanceInput', {
  fields: (t) => ({
    employeeNo: t.string({ validate: z.string().trim().min(1).max(32) }),
    date: t.field({ type: 'Date' }),
    status: t.field({ type: AttendanceStatusEnum }),
    lateMinutes: t.int({ required: false }),
    note: t.string({ required: false, validate: z.string().max(200).optional().nullable() }),
  }),
});

export const ImportCount = importResultType('AttendanceImportResult');

const step = (name: string, run: typeof calculateRun | typeof submitRun | typeof markPaid, description: string, authScopes: Record<string, boolean>) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: PayrollRunRef,
      description,
      authScopes,
      args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
      resolve: async (_r, args, ctx) => {
        await run(ctx, String(args.id), args.revision);
        return reload(ctx, String(args.id));
      },
    }),
  );
step('calculatePayrollRun', calculateRun, 'Calculates every payslip, all or nothing, within the request (small runs and scripts); the pane uses startPayrollCalculation.', payrollStaff);

builder.mutationField('startPayrollCalculation', (t) =>
  t.field({
    type: JobRef,
    description: 'Queues the calculation of every payslip (all or nothing) as a job and returns it at once; ask for the job until it has finished. Refused at once when the run cannot be calculated (its status, a stale revision). A second start while one is queued or running returns that one.',
    authScopes: payrollStaff,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int() },
    resolve: (_r, args, ctx) => startPayrollCalculation(ctx, String(args.id), args.revision),
  }),
);
step('submitPayrollRun', submitRun, 'Finance submits a calculated run for sign-off.', payrollStaff);
step('markPayrollRunPaid', markPaid, 'Finance records that a locked run was paid.', payrollStaff);

builder.mutationFields((t) => ({
  assignCompensationPlan: t.boolean({
    description:
      'Assigns a plan to one person, a rank or a position, from a day: the version given, else the newest in force on that day. Refused (PLAN_VERSION_NOT_YET_EFFECTIVE) from a day before the version’s own effectiveFrom; refused (PAYROLL_ALREADY_SIGNED, or _FOR_RANK / _FOR_POSITION) from a month whose payroll with the people it pays is signed.',
    authScopes: payrollStaff,
    args: {
      planCode: t.arg.string(),
      version: t.arg.int({ required: false }),
      personId: t.arg.id({ required: false }),
      rank: t.arg({ type: RankEnum, required: false }),
      position: t.arg({ type: PositionEnum, required: false }),
      effectiveFrom: t.arg({ type: 'Date' }),
    },
    resolve: async (_r, args, ctx) => {
      const targets = [args.personId, args.rank, args.position].filter((x) => x != null);
      if (targets.length !== 1) throw badInput(['personId'], 'Give exactly one of personId, rank or position', 'ONE_TARGET');
      await requireNotOwnPlan(ctx, { personId: args.personId ? String(args.personId) : null, rank: args.rank, position: args.position });
      const plan = await planVersionFor(ctx.prisma, args.planCode, args.version, args.effectiveFrom);
      parsePlan(JSON.parse(plan.document));
      const person = args.personId ? await ctx.prisma.person.findUnique({ where: { id: String(args.personId) } }) : null;
      if (args.personId && !person) throw badInput(['personId'], `There is no person ${args.personId}`, 'NO_SUCH_PERSON', { id: String(args.personId) });
      // Finance who serve named units assign plans to their people only, for as long as they stay; a rank or a position reaches the whole company.
      if (person) await requireServedFrom(ctx, person, args.effectiveFrom);
      else requireCompanyWideFinance(ctx, 'Assigning a plan to a rank or a position');
      const calendar = await fiscalCalendar(ctx);
      await ctx.prisma.$transaction(async (tx) => {
        await requireDayOpen(tx, calendar, dateToDay(args.effectiveFrom), 'effectiveFrom', 'Assigning the compensation plan');
        // Not from a month whose pay is signed for the person (or anyone of the rank or position).
        const paid = person ? [person.id] : (await tx.person.findMany({ where: args.rank ? { rank: args.rank } : { position: args.position! }, select: { id: true } })).map((p) => p.id);
        const group = person ? undefined : args.rank ? { rank: args.rank } : { position: args.position! };
        await requirePayOpenFrom(tx, paid, dateToDay(args.effectiveFrom), ctx.clock.today(), 'Assigning the compensation plan', { field: ['effectiveFrom'], group });
        const a = await tx.compensationAssignment.create({
          data: { planId: plan.id, personId: args.personId ? String(args.personId) : null, rank: args.rank ?? null, position: args.position ?? null, effectiveFrom: args.effectiveFrom },
        });
        await recordAudit(tx, ctx.viewer, { entityType: 'CompensationAssignment', entityId: a.id, action: 'create', after: a });
      });
      return true;
    },
  }),
  importAttendance: t.field({
    type: ImportCount,
    description: 'Imports attendance days; importing the same day again replaces it. Refused whole, listing every bad row.',
    authScopes: payrollStaff,
    args: { records: t.arg({ type: [AttendanceInput], validate: z.array(z.any()).min(1, 'Nothing to import').max(50_000) }) },
    resolve: (_r, args, ctx) => importAttendance(ctx, args.records),
  }),
  addPayAdjustment: t.boolean({
    description: 'A reward (positive) or penalty (negative) for a month, with its reason and who approved it.',
    authScopes: payrollStaff,
    args: {
      personId: t.arg.id({ validate: id }),
      month: t.arg.string({ validate: month }),
      amount: t.arg({ type: 'Money' }),
      reason: t.arg.string({ validate: z.string().trim().min(1, 'Give a reason').max(200) }),
      approvedBy: t.arg.string({ validate: z.string().trim().min(1, 'Say who approved it').max(64) }),
    },
    resolve: async (_r, args, ctx) => {
      if (args.amount === 0n) throw badInput(['amount'], 'An adjustment of 0.00 changes nothing', 'ZERO_ADJUSTMENT');
      if (String(args.personId) === ctx.viewer?.personId) {
        throw clientError('FORBIDDEN', 'Nobody may change their own pay: someone else must add your adjustment', { reason: 'OWN_PAY', field: 'personId' });
      }
      const person = await ctx.prisma.person.findUnique({ where: { id: String(args.personId) } });
      if (!person) throw notFound('Person', String(args.personId));
      const m = period(args.month);
      await requireServedPerson(ctx, person, dayToDate(m.start), dayToDate(addDays(m.end, 1)));
      const calendar = await fiscalCalendar(ctx);
      await ctx.prisma.$transaction(async (tx) => {
        await requireAdjustable(tx, calendar, String(args.personId), args.month, 'Adding the adjustment');
        const a = await tx.payAdjustment.create({ data: { personId: String(args.personId), month: args.month, amountFen: args.amount, reason: args.reason, approvedBy: args.approvedBy, createdById: ctx.viewer?.userId ?? null } });
        await recordAudit(tx, ctx.viewer, { entityType: 'PayAdjustment', entityId: a.id, action: 'create', after: { ...a, amount: formatMoney(a.amountFen) } });
      });
      return true;
    },
  }),
  createPayrollRun: t.field({
    type: PayrollRunRef,
    authScopes: payrollStaff,
    args: { month: t.arg.string({ validate: month }), scopeUnitId: t.arg.id({ validate: id }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await createRun(ctx, args.month, String(args.scopeUnitId))).id),
  }),
  approvePayrollRun: t.field({
    type: PayrollRunRef,
    description: 'Signs the step that is due: finance manager, then sales director, then general manager (which locks the run).',
    authScopes: signers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ required: false, validate: z.string().max(2000).optional().nullable() }) },
    resolve: async (_r, args, ctx) => {
      await approveRun(ctx, String(args.id), args.revision, args.comment);
      return reload(ctx, String(args.id));
    },
  }),
  returnPayrollRun: t.field({
    type: PayrollRunRef,
    description: 'The signer whose step is due sends the run back to finance, saying why.',
    authScopes: signers,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), comment: t.arg.string({ validate: z.string().trim().min(1, 'Say why the run goes back').max(2000) }) },
    resolve: async (_r, args, ctx) => {
      await returnRun(ctx, String(args.id), args.revision, args.comment);
      return reload(ctx, String(args.id));
    },
  }),
  discardPayrollRun: t.boolean({
    description: 'Finance discards a run nobody has signed (draft or calculated) with its payslips, giving the reason; a reopened version discarded leaves the version it replaced live again. Audited.',
    authScopes: payrollStaff,
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), reason: t.arg.string({ validate: z.string().trim().min(1, 'Give the reason').max(500) }) },
    resolve: async (_r, args, ctx) => {
      await discardRun(ctx, String(args.id), args.revision, args.reason);
      return true;
    },
  }),
  reopenPayrollRun: t.field({
    type: PayrollRunRef,
    description: 'After lock, an admin reopens: a new version as a draft; the locked version is kept.',
    authScopes: { admin: true },
    args: { id: t.arg.id({ validate: id }), revision: t.arg.int(), reason: t.arg.string({ validate: z.string().trim().min(1, 'Give the reason').max(500) }) },
    resolve: async (_r, args, ctx) => reload(ctx, (await reopenRun(ctx, String(args.id), args.revision, args.reason)).id),
  }),
}));


const PromotionCriterionRef = builder.objectRef<PromotionCriterionCheck>('PromotionCriterionCheck').implement({
  fields: (t) => ({
    criterion: t.exposeString('criterion', { description: 'OWN_SALES (own monthly sales, yuan), TRAINEES (trained reps, a count) or TRAINEE_SALES (their monthly sales together, yuan).' }),
    actual: t.exposeString('actual'),
    required: t.exposeString('required'),
    met: t.exposeBoolean('met'),
  }),
});

const ProposalRef = builder.objectRef<Awaited<ReturnType<typeof promotionProposals>>[number]>('PromotionProposal').implement({
  description: 'A proposed one-step promotion on the ladder, with the figures behind it.',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    name: t.exposeString('name'),
    employeeNo: t.exposeString('employeeNo'),
    version: t.exposeInt('version'),
    from: t.expose('from', { type: RankEnum }),
    to: t.expose('to', { type: RankEnum, nullable: true }),
    reasons: t.exposeStringList('reasons', { description: 'The checks below in English words.' }),
    checks: t.field({ type: [PromotionCriterionRef], description: 'Each requirement of the next rank: a code and its figures (amounts in yuan, counts whole), for a client to word.', resolve: (p) => p.checks }),
    latestGrade: t.field({ type: KpiGradeEnum, nullable: true, description: 'The person’s latest approved KPI grade (scorecards), for the decision; the ladder itself does not use it.', resolve: (p) => p.latestGrade }),
    latestGradePeriod: t.exposeString('latestGradePeriod', { nullable: true, description: 'The month or quarter of that grade.' }),
  }),
});

builder.queryFields((t) => ({
  promotionProposals: t.field({
    type: [ProposalRef],
    description: 'People whose month qualifies them for the next rank, not yet decided.',
    authScopes: { manager: true, director: true, generalManager: true, admin: true },
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, args, ctx) => promotionProposals(ctx, args.month),
  }),
}));

builder.mutationFields((t) => ({
  decidePromotion: t.boolean({
    description: 'Applies (the rank changes) or dismisses a proposal, with an optional reason; audited.',
    authScopes: { manager: true, director: true, admin: true },
    args: {
      personId: t.arg.id({ validate: id }),
      version: t.arg.int(),
      month: t.arg.string({ validate: month }),
      toRank: t.arg({ type: RankEnum }),
      apply: t.arg.boolean(),
      reason: t.arg.string({ required: false, validate: z.string().max(500).optional().nullable() }),
    },
    resolve: (_r, args, ctx) => decidePromotion(ctx, { ...args, personId: String(args.personId) }),
  }),
}));

builder.mutationFields((t) => ({
  importAttendanceFile: t.field({
    type: ImportCount,
    description: 'Imports attendance from an .xlsx or .csv (工号, 日期, 状态, 迟到分钟); refused whole, naming sheet and cell, when anything is wrong.',
    authScopes: payrollStaff,
    args: { file: t.arg({ type: 'File' }) },
    resolve: (_r, args, ctx) => importAttendanceFrom(ctx, { file: args.file as File }),
  }),
}));

builder.prismaObject('LeaveRequest', {
  fields: (t) => ({
    id: t.exposeID('id'),
    personId: t.exposeID('personId'),
    personName: t.string({ select: { person: { select: { name: true } } }, resolve: (r) => r.person.name }),
    requestedAt: t.expose('requestedAt', { type: 'DateTime' }),
    kind: t.expose('kind', { type: AttendanceStatusEnum }),
    from: t.expose('fromDate', { type: 'Date' }),
    to: t.expose('toDate', { type: 'Date' }),
    reason: t.exposeString('reason'),
    status: t.exposeString('status'),
    comment: t.exposeString('comment', { nullable: true }),
    locked: t.boolean({ description: LOCKED_FLAG, resolve: (r, _a, ctx) => inLockedPeriod(ctx, leaveSpan(r.fromDate, r.toDate)) }),
  }),
});

/**
 * The month as payroll counts it (schema/paid-attendance.ts), each null when
 * the working calendar has no public holidays for the month's year (a month
 * payroll refuses).
 */
const PAID_COUNTS: Record<keyof PaidAttendance, string> = {
  workingDays:
    'Working days (the working calendar: no weekends or public holidays, make-up days included) of the month on which the person was employed and, in a manager’s view, in the manager’s subtrees. Null when the calendar has no public holidays for the month’s year (payroll refuses such a month); so are the other payroll counts.',
  unrecordedWorkingDays:
    'Of the working days counted (workingDays), those with no attendance record: payroll counts them as present.',
  fieldVisitWithoutSlip:
    'Field-visit records on working days that no approved (or checked) visit slip covers: payroll pays them as the plan says (an absence by default).',
  restDayRecords:
    'Records on days that are not working days (weekends, public holidays): counted in the days by status, ignored by payroll.',
};

const AttendanceSummaryRef = builder.objectRef<Awaited<ReturnType<typeof attendanceSummary>>[number]>('AttendanceSummary').implement({
  description: 'One person’s month: days by status over every day of the month (leave without an approved request made beforehand apart, as absence in payroll), and the month as payroll counts it: working days only, an unrecorded working day as present.',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    name: t.exposeString('name'),
    employeeNo: t.exposeString('employeeNo'),
    present: t.exposeInt('present'),
    late: t.exposeInt('late'),
    lateMinutes: t.exposeInt('lateMinutes', { description: 'Minutes late, over the late days.' }),
    leftEarly: t.exposeInt('leftEarly'),
    absent: t.exposeInt('absent'),
    personalLeave: t.exposeInt('personalLeave'),
    sickLeave: t.exposeInt('sickLeave'),
    fieldVisit: t.exposeInt('fieldVisit'),
    unrequestedLeave: t.exposeInt('unrequestedLeave'),
    ...Object.fromEntries(
      Object.entries(PAID_COUNTS).map(([key, description]) => [key, t.int({ nullable: true, description, resolve: (r) => r.paid?.[key as keyof PaidAttendance] ?? null })]),
    ),
  }),
});

builder.queryFields((t) => ({
  attendanceSummary: t.field({
    type: [AttendanceSummaryRef],
    authScopes: { signedIn: true },
    description: 'The monthly attendance summary of the people the viewer may see (a rep: themself).',
    args: { month: t.arg.string({ validate: month }) },
    resolve: (_r, args, ctx) => attendanceSummary(ctx, args.month),
  }),
  leaveRequests: t.prismaField({
    type: ['LeaveRequest'],
    description: "The viewer's own requests, and, for a manager, those of people in their subtrees on the leave's first day (newest leave first, at most 200).",
    authScopes: { signedIn: true },
    resolve: (query, _r, _a, ctx) => readableLeaveRequests(ctx, query),
  }),
}));

builder.mutationFields((t) => ({
  requestLeave: t.prismaField({
    type: 'LeaveRequest',
    description: 'Asks for leave for oneself, before it starts.',
    authScopes: { signedIn: true },
    args: { kind: t.arg({ type: AttendanceStatusEnum }), from: t.arg({ type: 'Date' }), to: t.arg({ type: 'Date' }), reason: t.arg.string({ validate: z.string().trim().min(1, 'Give a reason').max(500) }) },
    // Read back through the query: the fields it selects beyond the row's own (the person's name) are loaded.
    resolve: async (query, _r, args, ctx) => ctx.prisma.leaveRequest.findUniqueOrThrow({ ...query, where: { id: (await requestLeave(ctx, args)).id } }),
  }),
  decideLeave: t.prismaField({
    type: 'LeaveRequest',
    description: "A manager of the person's unit (or an admin) approves or rejects a request.",
    authScopes: { manager: true, admin: true },
    args: { id: t.arg.id({ validate: id }), approve: t.arg.boolean(), comment: t.arg.string({ required: false, validate: z.string().max(500).optional().nullable() }) },
    resolve: async (query, _r, args, ctx) => ctx.prisma.leaveRequest.findUniqueOrThrow({ ...query, where: { id: (await decideLeave(ctx, String(args.id), args.approve, args.comment)).id } }),
  }),
}));

builder.mutationFields((t) => ({
  saveCompensationPlan: t.prismaField({
    type: 'CompensationPlan',
    description:
      'Saves a plan document (JSON, see schema/compensation.ts) as the next version of its code, effective from a day. Refused, listing every problem with its path and reason, when the document is not valid; given the version an edit started from, refused (PLAN_VERSION_CHANGED) when another has been saved since.',
    authScopes: payrollStaff,
    args: {
      document: t.arg.string({ validate: z.string().min(2).max(100_000) }),
      effectiveFrom: t.arg({ type: 'Date' }),
      basedOnVersion: t.arg.int({ required: false, description: 'The version the edit started from (the newest when it was read).' }),
    },
    resolve: async (query, _r, args, ctx) => {
      const saved = await saveCompensationPlan(ctx, args.document, args.effectiveFrom, args.basedOnVersion ?? null);
      return ctx.prisma.compensationPlan.findUniqueOrThrow({ ...query, where: { id: saved.id } });
    },
  }),
}));
