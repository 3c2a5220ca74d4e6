/** My scorecards: the viewer's own approved scorecards, newest period first, with their totals and grades. */
import { useEffect, useState } from 'react';
import { Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words, phrase } from '../../i18n.ts';
import { run } from '../../api/client.ts';
import { MY_SCORECARDS } from '../../scorecards/use-scorecards.ts';
import type { KpiGrade } from '../../../../schema/kpi.ts';
import { StatusLine, useChoreStyles } from './chores/ui.tsx';
import { useAction } from './chores/useAction.ts';

interface Mine {
  id: string;
  periodKey: string;
  total: string | null;
  grade: KpiGrade | null;
}

export function MyScorecards({ w, client, onSessionEnded }: { w: Words; client: Client; onSessionEnded: () => void }) {
  const styles = useChoreStyles();
  const s = w.scorecards;
  const { status, load } = useAction(w, onSessionEnded);
  const [cards, setCards] = useState<Mine[] | null>(null);
  useEffect(() => load(async () => setCards((await run<{ myScorecards: Mine[] }>(client, MY_SCORECARDS)).myScorecards)), [client, load]);
  return (
    <section className={styles.section} data-testid="my-scorecards">
      <Subtitle2 as="h3">{s.mine}</Subtitle2>
      <StatusLine w={w} status={status} testId="my-scorecards-status" />
      {cards && !cards.length && <span className={styles.meta}>{s.mineEmpty}</span>}
      {cards && cards.length > 0 && (
        <ul className={styles.list}>
          {cards.map((c) => (
            <li key={c.id} className={styles.item} data-testid="my-scorecard">
              {phrase(w.locale, s.mineLine, { period: c.periodKey, total: c.total ?? s.noTotal, grade: c.grade ? w.kpi.grades[c.grade] : s.noTotal })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
