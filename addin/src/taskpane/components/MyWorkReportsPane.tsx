/**
 * Work log & reports (工作日志与报告, issue 11 §3), the rep's own: a day's work
 * log, the weekly report of its week and the monthly report of its month,
 * each saved as a draft or submitted, with the manager's comment. State and
 * calls live in work-reports/use-my-work-reports.ts.
 */
import { Button, Caption1, Field, Input, Subtitle2, Textarea } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../i18n.ts';
import type { WorkReportCommon } from '../../work-reports/operations.ts';
import { useMyWorkReports } from '../../work-reports/use-my-work-reports.ts';
import { weeklyFiguresText } from '../../work-reports/month-sheets.ts';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';
import { WorkMonthSheets } from './WorkMonthSheets.tsx';
import { DateInput } from './DateInputs.tsx';
import { describeReason } from '../../api/describe-error.ts';
import { today } from '../../../../schema/dates.ts';
import type { TemplateMarker } from '../../rep-plans/plan-template.ts';

/** Where a log or report stands, and the manager's comment. */
function Standing({ w, item, due, testId }: { w: Words; item: WorkReportCommon | null; due: string; testId: string }) {
  const x = w.workReports;
  const s = useChoreStyles();
  return (
    <div className={s.item} data-testid={testId}>
      <div className={s.line}>
        <span className={s.meta}>{format(x.due, { due })}</span>
        {item && <span className={s.strong} data-testid={`${testId}-status`}>{`${x.statuses[item.status]} · ${x.timeliness[item.timeliness]}`}</span>}
      </div>
      {item && (
        <span data-testid={`${testId}-comment`}>
          {format(x.labelled, { label: x.comment, text: item.comment ? format(x.commentBy, { by: item.commentedBy ?? '', comment: item.comment }) : x.noComment })}
        </span>
      )}
    </div>
  );
}

export function MyWorkReportsPane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void; template?: TemplateMarker | null }) {
  const { w } = props;
  const x = w.workReports;
  const s = useChoreStyles();
  const h = useMyWorkReports(props);
  const logLocked = h.log?.log ? !h.log.log.canEdit : false;
  const weeklyLocked = h.weekly?.report ? !h.weekly.report.canEdit : false;
  const monthlyLocked = h.monthly?.report ? !h.monthly.report.canEdit : false;
  const f = h.weekly?.figures;
  const count = (k: 'calls' | 'visits' | 'deals', id: string) => (
    <Field label={x[k]} className={s.grow}>
      <Input inputMode="numeric" value={h.logF[k]} disabled={logLocked} onChange={(_, d) => h.setLogF((v) => ({ ...v, [k]: d.value }))} data-testid={id} />
    </Field>
  );
  return (
    <section className={s.pane} data-testid="work-reports-pane" aria-labelledby="work-reports-title">
      <Subtitle2 as="h2" id="work-reports-title">{x.myTitle}</Subtitle2>
      {h.statusAt === 'top' && <StatusLine w={w} status={h.status} testId="work-reports-status" />}
      <Busy busy={h.busy || (h.valid && !h.loaded)} label={h.busy ? w.chores.working : w.chores.loading} />
      <Field label={x.day}>
        <DateInput w={w} value={h.day} onChange={h.setDay} data-testid="work-log-day" />
      </Field>

      <div className={s.section} data-testid="work-log">
        <Subtitle2 as="h3">{x.log}</Subtitle2>
        <div className={s.row}>
          {count('calls', 'work-log-calls')}
          {count('visits', 'work-log-visits')}
          {count('deals', 'work-log-deals')}
        </div>
        <Field label={x.customersMet}>
          <Input value={h.logF.customersMet} disabled={logLocked} onChange={(_, d) => h.setLogF((v) => ({ ...v, customersMet: d.value }))} data-testid="work-log-customers" />
        </Field>
        <Field label={x.notes}>
          <Textarea value={h.logF.notes} disabled={logLocked} onChange={(_, d) => h.setLogF((v) => ({ ...v, notes: d.value }))} data-testid="work-log-notes" />
        </Field>
        <div className={s.row}>
          <Button onClick={() => void h.saveLog(false)} disabled={h.busy || logLocked || !h.valid || h.future} data-testid="work-log-save">{x.save}</Button>
          <Button appearance="primary" onClick={() => void h.saveLog(true)} disabled={h.busy || logLocked || !h.valid || h.future} data-testid="work-log-submit">{x.submit}</Button>
        </div>
        {h.future && (
          <Caption1 data-testid="work-log-future">{describeReason(w, 'WORK_LOG_FUTURE_DAY', { date: h.day.trim(), today: today() })}</Caption1>
        )}
        {h.statusAt === 'log' && <StatusLine w={w} status={h.status} testId="work-reports-status" />}
        {h.log && <Standing w={w} item={h.log.log} due={h.log.dueOn} testId="work-log-standing" />}
      </div>

      {h.weekly && (
        <div className={s.section} data-testid="weekly-report">
          <Subtitle2 as="h3">{x.weekly}</Subtitle2>
          <span className={s.meta}>{format(x.weeklyFor, { week: h.weekly.week, from: h.weekly.reportedFrom, to: h.weekly.reportedTo, due: h.weekly.dueOn })}</span>
          {f && (
            <span data-testid="weekly-report-figures">
              {weeklyFiguresText(w, f)}
            </span>
          )}
          {(['results', 'plan', 'marketFeedback', 'problems'] as const).map((k) => (
            <Field key={k} label={x[k]}>
              <Textarea value={h.weeklyF[k]} disabled={weeklyLocked} onChange={(_, d) => h.setWeeklyF((v) => ({ ...v, [k]: d.value }))} data-testid={`weekly-report-${k}`} />
            </Field>
          ))}
          <div className={s.row}>
            <Button onClick={() => void h.saveWeekly(false)} disabled={h.busy || weeklyLocked} data-testid="weekly-report-save">{x.save}</Button>
            <Button appearance="primary" onClick={() => void h.saveWeekly(true)} disabled={h.busy || weeklyLocked} data-testid="weekly-report-submit">{x.submit}</Button>
          </div>
          {h.statusAt === 'weekly' && <StatusLine w={w} status={h.status} testId="work-reports-status" />}
          <Standing w={w} item={h.weekly.report} due={h.weekly.dueOn} testId="weekly-report-standing" />
        </div>
      )}

      {h.monthly && (
        <div className={s.section} data-testid="monthly-report">
          <Subtitle2 as="h3">{x.monthly}</Subtitle2>
          <span className={s.meta}>{phrase(w.locale, x.monthlyFor, { month: h.monthly.month, due: h.monthly.dueOn })}</span>
          {([['results', x.monthResults], ['analysis', x.analysis], ['plan', x.nextPlan]] as const).map(([k, label]) => (
            <Field key={k} label={label}>
              <Textarea value={h.monthlyF[k]} disabled={monthlyLocked} onChange={(_, d) => h.setMonthlyF((v) => ({ ...v, [k]: d.value }))} data-testid={`monthly-report-${k}`} />
            </Field>
          ))}
          <div className={s.row}>
            <Button onClick={() => void h.saveMonthly(false)} disabled={h.busy || monthlyLocked} data-testid="monthly-report-save">{x.save}</Button>
            <Button appearance="primary" onClick={() => void h.saveMonthly(true)} disabled={h.busy || monthlyLocked} data-testid="monthly-report-submit">{x.submit}</Button>
          </div>
          {h.statusAt === 'monthly' && <StatusLine w={w} status={h.status} testId="work-reports-status" />}
          <Standing w={w} item={h.monthly.report} due={h.monthly.dueOn} testId="monthly-report-standing" />
        </div>
      )}

      <WorkMonthSheets w={w} client={props.client} month={h.valid ? h.day.trim().slice(0, 7) : null} onSessionEnded={props.onSessionEnded} template={props.template ?? null} onSaved={h.refresh} />
    </section>
  );
}
