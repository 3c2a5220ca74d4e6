/**
 * Scorecards: choose a month or quarter and a person, open their scorecard
 * as a sheet, type scores and comments there, validate them in the pane with
 * the shared rules (each problem a link to its cell), save, submit; and, for
 * approvers, the period's scorecards waiting for them with their numbers,
 * approved or returned with a comment; for admins, each role's indicator
 * set as a sheet (IndicatorSetsSection). State and calls live in
 * scorecards/use-scorecards.ts; the sheet in scorecards/scorecard-sheet.ts.
 */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../i18n.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import { useScorecards, type PeriodKind } from '../../scorecards/use-scorecards.ts';
import type { ScorecardView } from '../../scorecards/scorecard-sheet.ts';
import { PersonPicker, useChoreStyles } from './chores/ui.tsx';
import { IssueList } from './targets/IssueList.tsx';
import { RetryAction } from './RetryAction.tsx';
import { IndicatorSetsSection } from './IndicatorSetsSection.tsx';
import { ReturnedNotice, returnedSince } from './ReturnedNotice.tsx';
import { TypedCellsBar } from './SheetRoundTrip.tsx';

const excel = () => Excel.run as unknown as ExcelRun;

export function ScorecardsPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useChoreStyles();
  const s = w.scorecards;
  const approver = roles.some((r) => r === 'MANAGER' || r === 'DIRECTOR' || r === 'ADMIN');
  const sc = useScorecards(w, client, excel, onSessionEnded, approver);
  const { status, card } = sc;
  const editable = !!card && card.canScore && card.status === 'DRAFT';

  return (
    <div className={styles.pane} data-testid="scorecards-pane">
      <Subtitle2 as="h2">{s.title}</Subtitle2>
      <div className={styles.row}>
        <Field label={s.periodKind}>
          <Select value={sc.kind} onChange={(_, d) => sc.setKind(d.value as PeriodKind)} data-testid="scorecard-kind">
            <option value="month">{s.kinds.month}</option>
            <option value="quarter">{s.kinds.quarter}</option>
          </Select>
        </Field>
        <Field label={s.periodKey} className={styles.grow}>
          <Input value={sc.periodKey} onChange={(_, d) => sc.setPeriodKey(d.value)} data-testid="scorecard-period" />
        </Field>
      </div>
      <PersonPicker w={w} people={sc.people} value={sc.personId} onChange={sc.setPersonId} testId="scorecard-person" />
      <div className={styles.row}>
        <Button appearance="primary" disabled={sc.busy} onClick={() => void sc.open()} data-testid="scorecard-open">
          {s.open}
        </Button>
        {editable && (
          <>
            <Button disabled={sc.busy} onClick={() => void sc.validate()} data-testid="scorecard-validate">
              {s.validate}
            </Button>
            <Button disabled={sc.busy} onClick={() => void sc.save()} data-testid="scorecard-save">
              {s.save}
            </Button>
            <Button disabled={sc.busy} onClick={() => void sc.submit()} data-testid="scorecard-submit">
              {s.submit}
            </Button>
          </>
        )}
      </div>
      <TypedCellsBar w={w} asking={sc.typed} busy={sc.busy} onKeep={sc.keep} testId="scorecard" />
      {card?.status === 'DRAFT' && <ReturnedNotice w={w} returned={returnedSince(card.events ?? [])} testId="scorecard-returned" />}
      {status.kind === 'busy' && <Spinner size="tiny" labelPosition="after" label={s.working[status.work]} data-testid="scorecard-status-busy" role="status" />}
      {status.kind === 'issues' && <IssueList w={w} issues={status.issues} excel={excel} onError={sc.fail} />}
      {(status.kind === 'ok' || status.kind === 'error') && (
        <MessageBar intent={status.kind === 'ok' ? 'success' : 'error'} layout="multiline" data-testid="scorecard-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
      {approver && <Waiting w={w} cards={sc.waiting} periodKey={sc.periodKey} busy={sc.busy} decide={sc.decide} />}
      {roles.includes('ADMIN') && <IndicatorSetsSection w={w} client={client} excel={excel} onSessionEnded={onSessionEnded} />}
    </div>
  );
}

function Waiting({ w, cards, periodKey, busy, decide }: { w: Words; cards: ScorecardView[]; periodKey: string; busy: boolean; decide: (c: ScorecardView, approve: boolean, comment: string) => Promise<void> }) {
  const styles = useChoreStyles();
  const s = w.scorecards;
  return (
    <section className={styles.section} data-testid="scorecards-waiting">
      <Subtitle2 as="h3">{format(s.waiting, { n: cards.length })}</Subtitle2>
      {cards.length === 0 ? (
        <span className={styles.meta}>{phrase(w.locale, s.noneWaiting, { period: periodKey })}</span>
      ) : (
        <ul className={styles.list}>
          {cards.map((c) => (
            <WaitingCard key={c.id} w={w} card={c} busy={busy} decide={decide} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WaitingCard({ w, card, busy, decide }: { w: Words; card: ScorecardView; busy: boolean; decide: (c: ScorecardView, approve: boolean, comment: string) => Promise<void> }) {
  const styles = useChoreStyles();
  const s = w.scorecards;
  const [comment, setComment] = useState('');
  return (
    <li className={styles.item} data-testid="scorecard-waiting">
      <div className={styles.line}>
        <span className={styles.strong}>{`${card.personName} · ${card.periodKey}`}</span>
        <span data-testid="scorecard-waiting-total">{`${s.total} ${card.total ?? s.noTotal} · ${card.grade ? w.kpi.grades[card.grade] : s.noTotal}`}</span>
      </div>
      <ul className={styles.list}>
        {card.lines.map((l) => (
          <li key={l.code} className={`${styles.line} ${styles.meta}`} data-testid="scorecard-waiting-line">
            <span className={styles.grow}>{format(s.lineWeight, { name: l.name, weight: l.weight })}</span>
            <span>{l.computed ? `${s.value} ${l.value ?? '—'}` : `${s.score} ${l.score ?? '—'} / ${l.maxScore}`}</span>
            <span>{`${s.points} ${l.points ?? '—'}`}</span>
          </li>
        ))}
      </ul>
      <Field label={s.decisionComment}>
        <Input value={comment} onChange={(_, d) => setComment(d.value)} data-testid="scorecard-decision-comment" />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy} onClick={() => void decide(card, true, comment)} data-testid="scorecard-approve">
          {s.approve}
        </Button>
        <Button disabled={busy} onClick={() => void decide(card, false, comment)} data-testid="scorecard-return">
          {s.return}
        </Button>
      </div>
    </li>
  );
}
