/**
 * A section that keeps data as a sheet: pull it to a sheet, change it there,
 * save it from the sheet. Its fields (a year, a role) come as children; the
 * problems of a save are listed by cell (one click selects it), the outcome
 * in a status line, with progress while it works.
 */
import type { ReactNode } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, Subtitle2, Text } from '@fluentui/react-components';
import { format, type Words } from '../../i18n.ts';
import type { TypedAsk } from './useTypedAsk.ts';
import type { ExcelRun } from '../../excel/workbook.ts';
import type { Issue } from '../../targets/use-target-plan.ts';
import type { Status } from './chores/useAction.ts';
import { IssueList } from './targets/IssueList.tsx';
import { Busy, StatusLine, useChoreStyles } from './chores/ui.tsx';

export interface RoundTrip {
  busy: boolean;
  status: Status | null;
  issues: Issue[];
  fail: (err: unknown) => void;
  pull: () => Promise<void>;
  save: () => Promise<void>;
  /** Typed cells a pull would replace, waiting for the user's answer (useSheetActions). */
  typed?: TypedAsk | null;
  keep?: () => void;
}

export function SheetRoundTrip(props: { w: Words; excel: () => ExcelRun; testId: string; title: string; intro: string; pullLabel: string; saveLabel: string; canSave: boolean; h: RoundTrip; children?: ReactNode; after?: ReactNode; /** h2 when the section is a screen of its own. */ heading?: 'h2' | 'h3' }) {
  const { w, h, testId } = props;
  const s = useChoreStyles();
  return (
    <section className={s.section} data-testid={testId} aria-labelledby={`${testId}-title`}>
      <Subtitle2 as={props.heading ?? 'h3'} id={`${testId}-title`}>{props.title}</Subtitle2>
      <Text size={200}>{props.intro}</Text>
      {props.children}
      <div className={s.row}>
        <Button appearance={props.canSave ? 'secondary' : 'primary'} onClick={() => void h.pull()} disabled={h.busy} data-testid={`${testId}-pull`}>
          {props.pullLabel}
        </Button>
        {props.canSave && (
          <Button appearance="primary" onClick={() => void h.save()} disabled={h.busy} data-testid={`${testId}-save`}>
            {props.saveLabel}
          </Button>
        )}
      </div>
      {props.after}
      {h.keep && <TypedCellsBar w={w} asking={h.typed ?? null} busy={h.busy} onKeep={h.keep} testId={testId} />}
      {h.issues.length > 0 && <IssueList w={w} issues={h.issues} excel={props.excel} onError={(err) => h.fail(err)} />}
      <StatusLine w={w} status={h.status} testId={`${testId}-status`} />
      <Busy busy={h.busy} label={w.chores.working} />
    </section>
  );
}

/**
 * Pulling again would write over typing not saved: says so, and replaces the typing only when told (`{testId}-replace`);
 * with `keep`, a button to keep it (`{testId}-keep`).
 */
export function UnsavedSheetBar(props: { message: string; replaceLabel: string; busy: boolean; onReplace: () => void; testId: string; keep?: { label: string; onKeep: () => void } }) {
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={`${props.testId}-unsaved`}>
      <MessageBarBody>{props.message}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onReplace} disabled={props.busy} data-testid={`${props.testId}-replace`}>
          {props.replaceLabel}
        </Button>
        {props.keep && (
          <Button appearance="primary" onClick={props.keep.onKeep} disabled={props.busy} data-testid={`${props.testId}-keep`}>
            {props.keep.label}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}

/** At most this many cells are named. */
const SHOWN = 5;

/** What the user typed that a write would replace (useTypedAsk): which cells, Replace with the server's, or Keep mine. */
export function TypedCellsBar(props: { w: Words; asking: TypedAsk | null; busy: boolean; onKeep: () => void; testId: string }) {
  const { w, asking } = props;
  if (!asking) return null;
  const many = asking.sheets.length > 1;
  const all = asking.sheets.flatMap((s) => s.cells.map((c) => (many ? `${s.sheetName}!${c}` : c)));
  const cells = all.slice(0, SHOWN).join(', ') + (all.length > SHOWN ? ' …' : '');
  const sheet = asking.sheets.map((s) => s.sheetName).join(w.locale === 'zh-CN' ? '”、“' : '”, “');
  const message = format(w.typedCells.body, { n: all.length, sheet, cells });
  return <UnsavedSheetBar message={message} replaceLabel={w.typedCells.replace} busy={props.busy} onReplace={asking.replace} testId={`${props.testId}-typed`} keep={{ label: w.typedCells.keep, onKeep: props.onKeep }} />;
}
