import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { ApiError, run } from '../../api/client.ts';
import { describeError, isTransient } from '../../api/describe-error.ts';
import { loadWithRetry, withoutRetryOf } from '../../api/retry.ts';
import { RetryAction } from './RetryAction.tsx';
import { ORG_TREE, pullRoster, treeOrder, type OrgUnitOption } from '../../api/operations.ts';
import { rosterSheet } from '../../roster/roster-sheet.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { today } from '../../../../schema/dates.ts';
import { RosterChangesSection } from './RosterChangesSection.tsx';
import { OrgUnitsSection } from './OrgUnitsSection.tsx';
import { UnitOptions } from './UnitOptions.tsx';
import { loadPeople } from '../../chores/people.ts';
import type { PersonOption } from '../../chores/operations.ts';
import { DateInput } from './DateInputs.tsx';
import { useStatusState } from '../status-state.ts';

const useStyles = makeStyles({ pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

type Status = { kind: 'idle' } | { kind: 'busy'; label: string; value?: number } | { kind: 'done'; message: string } | { kind: 'error'; message: string; retry?: () => void } | { kind: 'empty'; message: string };

export function RosterPane({ w, client, roles, onSessionEnded }: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const styles = useStyles();
  const [units, setUnits] = useState<OrgUnitOption[]>([]);
  const [unitId, setUnitId] = useState('');
  const [asOf, setAsOf] = useState(today());
  const [status, setStatus] = useStatusState<Status>({ kind: 'idle' });
  // A roster pulled in this pane is pulled again after a roster change, so the change shows in the sheet.
  const pulled = useRef(false);
  // The people the screen's changes choose from: read once here for both sections, and again after a change.
  const changesPeople = roles.some((r) => r === 'ADMIN' || r === 'MANAGER' || r === 'FINANCE');
  const [people, setPeople] = useState<PersonOption[]>([]);

  const fail = (err: unknown, retry?: () => void) => {
    if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return onSessionEnded();
    setStatus({ kind: 'error', message: describeError(w, err), ...(retry && isTransient(err) ? { retry } : {}) });
  };

  const loadUnits = () =>
    run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, { asOf }).then((d) => {
      const tree = treeOrder(d.orgTree);
      setUnits(tree);
      return tree;
    });
  const loadPeopleList = () => (changesPeople ? loadPeople(client).then(setPeople) : Promise.resolve());
  useEffect(() => {
    loadWithRetry(() => Promise.all([loadUnits(), loadPeopleList()]), fail, (retry) => setStatus(withoutRetryOf<Status>(retry, { kind: 'idle' })));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  /** After a change, what the screen shows follows: the people and units to choose, and a Roster sheet pulled here. */
  const changed = async (units: boolean) => {
    let tree: OrgUnitOption[] | undefined;
    await loadPeopleList().catch((err: unknown) => fail(err));
    if (units) tree = await loadUnits().catch((err: unknown) => void fail(err));
    // With the tree just read: the state set above is not in this render's closure yet.
    if (pulled.current) await pull(tree ?? undefined);
  };

  const pull = async function attempt(tree: OrgUnitOption[] = units): Promise<void> {
    const unit = tree.find((u) => u.id === unitId);
    const unitName = unit?.name ?? w.allVisible;
    try {
      setStatus({ kind: 'busy', label: w.pulling });
      const people = await pullRoster(client, { asOf, unitId: unitId || null }, (n) => setStatus({ kind: 'busy', label: format(w.fetched, { n }) }));
      if (people.length === 0) return setStatus({ kind: 'empty', message: format(w.emptyRoster, { unit: unitName, date: asOf }) });
      const spec = rosterSheet(w, people, { unitId: unitId || 'all', unitName, asOf, pulledAt: new Date().toISOString() });
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, spec, {
        onProgress: (p) => setStatus({ kind: 'busy', label: format(w.writing, { done: p.rowsWritten, total: p.totalRows }), value: p.rowsWritten / p.totalRows }),
      });
      pulled.current = true;
      setStatus({ kind: 'done', message: format(w.wrote, { n: report.rows, sheet: report.sheetName }) });
    } catch (err) {
      fail(err, () => void attempt());
    }
  };

  const busy = status.kind === 'busy';
  return (
    <div className={styles.pane} data-testid="roster-pane">
      <Subtitle2 as="h2">{w.rosterTitle}</Subtitle2>
      <Field label={w.unit}>
        <Select value={unitId} onChange={(_, d) => setUnitId(d.value)} data-testid="unit">
          <option value="">{w.allVisible}</option>
          <UnitOptions units={units} />
        </Select>
      </Field>
      <Field label={w.asOf}>
        <DateInput w={w} value={asOf} onChange={setAsOf} data-testid="as-of" />
      </Field>
      <Button appearance="primary" onClick={() => void pull()} disabled={busy || !asOf} data-testid="pull-roster">
        {busy ? w.pulling : w.pullRoster}
      </Button>
      {busy && (
        <Field validationMessage={status.label} validationState="none">
          <ProgressBar value={status.value} data-testid="progress" />
        </Field>
      )}
      {(status.kind === 'done' || status.kind === 'error' || status.kind === 'empty') && (
        <MessageBar intent={status.kind === 'done' ? 'success' : status.kind === 'empty' ? 'info' : 'error'} data-testid="roster-status">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.kind === 'error' && <RetryAction w={w} retry={status.retry} />}
        </MessageBar>
      )}
      <RosterChangesSection w={w} client={client} roles={roles} units={units} people={people} onSessionEnded={onSessionEnded} onChanged={() => changed(false)} />
      <OrgUnitsSection w={w} client={client} roles={roles} units={units} people={people} onSessionEnded={onSessionEnded} onChanged={() => changed(true)} />
    </div>
  );
}
