/**
 * What a sheet-kept section's hook shares (working calendar, indicator sets,
 * seasonality, classes): one action at a time with its status (useAction),
 * the problems of the last save by cell, cleared when an action starts, and
 * the typed cells a pull would replace, asked about first (useTypedAsk).
 */
import { useState } from 'react';
import type { Words } from '../../i18n.ts';
import type { Issue } from '../../targets/use-target-plan.ts';
import { useAction } from './chores/useAction.ts';
import { useTypedAsk } from './useTypedAsk.ts';

export function useSheetActions(w: Words, onSessionEnded: () => void) {
  const action = useAction(w, onSessionEnded);
  const [issues, setIssues] = useState<Issue[]>([]);
  const typedAsk = useTypedAsk();
  /** Runs one action with the problems of the last cleared first; its result, when a string, is shown as success. */
  const step = (work: () => Promise<string | void>) =>
    action.act(async () => {
      setIssues([]);
      return work();
    });
  /** Keep mine: the sheet is left as typed, and said so. */
  const keep = () => action.setStatus({ intent: 'info', message: typedAsk.keep()(w) });
  return { ...action, issues, setIssues, step, typed: typedAsk.asking, rewrite: typedAsk.rewrite, keep, clearTyped: typedAsk.clear };
}
