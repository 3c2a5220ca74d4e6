/**
 * Entry point: waits for office.js, then renders the pane in Office's theme
 * and the user's language. Outside Excel (a plain browser, or office.js
 * unreachable) it explains how to open it in Excel.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, type Theme } from '@fluentui/react-components';
import { App } from './App.tsx';
import { startingLocale, applyDocumentLanguage } from './language.ts';
import { currentOfficeTheme, fluentThemeFor, isDarkOfficeTheme } from './theme.ts';

/** The page behind the pane takes the theme's colours too (and native controls its scheme). */
function paintPage(theme: Theme, dark: boolean) {
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  document.body.style.backgroundColor = theme.colorNeutralBackground1;
  document.body.style.color = theme.colorNeutralForeground1;
}

function render(inExcel: boolean, displayLanguage?: string) {
  const office = currentOfficeTheme();
  const theme = fluentThemeFor(office);
  const dark = isDarkOfficeTheme(office);
  const locale = startingLocale(displayLanguage ?? navigator.language);
  applyDocumentLanguage(locale);
  paintPage(theme, dark);
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={theme} data-theme={dark ? 'dark' : 'light'}>
      <App inExcel={inExcel} initialLocale={locale} />
    </FluentProvider>,
  );
}

const excelPresent = () => typeof Excel !== 'undefined' && typeof Excel.run === 'function';

if (typeof Office === 'undefined') render(false);
else
  Office.onReady((info) => {
    render(info.host === Office.HostType.Excel || excelPresent(), Office.context?.displayLanguage);
  });
