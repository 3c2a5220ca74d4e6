/** A pane that pulls one thing of the viewer's (for a year or a month) into a sheet. */
import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { ApiError } from '../../api/client.ts';
import { describeError, isTransient } from '../../api/describe-error.ts';
import { RetryAction } from './RetryAction.tsx';
import { MonthInput } from './DateInputs.tsx';
import type { Words } from '../../i18n.ts';
import { useStatusState } from '../status-state.ts';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

export interface PullResult {
  intent: 'success' | 'info' | 'error';
  message: string;
  /** Present when the server was slow or out of reach: pulls again. */
  retry?: () => void;
}

export function PullPane(props: {
  testId: string;
  title: string;
  fieldLabel: string;
  inputType: 'number' | 'month';
  inputTestId: string;
  initial: string;
  buttonLabel: string;
  buttonTestId: string;
  statusTestId: string;
  pull: (value: string) => Promise<PullResult>;
  /** The latest period that has data, to open on (unless the user has typed one already). */
  latest?: () => Promise<string | null>;
  onSessionEnded: () => void;
  w: Words;
}) {
  const styles = useStyles();
  const [value, setValue] = useState(props.initial);
  const [status, setStatus] = useStatusState<PullResult | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = useRef(false);
  const { latest } = props;
  useEffect(() => {
    if (!latest) return;
    let live = true;
    latest()
      .then((v) => {
        if (live && v && !typed.current) setValue(v);
      })
      .catch(() => undefined); // the default stays; pulling will say what is wrong
    return () => {
      live = false;
    };
  }, [latest]);
  const pull = async function attempt(): Promise<void> {
    setBusy(true);
    try {
      setStatus(await props.pull(value));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return props.onSessionEnded();
      setStatus({ intent: 'error', message: describeError(props.w, err), ...(isTransient(err) ? { retry: () => void attempt() } : {}) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.pane} data-testid={props.testId}>
      <Subtitle2 as="h2">{props.title}</Subtitle2>
      <Field label={props.fieldLabel}>
        {props.inputType === 'month' ? (
          // The pane's own month field: the browser's <input type="month"> speaks the browser's language.
          <MonthInput w={props.w} value={value} onChange={(v) => {
              typed.current = true;
              setValue(v);
            }} data-testid={props.inputTestId} />
        ) : (
          <Input type="number" value={value} onChange={(_, d) => {
              typed.current = true;
              setValue(d.value);
            }} data-testid={props.inputTestId} />
        )}
      </Field>
      <Button appearance="primary" onClick={() => void pull()} disabled={busy} data-testid={props.buttonTestId}>
        {props.buttonLabel}
      </Button>
      {status && (
        <MessageBar intent={status.intent} data-testid={props.statusTestId}>
          <MessageBarBody>{status.message}</MessageBarBody>
          <RetryAction w={props.w} retry={status.retry} />
        </MessageBar>
      )}
    </div>
  );
}
