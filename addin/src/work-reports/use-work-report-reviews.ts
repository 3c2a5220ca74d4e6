/**
 * The manager's "Log checks" screen's state and calls (issue 11 §3): a week
 * (its Monday; this week's by default), the week's spot-check sample of the
 * logs handed in (each opened and commented on), the week's weekly reports
 * and its month's monthly reports waiting for a comment, and the handed-in
 * sheet of the week or the month written through the adapter.
 */
import { newestOnly } from '../api/retry.ts';
import { useCallback, useEffect, useState, useRef } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../i18n.ts';
import { run } from '../api/client.ts';
import { writeSheetTable, type ExcelRun } from '../excel/workbook.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { today } from '../../../schema/dates.ts';
import { commentProblem, isMonday, mondayOf } from '../../../schema/work-reports.ts';
import {
  COMMENT_MONTHLY_REPORT,
  COMMENT_WEEKLY_REPORT,
  COMMENT_WORK_LOG,
  HANDED_IN_SHEET,
  MONTHLY_REPORTS,
  SPOT_CHECK,
  WEEKLY_REPORTS,
  type HandedInSheet,
  type MonthlyReport,
  type SpotCheck,
  type WeeklyReport,
  type WorkReportCommon,
} from './operations.ts';
import { handedInSheetSpec } from './handed-in-sheet.ts';
import { describeReason } from '../api/describe-error.ts';

export type Commentable = { kind: 'LOG' | 'WEEKLY' | 'MONTHLY'; item: WorkReportCommon };

export function useWorkReportReviews({ client, w, excel, onSessionEnded }: { client: Client; w: Words; excel: () => ExcelRun; onSessionEnded: () => void }) {
  const x = w.workReports;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [week, setWeek] = useState(mondayOf(today()));
  const [spot, setSpot] = useState<SpotCheck | null>(null);
  const [weeklies, setWeeklies] = useState<WeeklyReport[] | null>(null);
  const [monthlies, setMonthlies] = useState<MonthlyReport[] | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const valid = isMonday(week.trim());

  const begin = useRef(newestOnly()).current;
  const reload = useCallback(async () => {
    const current = begin();
    if (!isMonday(week.trim())) return;
    const wk = week.trim();
    const [s, r, m] = await Promise.all([
      run<{ workLogSpotCheck: SpotCheck }>(client, SPOT_CHECK, { week: wk }),
      run<{ weeklyReports: WeeklyReport[] }>(client, WEEKLY_REPORTS, { week: wk }),
      run<{ monthlyReports: MonthlyReport[] }>(client, MONTHLY_REPORTS, { month: wk.slice(0, 7) }),
    ]);
    if (!current()) return;
    setSpot(s.workLogSpotCheck);
    setWeeklies(r.weeklyReports);
    setMonthlies(m.monthlyReports);
  }, [client, week]);
  useEffect(() => {
    load(() => reload());
  }, [reload, load]);

  const comment = ({ kind, item }: Commentable) =>
    act(async () => {
      const text = comments[item.id] ?? '';
      const problem = commentProblem(text);
      if (problem) throw new Error(format(x.labelled, { label: x.yourComment, text: describeReason(w, problem.code, problem.params) }));
      const q = kind === 'LOG' ? COMMENT_WORK_LOG : kind === 'WEEKLY' ? COMMENT_WEEKLY_REPORT : COMMENT_MONTHLY_REPORT;
      await run(client, q, { id: item.id, revision: item.revision, comment: text.trim() }, true);
      await reload();
      setComments((c) => ({ ...c, [item.id]: '' }));
      return format(x.commented, { name: item.personName });
    });

  const writeSheet = (which: 'week' | 'month') =>
    act(async () => {
      if (!valid) throw new Error(x.badWeek);
      const period = which === 'week' ? week.trim() : week.trim().slice(0, 7);
      const sheet = (await run<{ handedInSheet: HandedInSheet }>(client, HANDED_IN_SHEET, { period })).handedInSheet;
      if (!sheet.rows.length) return format(x.sheetEmpty, { period });
      const report = await writeSheetTable(excel(), handedInSheetSpec(w, sheet));
      return format(x.sheetWrote, { period, n: sheet.rows.length, sheet: report.sheetName });
    });

  const toReview: Commentable[] = [
    ...(weeklies ?? []).filter((r) => r.canComment && !r.comment).map((item) => ({ kind: 'WEEKLY' as const, item })),
    ...(monthlies ?? []).filter((r) => r.canComment && !r.comment).map((item) => ({ kind: 'MONTHLY' as const, item })),
  ];

  return {
    ...action,
    week,
    setWeek,
    valid,
    loaded: spot !== null && weeklies !== null && monthlies !== null,
    spot,
    toReview,
    comments,
    setComment: (id: string, text: string) => setComments((c) => ({ ...c, [id]: text })),
    comment,
    writeSheet,
  };
}
