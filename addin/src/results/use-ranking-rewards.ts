/**
 * The rewards and penalties section of the Performance screen: the
 * proposals published rankings of the chosen unit made for the payroll month
 * the chosen ranking period ends in, with Approve and Dismiss (a comment
 * required). One action at a time (useAction); refusals in the user's
 * language through the reasons catalogue.
 */
import { CALENDAR_YEAR, period, type FiscalCalendar } from '../../../schema/periods.ts';
import { useCallback, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words, phrase, versionText } from '../i18n.ts';
import { run } from '../api/client.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { formatMoneyText } from '../i18n/format.ts';
import type { Metric } from '../../../schema/metrics.ts';

export interface RankingProposal {
  id: string;
  personId: string;
  personName: string;
  employeeNo: string;
  month: string;
  /** The ranking it comes from: its period, what it ranked and how (achievement against base, or the amount), and its version. */
  periodKey: string;
  metric: Metric;
  basis: 'ACHIEVEMENT' | 'AMOUNT';
  version: number;
  place: number;
  ranked: number;
  kind: 'REWARD' | 'PENALTY';
  amount: string;
  status: 'PROPOSED' | 'APPROVED' | 'DISMISSED' | 'SUPERSEDED';
  comment: string | null;
  /** Its payroll month is locked: not decided until an admin reopens it. */
  locked: boolean;
  /** The viewer may approve or dismiss it (a manager over the ranked unit, or an admin; not their own). */
  canDecide: boolean;
}

const FIELDS = 'id personId personName employeeNo month periodKey metric basis version place ranked kind amount status comment locked canDecide';
export const RANKING_PROPOSALS = `query RankingProposals($unitId: ID, $month: String) { rankingAdjustmentProposals(unitId: $unitId, month: $month) { ${FIELDS} } }`;
export const APPROVE_RANKING_ADJUSTMENT = `mutation ApproveRankingAdjustment($id: ID!) { approveRankingAdjustment(id: $id) { ${FIELDS} } }`;
export const DISMISS_RANKING_ADJUSTMENT = `mutation DismissRankingAdjustment($id: ID!, $comment: String!) { dismissRankingAdjustment(id: $id, comment: $comment) { ${FIELDS} } }`;

/** The payroll month a ranking period ends in, by the organisation's fiscal calendar (as the server files its proposals): 2026-03-D2 → 2026-03; 2026-Q1 → its last month. */
export function monthOfRankingPeriod(key: string, calendar: FiscalCalendar = CALENDAR_YEAR): string {
  return period(key, calendar).end.slice(0, 7);
}

/** Open ones first; each ranking's together (by period, metric and basis), its newest version first; rewards before penalties, by place. */
export function proposalOrder(a: RankingProposal, b: RankingProposal): number {
  const open = (p: RankingProposal) => (p.status === 'PROPOSED' ? 0 : 1);
  const by = (k: 'periodKey' | 'metric' | 'basis') => (a[k] === b[k] ? 0 : a[k] < b[k] ? -1 : 1);
  return open(a) - open(b) || by('periodKey') || by('metric') || by('basis') || b.version - a.version || (a.kind === b.kind ? 0 : a.kind === 'REWARD' ? -1 : 1) || a.place - b.place || (a.employeeNo < b.employeeNo ? -1 : 1);
}

/** Which ranking a proposal comes from, as the reader says it: "2026年11月上旬排名，按销售额达成率，第 1 版" / "Ranking of Nov 2026 1st ten days by achievement (Sales amount), version 1". */
export function proposalSource(w: Words, p: Pick<RankingProposal, 'periodKey' | 'metric' | 'basis' | 'version'>): string {
  const x = w.rankingRewards;
  const basis = format(x.bases[p.basis] ?? p.basis, { metric: w.targets.metrics[p.metric] ?? p.metric });
  return phrase(w.locale, x.source, { period: p.periodKey, basis, version: versionText(w, p.version) });
}

export function useRankingRewards(w: Words, client: Client, onSessionEnded: () => void) {
  const x = w.rankingRewards;
  const { busy, status, setStatus, act } = useAction(w, onSessionEnded);
  const [proposals, setProposals] = useState<RankingProposal[] | null>(null);
  const [shown, setShown] = useState<{ unitId: string; unitName: string; month: string } | null>(null);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const [comment, setComment] = useState('');

  const fetch = useCallback(
    async (unitId: string, month: string) =>
      (await run<{ rankingAdjustmentProposals: RankingProposal[] }>(client, RANKING_PROPOSALS, { unitId, month })).rankingAdjustmentProposals
        // An older version's proposals nobody decided were replaced by the newer version's: listing both would count everyone twice.
        .filter((p) => p.status !== 'SUPERSEDED')
        .sort(proposalOrder),
    [client],
  );

  /** Shows the proposals of a unit's rankings for a month (after publishing, or on request). */
  const show = (unitId: string, unitName: string, month: string) =>
    act(async () => {
      const list = await fetch(unitId, month);
      setProposals(list);
      setShown({ unitId, unitName, month });
      setDismissing(null);
      return list.length ? phrase(w.locale, x.loaded, { n: list.length, unit: unitName, month }) : void setStatus({ intent: 'info', message: phrase(w.locale, x.none, { unit: unitName, month }) });
    });

  const replace = (p: RankingProposal) => setProposals((list) => (list ?? []).map((q) => (q.id === p.id ? p : q)).sort(proposalOrder));

  const approve = (p: RankingProposal) =>
    act(async () => {
      const done = (await run<{ approveRankingAdjustment: RankingProposal }>(client, APPROVE_RANKING_ADJUSTMENT, { id: p.id })).approveRankingAdjustment;
      replace(done);
      return phrase(w.locale, x.approved, { name: done.personName, amount: formatMoneyText(done.amount), month: done.month });
    });

  const startDismiss = (p: RankingProposal) => {
    setDismissing(p.id);
    setComment('');
  };

  const dismiss = (p: RankingProposal) =>
    act(async () => {
      if (!comment.trim()) return void setStatus({ intent: 'error', message: x.commentNeeded });
      const done = (await run<{ dismissRankingAdjustment: RankingProposal }>(client, DISMISS_RANKING_ADJUSTMENT, { id: p.id, comment: comment.trim() })).dismissRankingAdjustment;
      replace(done);
      setDismissing(null);
      return format(x.dismissed, { name: done.personName, amount: formatMoneyText(done.amount) });
    });

  return { busy, status, proposals, shown, show, approve, dismissing, startDismiss, cancelDismiss: () => setDismissing(null), comment, setComment, dismiss };
}
