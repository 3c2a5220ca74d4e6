/** The Roster screen's Organisation section (admins): a new unit, a rename, a move with its subtree, a new manager. */
import { Button, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import type { Words } from '../../i18n.ts';
import type { OrgUnitOption } from '../../api/operations.ts';
import type { PersonOption } from '../../chores/operations.ts';
import { useOrgUnits, type OrgMode } from '../../roster/use-org-units.ts';
import type { OrgUnitLevel } from '../../../../schema/org-units.ts';
import { UnitOptions } from './UnitOptions.tsx';
import { Busy, PersonPicker, StatusLine, useChoreStyles } from './chores/ui.tsx';

export function OrgUnitsSection(props: { w: Words; client: Client; roles: string[]; units: OrgUnitOption[]; people: PersonOption[]; onSessionEnded: () => void; onChanged: () => Promise<void> }) {
  const { w } = props;
  const s = useChoreStyles();
  const h = useOrgUnits(props);
  const { o } = h;
  if (!h.admin) return null;
  const kind = h.create.kind && h.kinds.includes(h.create.kind) ? h.create.kind : (h.kinds[0] ?? '');

  return (
    <section className={s.section} data-testid="org-units" aria-labelledby="org-units-title">
      <Subtitle2 as="h3" id="org-units-title">{o.title}</Subtitle2>
      <Field label={o.what}>
        <Select value={h.mode} onChange={(_, d) => h.setMode(d.value as OrgMode)} data-testid="org-mode">
          {(['create', 'rename', 'move', 'manager'] as const).map((m) => (
            <option key={m} value={m}>{o.modes[m]}</option>
          ))}
        </Select>
      </Field>

      {h.mode === 'create' && (
        <>
          <Field label={o.parent}>
            <Select value={h.create.parentId} onChange={(_, d) => h.setCreate((c) => ({ ...c, parentId: d.value }))} data-testid="org-parent">
              <option value="">—</option>
              <UnitOptions units={h.units} />
            </Select>
          </Field>
          <Field label={o.kind} validationMessage={h.kinds.length ? undefined : o.noKind} validationState="none">
            <Select value={kind} onChange={(_, d) => h.setCreate((c) => ({ ...c, kind: d.value as OrgUnitLevel }))} disabled={!h.kinds.length} data-testid="org-kind">
              {h.kinds.map((k) => (
                <option key={k} value={k}>{o.kinds[k]}</option>
              ))}
            </Select>
          </Field>
          <Field label={o.code}>
            <Input value={h.create.code} onChange={(_, d) => h.setCreate((c) => ({ ...c, code: d.value }))} data-testid="org-code" />
          </Field>
          <Field label={o.name}>
            <Input value={h.create.name} onChange={(_, d) => h.setCreate((c) => ({ ...c, name: d.value }))} data-testid="org-name" />
          </Field>
          <PersonPicker w={w} people={props.people} value={h.create.managerId} onChange={(id) => h.setCreate((c) => ({ ...c, managerId: id }))} testId="org-manager" label={o.manager} />
        </>
      )}

      {h.mode !== 'create' && (
        <Field label={o.unit}>
          <Select value={h.unitId} onChange={(_, d) => h.setUnitId(d.value)} data-testid="org-unit">
            <option value="">—</option>
            <UnitOptions units={h.units} />
          </Select>
        </Field>
      )}
      {h.mode === 'rename' && (
        <Field label={o.newName}>
          <Input value={h.newName} onChange={(_, d) => h.setNewName(d.value)} data-testid="org-new-name" />
        </Field>
      )}
      {h.mode === 'move' && (
        <Field label={o.newParent}>
          <Select value={h.newParentId} onChange={(_, d) => h.setNewParentId(d.value)} data-testid="org-new-parent">
            <option value="">—</option>
            <UnitOptions units={h.units} />
          </Select>
        </Field>
      )}

      {h.mode === 'manager' && (
        <PersonPicker w={w} people={props.people} value={h.newManagerId} onChange={h.setNewManagerId} testId="org-new-manager" label={o.newManager} />
      )}

      <Button appearance="primary" onClick={() => void h.submit()} disabled={h.busy} data-testid="org-submit">
        {h.busy ? w.chores.working : o.submit[h.mode]}
      </Button>
      <StatusLine w={w} status={h.status} testId="org-status" />
      <Busy busy={h.busy} label={w.chores.working} />
    </section>
  );
}
