import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Words } from '../../i18n.ts';
import { createClient, run, ApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { LOGIN } from '../../api/operations.ts';
import type { StoredSession } from '../../api/session.ts';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

interface LoginData {
  login: { token: string; expiresAt: string; viewer: { username: string; roles: string[] } };
}

export function SignIn({ w, notice, onSignedIn }: { w: Words; notice: string | null; onSignedIn: (s: StoredSession) => void }) {
  const styles = useStyles();
  const [serverUrl, setServerUrl] = useState(window.location.origin);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // What went wrong, rendered as the form draws, so it follows the pane's language.
  const [failure, setFailure] = useState<{ error: unknown; serverUrl: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const data = await run<LoginData>(createClient(serverUrl, null), LOGIN, { username, password }, true);
      onSignedIn({ serverUrl, token: data.login.token, username: data.login.viewer.username, roles: data.login.viewer.roles, expiresAt: data.login.expiresAt });
    } catch (err) {
      setFailure({ error: err, serverUrl });
    } finally {
      setBusy(false);
    }
  };

  const error = failure
    ? failure.error instanceof ApiError && failure.error.code === 'NETWORK'
      ? w.cannotReach.replace('{url}', failure.serverUrl)
      : describeError(w, failure.error)
    : notice;

  return (
    <form className={styles.form} onSubmit={submit} data-testid="sign-in">
      <Subtitle2 as="h2">{w.signInTitle}</Subtitle2>
      {error && (
        <MessageBar intent="error" data-testid="sign-in-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={w.serverUrl}>
        <Input value={serverUrl} onChange={(_, d) => setServerUrl(d.value)} type="url" name="server" />
      </Field>
      <Field label={w.username} required>
        <Input value={username} onChange={(_, d) => setUsername(d.value)} name="username" autoComplete="username" />
      </Field>
      <Field label={w.password} required>
        <Input value={password} onChange={(_, d) => setPassword(d.value)} type="password" name="password" autoComplete="current-password" />
      </Field>
      <Button appearance="primary" type="submit" disabled={busy || !username || !password} data-testid="sign-in-submit">
        {busy ? w.signingIn : w.signIn}
      </Button>
    </form>
  );
}
