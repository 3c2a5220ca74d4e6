/**
 * A screen's status line across a change of the pane's language.
 *
 * Some statuses hold codes the screen renders as it draws (work under way, a
 * `say` over the words), and those follow the language by themselves. Others
 * hold a message or a list of cell issues already rendered in the language of
 * the moment ("Wrote 12 rows to …"); after the user switches language they
 * would stay in the old one, so they are cleared instead (Validate again
 * lists the issues in the new language). Nothing else on the screen
 * changes: the month, the unit and what was typed stay as they were.
 */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { Locale } from '../i18n.ts';

/** The pane's language, provided by the App around the screens. */
export const PaneLanguage = createContext<Locale | null>(null);

/**
 * A status holding sentences rendered in one language: a message, or a list of
 * cell issues (each issue's message is rendered); not work under way (its next
 * step renders again).
 */
export function holdsRenderedWords(status: unknown): boolean {
  if (typeof status !== 'object' || status === null || !('message' in status || 'issues' in status)) return false;
  return (status as { kind?: unknown }).kind !== 'busy';
}

/** useState for a status line: a rendered message goes back to `initial` when the pane's language changes. */
export function useStatusState<T>(initial: T) {
  const locale = useContext(PaneLanguage);
  const [status, setStatus] = useState<T>(initial);
  const shownIn = useRef(locale);
  const cleared = useRef(initial);
  useEffect(() => {
    if (shownIn.current === locale) return;
    shownIn.current = locale;
    setStatus((s) => (holdsRenderedWords(s) ? cleared.current : s));
  }, [locale]);
  return [status, setStatus] as const;
}
