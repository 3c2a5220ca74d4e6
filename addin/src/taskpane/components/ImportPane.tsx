/**
 * Import (finance): sales or attendance from the active sheet or a chosen
 * file. A preview first — how many rows are new, changed or unchanged, and
 * every problem by sheet and cell (choose one to go to it) — then the import
 * of what was previewed.
 */
import { describeProblem } from '../../api/describe-error.ts';
import { useRef } from 'react';
import { Button, Caption1, Field, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Locale, type Words } from '../../i18n.ts';
import type { ImportKind } from '../../imports/operations.ts';
import { sourceName, useImport } from './useImport.ts';
import { RetryAction } from './RetryAction.tsx';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  problems: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
  problem: { justifyContent: 'flex-start', textAlign: 'start', height: 'auto', whiteSpace: 'normal', overflowWrap: 'anywhere', minWidth: 0 },
  hidden: { display: 'none' },
});

/** Problems listed in the pane; the count says how many more there are. */
const SHOWN = 50;

export function ImportPane({ w, locale, client, onSessionEnded }: { w: Words; locale: Locale; client: Client; onSessionEnded: () => void }) {
  const styles = useStyles();
  const f = w.files;
  const state = useImport(client, w, onSessionEnded);
  const { previewed, status, busy } = state;
  const fileInput = useRef<HTMLInputElement>(null);
  const n = new Intl.NumberFormat(locale);
  const counts = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, n.format(v)]));

  const preview = previewed?.preview;
  const changes = preview ? preview.created + preview.updated : 0;
  return (
    <div className={styles.pane} data-testid="import-pane">
      <Subtitle2 as="h2">{f.title}</Subtitle2>
      <Field label={f.what}>
        <Select value={state.kind} onChange={(_, d) => state.setKind(d.value as ImportKind)} disabled={busy} data-testid="import-kind">
          <option value="sales">{f.kinds.sales}</option>
          <option value="attendance">{f.kinds.attendance}</option>
        </Select>
      </Field>
      <Caption1>{f.columnsHelp[state.kind]}</Caption1>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void state.previewSheet()} disabled={busy} data-testid="import-preview-sheet">
          {f.previewSheet}
        </Button>
        <Button onClick={() => fileInput.current?.click()} disabled={busy} data-testid="import-choose-file">
          {f.chooseFile}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx,.csv,.txt,.tsv,.xls"
          className={styles.hidden}
          aria-label={f.chooseFile}
          data-testid="import-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void state.previewFile(file);
          }}
        />
      </div>
      <Caption1>{f.filesHelp}</Caption1>
      {status.kind === 'busy' && (
        <Field validationMessage={status.label} validationState="none">
          <ProgressBar value={status.value} data-testid="import-progress" />
        </Field>
      )}
      {previewed && preview && (
        <section className={styles.pane} data-testid="import-preview" aria-label={f.title}>
          <Text weight="semibold">{format(f.source, { source: sourceName(previewed.source) })}</Text>
          <Text data-testid="import-summary">{format(f.summary, counts({ rows: preview.rows, created: preview.created, updated: preview.updated, unchanged: preview.unchanged }))}</Text>
          {preview.problemCount > 0 ? (
            <>
              <MessageBar intent="warning" data-testid="import-problems">
                <MessageBarBody>
                  {format(f.problems, { n: n.format(preview.problemCount) })}
                  {preview.problemCount > SHOWN && ` ${format(f.problemsMore, { shown: SHOWN, n: n.format(preview.problemCount) })}`}
                </MessageBarBody>
              </MessageBar>
              <ul className={styles.problems}>
                {preview.problems.slice(0, SHOWN).map((p, i) => (
                  <li key={i}>
                    {previewed.source.type === 'sheet' && p.sheet && p.cell ? (
                      <Button
                        appearance="transparent"
                        size="small"
                        className={styles.problem}
                        onClick={() => void state.goTo(p)}
                        title={format(f.goToCell, { cell: `${p.sheet}!${p.cell}` })}
                        data-testid="import-problem"
                      >
                        {describeProblem(w, p)}
                      </Button>
                    ) : (
                      <Caption1 data-testid="import-problem">{describeProblem(w, p)}</Caption1>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <MessageBar intent={changes ? 'info' : 'success'}>
                <MessageBarBody>{changes ? f.ready : f.nothingNew}</MessageBarBody>
              </MessageBar>
              <Button appearance="primary" onClick={() => void state.importPreviewed()} disabled={busy || changes === 0} data-testid="import-run">
                {format(f.import, { n: n.format(preview.valid) })}
              </Button>
            </>
          )}
        </section>
      )}
      {(status.kind === 'done' || status.kind === 'error' || status.kind === 'empty') && (
        <MessageBar intent={status.kind === 'done' ? 'success' : status.kind === 'empty' ? 'info' : 'error'} data-testid="import-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
    </div>
  );
}
