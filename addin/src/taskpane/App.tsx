/**
 * The pane's shell: a header (the app's one h1, the language, who is signed
 * in), the navigation between the screens the viewer's roles allow, and the
 * screen itself as the main landmark. Everything fits a 320 px pane.
 */
import { Fragment, useEffect, useMemo, useState } from 'react';
import {
  Button,
  Caption1,
  Select,
  buttonClassNames,
  comboboxClassNames,
  dropdownClassNames,
  fieldClassNames,
  inputClassNames,
  makeStyles,
  selectClassNames,
  textareaClassNames,
  tokens,
} from '@fluentui/react-components';
import { words, type Locale } from '../i18n.ts';
import { createClient } from '../api/client.ts';
import { loadSession, saveSession, type StoredSession } from '../api/session.ts';
import { LOGOUT } from '../api/operations.ts';
import { SignIn } from './components/SignIn.tsx';
import { NotInExcel } from './components/NotInExcel.tsx';
import { Navigation } from './Navigation.tsx';
import { screensFor, TEMPLATE_SCREEN } from './screens.tsx';
import { readTemplateMarker, type TemplateMarker } from '../rep-plans/plan-template.ts';
import type { ExcelRun } from '../excel/workbook.ts';
import { applyDocumentLanguage, rememberLocale } from './language.ts';
import { PaneLanguage } from './status-state.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    minWidth: 0,
    maxWidth: '100%',
    minHeight: '100vh',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  line: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, minWidth: 0 },
  title: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, minWidth: 0 },
  language: { flexShrink: 0 },
  // Every screen's controls shrink to the pane: fields, inputs, selects and
  // dropdowns take the width there is, long option texts are cut, buttons and
  // labels wrap, headings lose the browser's margins.
  main: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    '& h2, & h3': { margin: 0 },
    [`& .${fieldClassNames.root}`]: { minWidth: 0, maxWidth: '100%' },
    [`& .${fieldClassNames.label}`]: { maxWidth: '100%' },
    [`& .${selectClassNames.root}, & .${inputClassNames.root}, & .${textareaClassNames.root}, & .${comboboxClassNames.root}, & .${dropdownClassNames.root}`]: {
      minWidth: 0,
      maxWidth: '100%',
    },
    [`& .${selectClassNames.select}`]: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
    [`& .${inputClassNames.input}`]: { minWidth: 0 },
    [`& .${buttonClassNames.root}`]: { maxWidth: '100%', minWidth: 0, whiteSpace: 'normal' },
  },
});

export function App({ inExcel, initialLocale }: { inExcel: boolean; initialLocale: Locale }) {
  const styles = useStyles();
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [session, setSession] = useState<StoredSession | null>(() => loadSession());
  // Why the sign-in form shows, when it is not the first time: kept as a fact, rendered in the pane's language.
  const [sessionExpired, setSessionExpired] = useState(false);
  const [screenId, setScreenId] = useState('roster');
  const [template, setTemplate] = useState<TemplateMarker | null>(null);
  const w = words[locale];
  const client = useMemo(() => (session ? createClient(session.serverUrl, session.token) : null), [session]);
  const screens = useMemo(() => screensFor(session?.roles ?? []), [session]);
  const screen = screens.find((s) => s.id === screenId) ?? screens[0]!;

  useEffect(() => applyDocumentLanguage(locale), [locale]);

  // A plan template workbook opens My plan by itself, once per sign-in (issue 11 §1).
  const token = session?.token;
  useEffect(() => {
    setTemplate(null);
    if (!inExcel || !token) return;
    let live = true;
    readTemplateMarker(Excel.run as unknown as ExcelRun).then(
      (marker) => {
        if (!live || !marker) return;
        setTemplate(marker);
        if (screensFor(session?.roles ?? []).some((s) => s.id === TEMPLATE_SCREEN)) setScreenId(TEMPLATE_SCREEN);
      },
      // A workbook whose properties cannot be read is no template: the pane opens as usual.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [inExcel, token]);
  const chooseLocale = (l: Locale) => {
    rememberLocale(l);
    setLocale(l);
  };

  const signedIn = (s: StoredSession) => {
    saveSession(s);
    setSessionExpired(false);
    setScreenId('roster');
    setSession(s);
  };
  const signOut = async (expired = false) => {
    if (client && !expired) await client.mutation(LOGOUT, {}).toPromise().catch(() => undefined);
    saveSession(null);
    setSession(null);
    setSessionExpired(expired);
  };

  const ready = inExcel && session && client;
  return (
    <div className={styles.root} data-testid="pane">
      <header className={styles.header}>
        <div className={styles.line}>
          <h1 className={styles.title}>{w.appTitle}</h1>
          <Select className={styles.language} aria-label={w.language} data-testid="language" value={locale} onChange={(_, d) => chooseLocale(d.value as Locale)} size="small">
            <option value="zh-CN" lang="zh-CN">
              中文
            </option>
            <option value="en" lang="en">
              English
            </option>
          </Select>
        </div>
        {ready && (
          <div className={styles.line} role="group" aria-label={w.nav.account}>
            <Caption1 data-testid="signed-in-as">{w.signedInAs.replace('{user}', session.username)}</Caption1>
            <Button size="small" appearance="subtle" data-testid="sign-out" onClick={() => void signOut()}>
              {w.signOut}
            </Button>
          </div>
        )}
      </header>
      {ready && <Navigation w={w} screens={screens} selected={screen.id} onSelect={setScreenId} />}
      <main className={styles.main}>
        {!inExcel ? (
          <NotInExcel w={w} />
        ) : !session || !client ? (
          <SignIn w={w} notice={sessionExpired ? w.sessionExpired : null} onSignedIn={signedIn} />
        ) : (
          <PaneLanguage.Provider value={locale}>
            <Fragment key={screen.id}>{screen.render({ w, client, roles: session.roles, onSessionEnded: () => void signOut(true), template })}</Fragment>
          </PaneLanguage.Provider>
        )}
      </main>
    </div>
  );
}
