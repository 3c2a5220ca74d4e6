/**
 * Log checks (日志抽查, issue 11 §3), for managers: a week's spot-check sample
 * of the logs handed in (open one, comment), the weekly and monthly reports
 * waiting for a comment, and the handed-in sheet of the week or the month.
 * State and calls live in work-reports/use-work-report-reviews.ts.
 */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import type { MonthlyReport, WeeklyReport, WorkLog } from '../../work-reports/operations.ts';
import { useWorkReportReviews, type Commentable } from '../../work-reports/use-work-report-reviews.ts';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';
import { DateInput } from './DateInputs.tsx';
import { isIsoDay } from '../../../../schema/dates.ts';
import { mondayOf } from '../../../../schema/work-reports.ts';

const excel = () => Excel.run as unknown as ExcelRun;

export function WorkReportReviewsPane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const x = w.workReports;
  const s = useChoreStyles();
  const h = useWorkReportReviews({ ...props, excel });

  const commentBox = (c: Commentable, testId: string) => (
    <>
      {c.item.comment && <span className={s.meta} data-testid={`${testId}-comment-shown`}>{format(x.commentBy, { by: c.item.commentedBy ?? '', comment: c.item.comment })}</span>}
      {c.item.canComment && (
        <div className={s.row}>
          <Field label={x.yourComment} className={s.grow}>
            <Input value={h.comments[c.item.id] ?? ''} onChange={(_, d) => h.setComment(c.item.id, d.value)} data-testid={`${testId}-comment`} />
          </Field>
          <Button onClick={() => void h.comment(c)} disabled={h.busy || !(h.comments[c.item.id] ?? '').trim()} data-testid={`${testId}-send`}>
            {x.addComment}
          </Button>
        </div>
      )}
    </>
  );

  return (
    <section className={s.pane} data-testid="work-report-reviews-pane" aria-labelledby="work-report-reviews-title">
      <Subtitle2 as="h2" id="work-report-reviews-title">{x.reviewTitle}</Subtitle2>
      <StatusLine w={w} status={h.status} testId="work-report-reviews-status" />
      <Busy busy={h.busy || (h.valid && !h.loaded)} label={h.busy ? w.chores.working : w.chores.loading} />
      <Field label={x.week}>
        {/* Any day picks its week: the field shows that week's Monday once the user leaves it. */}
        <DateInput w={w} value={h.week} onChange={(v) => h.setWeek(isIsoDay(v) ? mondayOf(v) : v)} data-testid="work-report-reviews-week" />
      </Field>
      <div className={s.row}>
        <Button onClick={() => void h.writeSheet('week')} disabled={h.busy || !h.valid} data-testid="handed-in-week">{x.writeWeekSheet}</Button>
        <Button onClick={() => void h.writeSheet('month')} disabled={h.busy || !h.valid} data-testid="handed-in-month">{x.writeMonthSheet}</Button>
      </div>

      <div className={s.section} data-testid="spot-check">
        <Subtitle2 as="h3">{x.spotCheck}</Subtitle2>
        {h.spot && h.spot.logs.length === 0 && <span data-testid="spot-check-empty">{x.noneToCheck}</span>}
        {h.spot && h.spot.logs.length > 0 && (
          <>
            <span className={s.meta} data-testid="spot-check-summary">{format(h.spot.candidates <= h.spot.size ? x.spotCheckAll : x.spotCheckOf, { n: h.spot.logs.length, candidates: h.spot.candidates, size: h.spot.size })}</span>
            <ul className={s.list}>
              {h.spot.logs.map((l: WorkLog) => (
                <li key={l.id} className={s.item} data-testid="spot-check-log">
                  <span className={s.strong}>{format(x.logLine, { name: l.personName, day: l.day, calls: l.calls, visits: l.visits, deals: l.deals })}</span>
                  {l.customersMet && <span>{format(x.labelled, { label: x.customersMet, text: l.customersMet })}</span>}
                  <span>{format(x.labelled, { label: x.notes, text: l.notes })}</span>
                  <span className={s.meta}>{x.timeliness[l.timeliness]}</span>
                  {commentBox({ kind: 'LOG', item: l }, 'spot-check-log')}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <div className={s.section} data-testid="reports-to-review">
        <Subtitle2 as="h3">{x.reportsToReview}</Subtitle2>
        {h.loaded && h.toReview.length === 0 && <span data-testid="reports-to-review-empty">{x.noReports}</span>}
        <ul className={s.list}>
          {h.toReview.map((c) => (
            <li key={c.item.id} className={s.item} data-testid="report-to-review">
              <span className={s.strong}>{`${c.item.personName} · ${c.kind === 'WEEKLY' ? `${x.weekly} ${(c.item as WeeklyReport).week}` : `${x.monthly} ${(c.item as MonthlyReport).month}`} · ${x.timeliness[c.item.timeliness]}`}</span>
              {c.kind === 'WEEKLY' ? <WeeklyText w={w} r={c.item as WeeklyReport} /> : <MonthlyText w={w} r={c.item as MonthlyReport} />}
              {commentBox(c, 'report-to-review')}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function WeeklyText({ w, r }: { w: Words; r: WeeklyReport }) {
  const x = w.workReports;
  return (
    <>
      <span>{format(x.labelled, { label: x.results, text: r.results })}</span>
      <span>{format(x.labelled, { label: x.plan, text: r.plan })}</span>
      {r.marketFeedback && <span>{format(x.labelled, { label: x.marketFeedback, text: r.marketFeedback })}</span>}
      {r.problems && <span>{format(x.labelled, { label: x.problems, text: r.problems })}</span>}
    </>
  );
}

function MonthlyText({ w, r }: { w: Words; r: MonthlyReport }) {
  const x = w.workReports;
  return (
    <>
      <span>{format(x.labelled, { label: x.monthResults, text: r.results })}</span>
      <span>{format(x.labelled, { label: x.analysis, text: r.analysis })}</span>
      <span>{format(x.labelled, { label: x.nextPlan, text: r.plan })}</span>
    </>
  );
}
