/**
 * User administration (admins): the users, creating one for a person,
 * roles given and taken, disabling and enabling, resetting a password.
 * The server refuses all of these on one's own user; the screen offers none.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { ASSIGN_ROLE, CREATE_USER, DISABLE_USER, ENABLE_USER, REMOVE_ROLE, RESET_PASSWORD, SET_SERVED_UNITS, USERS, VIEWER_SELF, type PersonOption, type User, type Viewer } from '../../../chores/operations.ts';
import { ORG_TREE, treeOrder, type OrgUnitOption } from '../../../api/operations.ts';
import { loadPeople } from '../../../chores/people.ts';
import { useAction } from './useAction.ts';

const blank = { username: '', password: '', roles: [] as string[], personId: '' };

export function useUsers({ client, w, onSessionEnded }: { client: Client; w: Words; onSessionEnded: () => void }) {
  const u = w.chores.users;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [users, setUsers] = useState<User[] | null>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState('');
  const [form, setForm] = useState(blank);
  const [password, setPassword] = useState('');
  const [role, setRole] = useState('');
  /** The organisation, for naming the units a finance user serves (read when first needed). */
  const [units, setUnits] = useState<OrgUnitOption[] | null>(null);
  const [servedPick, setServedPick] = useState('');

  const reload = useCallback(async () => {
    setUsers((await run<{ users: User[] }>(client, USERS)).users);
  }, [client]);
  useEffect(() => {
    load(() => run<{ viewer: Viewer }>(client, VIEWER_SELF).then((d) => setViewer(d.viewer)));
    load(() => loadPeople(client).then(setPeople));
    load(() => reload());
  }, [client, reload, load]);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (users ?? []).filter((x) => !q || x.username.includes(q) || (x.personName ?? '').toLowerCase().includes(q)).slice(0, 50);
  }, [users, filter]);
  const withoutUser = useMemo(() => {
    const taken = new Set((users ?? []).map((x) => x.personId));
    return people.filter((p) => !taken.has(p.id));
  }, [users, people]);

  const create = () =>
    act(async () => {
      const d = await run<{ createUser: User }>(client, CREATE_USER, { input: { username: form.username.trim(), password: form.password, roles: form.roles, personId: form.personId || null } }, true);
      await reload();
      setForm(blank);
      setSelected(d.createUser.id);
      return format(u.created, { username: d.createUser.username });
    });

  const change = (query: string, vars: Record<string, unknown>, message: string) =>
    act(async () => {
      await run(client, query, { userId: selected, ...vars }, true);
      await reload();
      return message;
    });
  const current = (users ?? []).find((x) => x.id === selected) ?? null;
  const saved = () => format(u.saved, { username: current?.username ?? '' });
  const servesFinance = !!current?.roles.includes('FINANCE');
  useEffect(() => {
    if (servesFinance && units === null) load(() => run<{ orgTree: OrgUnitOption[] }>(client, ORG_TREE, {}).then((d) => setUnits(treeOrder(d.orgTree))));
  }, [servesFinance, units, client, load]);
  const setServed = (ids: string[]) => change(SET_SERVED_UNITS, { unitIds: ids }, saved());
  /** Removing the last unit makes the user serve every unit: asked first. */
  const [confirmingLast, setConfirmingLast] = useState(false);
  const servedIds = (current?.servedUnits ?? []).map((x) => x.id);
  /** Units worth adding: not served already, nor inside a served one (its subtree is served with it). */
  const addable = useMemo(() => {
    const parentOf = new Map((units ?? []).map((x) => [x.id, x.parentId]));
    const served = new Set((current?.servedUnits ?? []).map((x) => x.id));
    const insideServed = (id: string) => {
      for (let at: string | null | undefined = id; at; at = parentOf.get(at)) if (served.has(at)) return true;
      return false;
    };
    return (units ?? []).filter((x) => !insideServed(x.id));
  }, [units, current]);

  return {
    ...action,
    users,
    shown,
    viewerId: viewer?.id ?? null,
    people: withoutUser,
    filter,
    setFilter,
    selected,
    select: (id: string) => {
      setSelected((s) => (s === id ? '' : id));
      // What the last action said was about the user before; a load's Try again stays.
      action.setStatus((s) => (s?.retry ? s : null));
      setPassword('');
      setRole('');
      setServedPick('');
      setConfirmingLast(false);
    },
    current,
    form,
    setForm,
    ready: !!form.username.trim() && form.password.length >= 12 && form.roles.length > 0,
    create,
    password,
    setPassword,
    role,
    setRole,
    addable,
    servedPick,
    setServedPick,
    addServed: () => setServed([...servedIds, servedPick]).then(() => setServedPick('')),
    removeServed: (unitId: string) => {
      if (servedIds.length === 1 && !confirmingLast) return setConfirmingLast(true);
      setConfirmingLast(false);
      return setServed(servedIds.filter((id) => id !== unitId));
    },
    confirmingLast,
    cancelRemoveLast: () => setConfirmingLast(false),
    addRole: () => change(ASSIGN_ROLE, { role }, saved()).then(() => setRole('')),
    removeRole: (r: string) => change(REMOVE_ROLE, { role: r }, saved()),
    disable: () => change(DISABLE_USER, {}, saved()),
    enable: () => change(ENABLE_USER, {}, saved()),
    resetPassword: () => change(RESET_PASSWORD, { password }, format(u.passwordReset, { username: current?.username ?? '' })).then(() => setPassword('')),
  };
}
