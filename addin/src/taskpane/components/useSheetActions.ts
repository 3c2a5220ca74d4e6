/**
 * What a sheet-kept section's hook shares (working calendar, indicator sets,
 * seasonality, classes): one action at a time with its status (useAction),
 * and the problems of the last save by cell, cleared when an action starts.
 */
import { useState } from 'react';
import type { Words } from '../../i18n.ts';
import type { Issue } from '../../targets/use-target-plan.ts';
import { useAction } from './chores/useAction.ts';

export function useSheetActions(w: Words, onSessionEnded: () => void) {
  const action = useAction(w, onSessionEnded);
  const [issues, setIssues] = useState<Issue[]>([]);
  /** Runs one action with the problems of the last cleared first; its result, when a string, is shown as success. */
  const step = (work: () => Promise<string | void>) =>
    action.act(async () => {
      setIssues([]);
      return work();
    });
  return { ...action, issues, setIssues, step };
}
