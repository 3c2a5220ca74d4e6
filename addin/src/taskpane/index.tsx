/**
 * Entry point: waits for office.js, then renders the pane. Outside Excel (a
 * plain browser, or office.js unreachable) it explains how to open it in Excel.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App.tsx';
import { defaultLocale } from '../i18n.ts';

function render(inExcel: boolean, displayLanguage?: string) {
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App inExcel={inExcel} initialLocale={defaultLocale(displayLanguage ?? navigator.language)} />
    </FluentProvider>,
  );
}

const excelPresent = () => typeof Excel !== 'undefined' && typeof Excel.run === 'function';

if (typeof Office === 'undefined') render(false);
else
  Office.onReady((info) => {
    render(info.host === Office.HostType.Excel || excelPresent(), Office.context?.displayLanguage);
  });
