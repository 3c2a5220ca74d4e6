/**
 * Expenses, a screen of its own for the finance manager: they keep every
 * unit's monthly expenses, as finance do, but have no Performance screen
 * (whose sales they do not read), where finance find the same section.
 */
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import { ExpensesSection } from './ExpensesSection.tsx';
import { useChoreStyles } from './chores/ui.tsx';

export function ExpensesPane({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const s = useChoreStyles();
  return (
    <div className={s.pane} data-testid="expenses-pane">
      <ExpensesSection w={w} client={client} onSessionEnded={onSessionEnded} heading="h2" />
    </div>
  );
}
