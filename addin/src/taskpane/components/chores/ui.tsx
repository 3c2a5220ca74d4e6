/** Small pieces the chores screens share: layout styles, the status line, progress, and finding a person. */
import { useEffect, useMemo, useState } from 'react';
import { Field, Input, MessageBar, MessageBarBody, ProgressBar, Select, makeStyles, tokens } from '@fluentui/react-components';
import { format, type Words } from '../../../i18n.ts';
import { matchPeople } from '../../../chores/people.ts';
import type { PersonOption } from '../../../chores/operations.ts';
import type { Status } from './useAction.ts';
import { RetryAction } from '../RetryAction.tsx';

export const useChoreStyles = makeStyles({
  // A native select is as wide as its longest option: let it shrink to the pane (long plan names, people with long unit names).
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0, '& .fui-Select': { maxWidth: '100%', minWidth: 0 }, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' },
  list: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, listStyleType: 'none' },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  line: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  strong: { fontWeight: tokens.fontWeightSemibold },
  grow: { flexGrow: 1, minWidth: 0 },
});

export function StatusLine({ w, status, testId }: { w: Words; status: Status | null; testId: string }) {
  if (!status) return null;
  return (
    <MessageBar intent={status.intent} data-testid={testId} data-intent={status.intent}>
      <MessageBarBody>{status.message}</MessageBarBody>
      <RetryAction w={w} retry={status.retry} />
    </MessageBar>
  );
}

/** Why an item's decide buttons are off: it lies in a locked period (the server would refuse with PERIOD_LOCKED). */
export function LockedNote({ w, locked }: { w: Words; locked: boolean }) {
  const s = useChoreStyles();
  if (!locked) return null;
  return (
    <span className={s.meta} data-testid="locked-note">
      {w.lockedPeriod}
    </span>
  );
}

export function Busy({ busy, label }: { busy: boolean; label: string }) {
  if (!busy) return null;
  return (
    <Field validationMessage={label} validationState="none">
      <ProgressBar />
    </Field>
  );
}

/** Type part of a name or employee number, then choose. */
/**
 * A person found by name or employee number among `people`. `none` names the empty choice ("—" unless given); `problem`, a
 * refusal of the choice, shows under the list (its test id the picker's with `-problem`).
 */
export function PersonPicker({ w, people, value, onChange, testId, label, searchLabel, none, problem }: { w: Words; people: PersonOption[]; value: string; onChange: (id: string) => void; testId: string; label?: string; searchLabel?: string; none?: string; problem?: string | null }) {
  const [query, setQuery] = useState('');
  // Once the choice is cleared (after a save), the search starts afresh.
  useEffect(() => {
    if (!value) setQuery('');
  }, [value]);
  const matches = useMemo(() => {
    const hits = matchPeople(people, query);
    const chosen = people.find((p) => p.id === value);
    return chosen && !hits.includes(chosen) ? [chosen, ...hits] : hits;
  }, [people, query, value]);
  return (
    <>
      <Field label={searchLabel ?? w.chores.searchPerson}>
        <Input value={query} onChange={(_, d) => setQuery(d.value)} data-testid={`${testId}-search`} />
      </Field>
      <Field
        label={label ?? w.chores.person}
        validationMessage={problem ? { children: problem, ...{ 'data-testid': `${testId}-problem` } } : query && !matches.length ? format(w.chores.noPeopleMatch, { q: query }) : undefined}
        validationState={problem ? 'error' : 'none'}
      >
        <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
          <option value="">{none ?? '—'}</option>
          {matches.map((p) => (
            <option key={p.id} value={p.id}>
              {`${p.employeeNo} ${p.name}${p.unitName ? ` · ${p.unitName}` : ''}`}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
