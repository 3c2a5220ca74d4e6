import { useMemo, useState } from 'react';
import { Button, Caption1, Select, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { words, type Locale } from '../i18n.ts';
import { createClient } from '../api/client.ts';
import { loadSession, saveSession, type StoredSession } from '../api/session.ts';
import { LOGOUT } from '../api/operations.ts';
import { SignIn } from './components/SignIn.tsx';
import { RosterPane } from './components/RosterPane.tsx';
import { NotInExcel } from './components/NotInExcel.tsx';
import { TargetsPane } from './components/TargetsPane.tsx';
import { MyTargetsPane } from './components/MyTargetsPane.tsx';
import { PayrollPane } from './components/PayrollPane.tsx';
import { MyPayslipPane } from './components/MyPayslipPane.tsx';
import { ImportPane } from './components/ImportPane.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  bar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
});

export function App({ inExcel, initialLocale }: { inExcel: boolean; initialLocale: Locale }) {
  const styles = useStyles();
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<'roster' | 'targets' | 'mine' | 'payroll' | 'payslip' | 'imports'>('roster');
  const w = words[locale];
  const client = useMemo(() => (session ? createClient(session.serverUrl, session.token) : null), [session]);

  const signedIn = (s: StoredSession) => {
    saveSession(s);
    setNotice(null);
    setTab('roster');
    setSession(s);
  };
  const signOut = async (expired = false) => {
    if (client && !expired) await client.mutation(LOGOUT, {}).toPromise().catch(() => undefined);
    saveSession(null);
    setSession(null);
    setNotice(expired ? w.sessionExpired : null);
  };

  return (
    <div className={styles.root} lang={locale}>
      <div className={styles.header}>
        <span className={styles.title}>{w.appTitle}</span>
        <Select aria-label={w.language} data-testid="language" value={locale} onChange={(_, d) => setLocale(d.value as Locale)} size="small">
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </Select>
      </div>
      {!inExcel ? (
        <NotInExcel w={w} />
      ) : !session || !client ? (
        <SignIn w={w} notice={notice} onSignedIn={signedIn} />
      ) : (
        <>
          <div className={styles.bar}>
            <Caption1 data-testid="signed-in-as">{w.signedInAs.replace('{user}', session.username)}</Caption1>
            <Button size="small" appearance="subtle" data-testid="sign-out" onClick={() => void signOut()}>
              {w.signOut}
            </Button>
          </div>
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as typeof tab)} size="small">
            <Tab value="roster" data-testid="tab-roster">
              {w.rosterTitle}
            </Tab>
            {session.roles.some((r) => ['MANAGER', 'DIRECTOR', 'FINANCE', 'ADMIN'].includes(r)) && (
              <Tab value="targets" data-testid="tab-targets">
                {w.targets.title}
              </Tab>
            )}
            <Tab value="mine" data-testid="tab-my-targets">
              {w.targets.myTargets}
            </Tab>
            {session.roles.some((r) => ['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR', 'GENERAL_MANAGER', 'ADMIN', 'MANAGER'].includes(r)) && (
              <Tab value="payroll" data-testid="tab-payroll">
                {w.payroll.title}
              </Tab>
            )}
            <Tab value="payslip" data-testid="tab-my-payslip">
              {w.payroll.myPayslip}
            </Tab>
            {session.roles.some((r) => ['FINANCE', 'ADMIN'].includes(r)) && (
              <Tab value="imports" data-testid="tab-imports">
                {w.files.title}
              </Tab>
            )}
          </TabList>
          {tab === 'roster' && <RosterPane w={w} client={client} onSessionEnded={() => void signOut(true)} />}
          {tab === 'targets' && <TargetsPane w={w} client={client} roles={session.roles} onSessionEnded={() => void signOut(true)} />}
          {tab === 'mine' && <MyTargetsPane w={w} client={client} onSessionEnded={() => void signOut(true)} />}
          {tab === 'payroll' && <PayrollPane w={w} client={client} roles={session.roles} onSessionEnded={() => void signOut(true)} />}
          {tab === 'payslip' && <MyPayslipPane w={w} client={client} onSessionEnded={() => void signOut(true)} />}
          {tab === 'imports' && <ImportPane w={w} locale={locale} client={client} onSessionEnded={() => void signOut(true)} />}
        </>
      )}
    </div>
  );
}
