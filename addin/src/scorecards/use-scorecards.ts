/**
 * The Scorecards screen's state and calls: the period and person chosen, the
 * open scorecard, and every action on it (open as a sheet, validate the sheet
 * with the shared rules, save scores, submit), and for an approver the
 * scorecards of the period waiting for them, approved or returned with a
 * comment. One action at a time, with what is being done shown; a slow or
 * unreachable server leaves a Try again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { isIsoMonth, today } from '../../../schema/dates.ts';
import { format, type Words, phrase } from '../i18n.ts';
import { loadPeople } from '../chores/people.ts';
import { lastMonth } from '../chores/months.ts';
import type { PersonOption } from '../chores/operations.ts';
import { readTaggedSheet, type ExcelRun } from '../excel/workbook.ts';
import { useTypedAsk } from '../taskpane/components/useTypedAsk.ts';
import { readScorecardSheet, SCORECARD_FIELDS, SCORECARD_KIND, scorecardSheetSpec, type Issue, type ScorecardView } from './scorecard-sheet.ts';
import { loadWithRetry, oneAtATime, errorStatus, withoutRetryOf } from '../api/retry.ts';
import { useStatusState } from '../taskpane/status-state.ts';

export const OPEN_SCORECARD = `mutation OpenScorecard($personId: ID!, $periodKey: String!) { openScorecard(personId: $personId, periodKey: $periodKey) { ${SCORECARD_FIELDS} } }`;
export const SAVE_SCORES = `mutation SaveScores($id: ID!, $revision: Int!, $scores: [ScoreInput!]!) { saveScorecardScores(id: $id, revision: $revision, scores: $scores) { ${SCORECARD_FIELDS} } }`;
export const SUBMIT_SCORECARD = `mutation SubmitScorecard($id: ID!, $revision: Int!) { submitScorecard(id: $id, revision: $revision) { ${SCORECARD_FIELDS} } }`;
export const APPROVE_SCORECARD = `mutation ApproveScorecard($id: ID!, $revision: Int!, $comment: String) { approveScorecard(id: $id, revision: $revision, comment: $comment) { ${SCORECARD_FIELDS} } }`;
export const RETURN_SCORECARD = `mutation ReturnScorecard($id: ID!, $revision: Int!, $comment: String!) { returnScorecard(id: $id, revision: $revision, comment: $comment) { ${SCORECARD_FIELDS} } }`;
export const SCORECARDS = `query Scorecards($periodKey: String!) { scorecards(periodKey: $periodKey) { ${SCORECARD_FIELDS} } }`;
export const MY_SCORECARDS = `query MyScorecards { myScorecards { id periodKey total grade } }`;

export type PeriodKind = 'month' | 'quarter';
export type Work = keyof Words['scorecards']['working'];

export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; work: Work }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string; retry?: () => void }
  | { kind: 'issues'; issues: Issue[] };

/**
 * The period a scorecard screen opens on: the last one ended (a month is scored once it is over,
 * as promotions are proposed on last month), counted by the company's day (China time).
 */
export function lastEndedPeriod(kind: PeriodKind, day: string = today()): string {
  if (kind === 'month') return lastMonth(day);
  const y = Number(day.slice(0, 4));
  const q = Math.ceil(Number(day.slice(5, 7)) / 3);
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

export const validPeriod = (key: string) => /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(key.trim()) && isIsoMonth(`${key.trim().slice(0, 4)}-01`);

export function useScorecards(w: Words, client: Client, excel: () => ExcelRun, onSessionEnded: () => void, approver: boolean) {
  const s = w.scorecards;
  const [kind, setKindState] = useState<PeriodKind>('month');
  const [periodKey, setPeriodKey] = useState(lastEndedPeriod('month'));
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [personId, setPersonId] = useState('');
  const [card, setCard] = useState<ScorecardView | null>(null);
  const [waiting, setWaiting] = useState<ScorecardView[]>([]);
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  const running = useRef(false);
  const typed = useTypedAsk();

  const fail = useCallback(errorStatus(w, onSessionEnded, setStatus), [w, onSessionEnded]);

  const loadPeopleList = useCallback(
    () => loadWithRetry(() => loadPeople(client).then(setPeople), fail, (retry) => setStatus(withoutRetryOf<Status>(retry, { kind: 'idle' }))),
    [client, fail],
  );
  useEffect(loadPeopleList, [loadPeopleList]);

  const key = periodKey.trim();
  const loadWaiting = useCallback(async () => {
    if (!approver || !validPeriod(key)) return setWaiting([]);
    const data = await run<{ scorecards: ScorecardView[] }>(client, SCORECARDS, { periodKey: key });
    setWaiting(data.scorecards.filter((c) => c.status === 'SUBMITTED' && c.canApprove));
  }, [approver, client, key]);
  useEffect(() => {
    const attempt = () => void loadWaiting().catch((err: unknown) => fail(err, attempt));
    attempt();
  }, [loadWaiting, fail]);

  const setKind = (k: PeriodKind) => {
    setKindState(k);
    setPeriodKey(lastEndedPeriod(k));
    setCard(null);
    typed.clear();
  };

  const act = (work: Work, job: () => Promise<void>) => oneAtATime(running, { start: () => setStatus({ kind: 'busy', work }), fail }, job);

  /**
   * Writes a scorecard to its sheet; null when scores or comments typed there (and not saved) would be replaced:
   * the user is asked first, and `again` runs the action again, replacing them. After a save, submission or
   * decision the sheet is written as the server now has it (`replace`: what was typed went with it).
   */
  const write = async (view: ScorecardView, replace = true, again: () => void = () => undefined) => {
    const reports = await typed.rewrite(excel(), [{ spec: scorecardSheetSpec(w, view) }], replace, again);
    if (!reports) return null;
    setCard(view);
    return reports[0]!.sheetName;
  };
  const wrote = (view: ScorecardView, sheet: string) =>
    phrase(w.locale, s.wrote, { name: view.personName, period: view.periodKey, status: w.kpi.statuses[view.status], sheet });

  // Opening again (or another person's and back) asks before scores typed on the sheet are replaced.
  const open = (replace = false): Promise<void> =>
    act('open', async () => {
      if (!validPeriod(key)) return setStatus({ kind: 'error', message: s.badPeriod });
      if (!personId) return setStatus({ kind: 'error', message: s.choosePerson });
      const data = await run<{ openScorecard: ScorecardView }>(client, OPEN_SCORECARD, { personId, periodKey: key }, true);
      const sheet = await write(data.openScorecard, replace, () => void open(true));
      setStatus(sheet === null ? { kind: 'idle' } : { kind: 'ok', message: wrote(data.openScorecard, sheet) });
    })();

  /** The open scorecard's sheet, read back and checked; null (with the status said) when it cannot be. */
  const readChecked = async (complete: boolean) => {
    if (!card) return null;
    if (!(card.canScore && card.status === 'DRAFT')) {
      setStatus({ kind: 'error', message: format(s.readOnly, { status: w.kpi.statuses[card.status] }) });
      return null;
    }
    const read = await readTaggedSheet(excel(), SCORECARD_KIND, { personId: card.personId, periodKey: card.periodKey }, ['revision']);
    if (!read) {
      setStatus({ kind: 'issues', issues: [{ cell: null, message: s.notOpened }] });
      return null;
    }
    const back = readScorecardSheet(w, card, read, complete);
    if (back.issues.length) {
      setStatus({ kind: 'issues', issues: back.issues });
      return null;
    }
    return back;
  };

  // Validating says all that would stop the submission, blank scores too (saving a draft with them stays allowed).
  const validate = act('validate', async () => {
    const back = await readChecked(true);
    if (back) setStatus({ kind: 'ok', message: s.valid });
  });

  const saveScores = async (back: NonNullable<Awaited<ReturnType<typeof readChecked>>>) => {
    const data = await run<{ saveScorecardScores: ScorecardView }>(client, SAVE_SCORES, { id: card!.id, revision: back.revision ?? card!.revision, scores: back.entries }, true);
    return data.saveScorecardScores;
  };

  const save = act('save', async () => {
    const back = await readChecked(false);
    if (!back) return;
    const saved = await saveScores(back);
    await write(saved);
    setStatus({ kind: 'ok', message: format(s.saved, { total: saved.total ?? s.noTotal }) });
  });

  const submit = act('submit', async () => {
    const back = await readChecked(true);
    if (!back) return;
    const saved = await saveScores(back);
    const data = await run<{ submitScorecard: ScorecardView }>(client, SUBMIT_SCORECARD, { id: saved.id, revision: saved.revision }, true);
    await write(data.submitScorecard);
    setStatus({ kind: 'ok', message: phrase(w.locale, s.submitted, { name: saved.personName, period: saved.periodKey }) });
    await loadWaiting();
  });

  /** Approves or returns a waiting scorecard, then writes it to its sheet as it now stands. */
  const decide = (c: ScorecardView, approve: boolean, comment: string) =>
    act('decide', async () => {
      if (!approve && !comment.trim()) return setStatus({ kind: 'error', message: s.commentNeeded });
      const vars = { id: c.id, revision: c.revision, comment: comment.trim() || null };
      const done = approve
        ? (await run<{ approveScorecard: ScorecardView }>(client, APPROVE_SCORECARD, vars, true)).approveScorecard
        : (await run<{ returnScorecard: ScorecardView }>(client, RETURN_SCORECARD, vars, true)).returnScorecard;
      await write(done);
      const names = { name: done.personName, period: done.periodKey, total: done.total ?? s.noTotal, grade: done.grade ? w.kpi.grades[done.grade] : s.noTotal };
      setStatus({ kind: 'ok', message: format(approve ? s.approved : s.returned, names) });
      await loadWaiting();
    })();

  return {
    kind,
    setKind,
    periodKey,
    setPeriodKey: (k: string) => {
      setPeriodKey(k);
      setCard(null);
      typed.clear();
    },
    people,
    personId,
    setPersonId: (id: string) => {
      setPersonId(id);
      setCard(null);
      // A Replace asked about for one person's sheet is not run for another's.
      typed.clear();
    },
    card,
    waiting,
    status,
    busy: status.kind === 'busy',
    fail,
    open: () => open(),
    /** Typed cells an open would replace, waiting for the user's answer; keep leaves the sheet as it is. */
    typed: typed.asking,
    keep: () => setStatus({ kind: 'ok', message: typed.keep()(w) }),
    validate,
    save,
    submit,
    decide,
  };
}
