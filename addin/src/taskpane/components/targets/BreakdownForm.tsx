/** How to break the selected draft down (a method per axis), a preview, and the breakdown itself. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { PROFILES } from '../../../api/operations.ts';
import { METHODS, type Method, type TargetPlanState } from '../../../targets/use-target-plan.ts';

const useStyles = makeStyles({ row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' } });

export function BreakdownForm({ w, client, plan }: { w: Words; client: Client; plan: TargetPlanState }) {
  const styles = useStyles();
  const t = w.targets;
  const [timeMethod, setTimeMethod] = useState<Method>('HISTORY');
  const [ownerMethod, setOwnerMethod] = useState<Method>('HISTORY');
  const [growth, setGrowth] = useState('20');
  const [profiles, setProfiles] = useState<{ code: string; name: string }[]>([]);
  const [profile, setProfile] = useState('');
  const { fail } = plan;
  useEffect(() => {
    run<{ seasonalityProfiles: { code: string; name: string }[] }>(client, PROFILES, {})
      .then((d) => {
        setProfiles(d.seasonalityProfiles);
        setProfile(d.seasonalityProfiles[0]?.code ?? '');
      })
      .catch(fail);
  }, [client, fail]);
  const opts = { growth, profile };
  return (
    <>
      <div className={styles.row}>
        <Field label={t.timeMethod}>
          <Select value={timeMethod} onChange={(_, d) => setTimeMethod(d.value as Method)} data-testid="time-method">
            {METHODS.filter((m) => m !== 'HEADCOUNT').map((m) => (
              <option key={m} value={m}>
                {t.methods[m]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.ownerMethod}>
          <Select value={ownerMethod} onChange={(_, d) => setOwnerMethod(d.value as Method)} data-testid="owner-method">
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t.methods[m]}
              </option>
            ))}
          </Select>
        </Field>
        {timeMethod === 'WEIGHTS' && (
          <Field label={t.profile}>
            <Select value={profile} onChange={(_, d) => setProfile(d.value)} data-testid="profile">
              {profiles.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {(timeMethod === 'GROWTH' || ownerMethod === 'GROWTH') && (
          <Field label={t.growth}>
            <Input value={growth} onChange={(_, d) => setGrowth(d.value)} />
          </Field>
        )}
      </div>
      {plan.preview && (
        <MessageBar intent="info" layout="multiline" data-testid="plan-preview">
          <MessageBarBody>
            {t.totalTarget}: {plan.preview.total}
            <br />
            {plan.preview.row.map((l) => `${l.periodKey}: ${l.amount}`).join(' · ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button onClick={() => void plan.showPreview(timeMethod, ownerMethod, opts)} disabled={plan.busy} data-testid="plan-preview-button">
          {t.preview}
        </Button>
        <Button onClick={() => void plan.breakDown(timeMethod, ownerMethod, opts)} disabled={plan.busy} data-testid="plan-break-down">
          {t.breakDown}
        </Button>
      </div>
    </>
  );
}
