/**
 * Plans waiting for the viewer's decision, each with its numbers (unit,
 * metric, level, year, version, total, the parent's figure, who submitted
 * it, when, and their comment), a way to open it as a sheet first, and
 * only the decisions the server would accept from this viewer.
 */
import { useState } from 'react';
import { Button, Caption1, Field, Subtitle2, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import type { PlanSummary } from '../../../api/operations.ts';
import type { ExcelRun } from '../../../excel/workbook.ts';
import { useApprovals } from '../../../targets/use-approvals.ts';
import { METRICS, type Metric } from '../../../../../schema/metrics.ts';
import { StatusMessage } from './StatusMessage.tsx';
import { formatAmountText } from '../../../i18n/format.ts';

const useStyles = makeStyles({
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function Approvals({ w, client, excel, onSessionEnded, onDecided }: { w: Words; client: Client; excel: () => ExcelRun; onSessionEnded: () => void; onDecided?: () => void }) {
  const styles = useStyles();
  const t = w.targets;
  const f = w.targetFlow;
  const approvals = useApprovals(w, client, excel, onSessionEnded, true, onDecided);
  const [comment, setComment] = useState('');
  // China time, as the company's days are counted, not the computer's zone.
  const when = (iso: string) => new Intl.DateTimeFormat(w.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
  const figure = (p: PlanSummary, amount: string) => formatAmountText(amount, METRICS[p.metric as Metric]?.unit ?? 'count', w.locale);
  const decide = async (d: 'approve' | 'publish' | 'return', p: PlanSummary) => {
    await approvals.decide(d, p, comment);
    setComment('');
  };
  return (
    <section aria-labelledby="approvals-heading">
      <Subtitle2 as="h3" id="approvals-heading">
        {t.approvals}
      </Subtitle2>
      {approvals.waiting.length === 0 ? (
        <Field data-testid="approvals-empty">{t.noApprovals}</Field>
      ) : (
        <>
          <Field label={t.comment}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} data-testid="approval-comment" />
          </Field>
          {approvals.waiting.map((p) => (
            <div key={p.id} className={styles.item} data-testid="approval">
              <Text weight="semibold">{p.scopeUnitName}</Text>
              <Caption1>{format(f.waitingDetails, { metric: t.metrics[p.metric as Metric] ?? p.metric, level: t.levels[p.level as 'BASE' | 'STRETCH'] ?? p.level, year: p.year, version: p.version })} · {t.statuses[p.status as keyof typeof t.statuses] ?? p.status}</Caption1>
              <Text data-testid="approval-total">
                {f.totalLabel}: {figure(p, p.total)} · {f.parentLabel}: {p.parentTarget ? figure(p, p.parentTarget.total) : f.noParent}
              </Text>
              <Caption1 data-testid="approval-submitted">{p.submittedBy && p.submittedAt ? format(f.submittedBy, { who: p.submittedBy, when: when(p.submittedAt) }) : f.notSubmitted}</Caption1>
              {p.submitComment && <Caption1 data-testid="approval-their-comment">{format(f.theirComment, { comment: p.submitComment })}</Caption1>}
              <div className={styles.row}>
                <Button size="small" onClick={() => void approvals.open(p)} disabled={approvals.busy} data-testid="approval-open">
                  {f.openSheet}
                </Button>
                {p.canApprove && (
                  <Button size="small" appearance="primary" onClick={() => void decide('approve', p)} disabled={approvals.busy} data-testid="approve">
                    {t.approve}
                  </Button>
                )}
                {p.canPublish && (
                  <Button size="small" appearance="primary" onClick={() => void decide('publish', p)} disabled={approvals.busy} data-testid="publish">
                    {t.publish}
                  </Button>
                )}
                {p.canReturn && (
                  <Button size="small" onClick={() => void decide('return', p)} disabled={approvals.busy} data-testid="return">
                    {t.sendBack}
                  </Button>
                )}
              </div>
            </div>
          ))}
        </>
      )}
      <StatusMessage w={w} status={approvals.status} excel={excel} onError={() => undefined} testId="approval-status" />
    </section>
  );
}
