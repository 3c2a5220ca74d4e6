/** The admin's settings, on the Users screen: fiscal year start, plan due day, log spot-check size. */
import { Button, Field, Input, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import { useSettings, type Setting } from './useSettings.ts';
import { Busy, StatusLine, useChoreStyles } from './ui.tsx';

const KEYS: Setting[] = ['fiscalYearStartMonth', 'repPlanDueDay', 'workLogSampleSize'];

export function SettingsSection(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const { w } = props;
  const t = w.chores.settings;
  const s = useChoreStyles();
  const h = useSettings(props);
  return (
    <section className={s.section} data-testid="settings" aria-labelledby="settings-title">
      <Subtitle2 as="h3" id="settings-title">{t.title}</Subtitle2>
      <Busy busy={h.busy || h.values === null} label={h.busy ? w.chores.working : w.chores.loading} />
      {h.values &&
        KEYS.map((key) => (
          <div key={key} className={s.row}>
            <Field label={h.label[key]} hint={key === 'fiscalYearStartMonth' ? t.fiscalNote : undefined} className={s.grow}>
              <Input value={h.values![key]} inputMode="numeric" onChange={(_, d) => h.set(key, d.value)} data-testid={`setting-${key}`} />
            </Field>
            <Button onClick={() => void h.save(key)} disabled={h.busy} data-testid={`save-${key}`}>
              {t.save}
            </Button>
          </div>
        ))}
      <StatusLine w={w} status={h.status} testId="settings-status" />
    </section>
  );
}
