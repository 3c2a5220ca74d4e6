/**
 * The Organisation section's state and calls (admins), over the screen's
 * tree (each unit with its version, so that a unit changed meanwhile is
 * refused): a new unit under a parent at a level below it, a rename, a move
 * with its subtree, a new manager (or none for now). After a change the screen reads the tree again, so its
 * pickers and a pulled Roster sheet show it.
 */
import { useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { format, type Words } from '../i18n.ts';
import type { OrgUnitOption } from '../api/operations.ts';
import { useAction } from '../taskpane/components/chores/useAction.ts';
import { kindsBelow, type OrgUnitLevel } from '../../../schema/org-units.ts';

const UNIT_FIELDS = 'id code name kind parentId depth version';
export const CREATE_ORG_UNIT = `mutation CreateOrgUnit($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { ${UNIT_FIELDS} } }`;
export const RENAME_ORG_UNIT = `mutation RenameOrgUnit($id: ID!, $version: Int!, $name: String!) { renameOrgUnit(id: $id, version: $version, name: $name) { ${UNIT_FIELDS} } }`;
export const MOVE_ORG_UNIT = `mutation MoveOrgUnit($id: ID!, $version: Int!, $parentId: ID!) { moveOrgUnit(id: $id, version: $version, parentId: $parentId) { ${UNIT_FIELDS} } }`;
export const SET_ORG_UNIT_MANAGER = `mutation SetOrgUnitManager($id: ID!, $version: Int!, $managerId: ID) { setOrgUnitManager(id: $id, version: $version, managerId: $managerId) { ${UNIT_FIELDS} } }`;

export type OrgMode = 'create' | 'rename' | 'move' | 'manager';

export function useOrgUnits({
  w,
  client,
  roles,
  units,
  people,
  onSessionEnded,
  onChanged,
}: {
  w: Words;
  client: Client;
  roles: string[];
  units: OrgUnitOption[];
  people: { id: string; name: string }[];
  onSessionEnded: () => void;
  onChanged: () => Promise<void>;
}) {
  const o = w.rosterChanges.org;
  const admin = roles.includes('ADMIN');
  const action = useAction(w, onSessionEnded);
  const { act, setStatus } = action;
  const [mode, setMode] = useState<OrgMode>('create');
  const [create, setCreate] = useState({ parentId: '', kind: '' as OrgUnitLevel | '', code: '', name: '', managerId: '' });
  const [unitId, setUnitId] = useState('');
  const [newName, setNewName] = useState('');
  const [newParentId, setNewParentId] = useState('');
  const [newManagerId, setNewManagerId] = useState('');

  const parent = units.find((u) => u.id === create.parentId) ?? null;
  /** The levels a new unit may have under the chosen parent; the first is chosen when the parent changes. */
  const kinds = kindsBelow((parent?.kind as OrgUnitLevel | undefined) ?? null);
  const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? '';

  const submit = () =>
    act(async () => {
      let message: string;
      if (mode === 'create') {
        const kind = create.kind && kinds.includes(create.kind) ? create.kind : kinds[0];
        if (!kind || !create.code.trim() || !create.name.trim() || (!parent && kind !== 'COMPANY')) return setStatus({ intent: 'error', message: kind ? o.required : o.noKind });
        const input = { code: create.code.trim(), name: create.name.trim(), kind, parentId: create.parentId || null, managerId: create.managerId || null };
        const made = (await run<{ createOrgUnit: OrgUnitOption }>(client, CREATE_ORG_UNIT, { input }, true)).createOrgUnit;
        message = format(parent ? o.created : o.createdTop, { name: made.name, code: made.code, kind: o.kinds[made.kind]!.toLowerCase(), parent: parent?.name ?? '' });
        setCreate((c) => ({ ...c, code: '', name: '', managerId: '' }));
      } else if (mode === 'manager') {
        // No one chosen: the unit has no manager for now (said so, not refused).
        const unit = units.find((u) => u.id === unitId);
        if (!unit) return setStatus({ intent: 'error', message: o.required });
        await run(client, SET_ORG_UNIT_MANAGER, { id: unit.id, version: unit.version, managerId: newManagerId || null }, true);
        const person = people.find((p) => p.id === newManagerId);
        message = person ? format(o.managerSet, { name: person.name, unit: unit.name }) : format(o.managerCleared, { unit: unit.name });
        setNewManagerId('');
      } else {
        const unit = units.find((u) => u.id === unitId);
        const target = mode === 'rename' ? newName.trim() : newParentId;
        if (!unit || !target) return setStatus({ intent: 'error', message: o.required });
        if (mode === 'rename') {
          await run(client, RENAME_ORG_UNIT, { id: unit.id, version: unit.version, name: target }, true);
          message = format(o.renamed, { old: unit.name, name: target });
          setNewName('');
        } else {
          await run(client, MOVE_ORG_UNIT, { id: unit.id, version: unit.version, parentId: target }, true);
          message = format(o.moved, { name: unit.name, parent: nameOf(target) });
        }
      }
      await onChanged();
      return message;
    });

  return {
    ...action,
    o,
    admin,
    units,
    mode,
    setMode: (m: OrgMode) => {
      setMode(m);
      setStatus(null);
    },
    create,
    setCreate,
    kinds,
    unitId,
    setUnitId,
    newName,
    setNewName,
    newParentId,
    setNewParentId,
    newManagerId,
    setNewManagerId,
    submit,
  };
}
