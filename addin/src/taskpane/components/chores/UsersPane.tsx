/** Users (admins): find a user, create one for a person, give and take roles, disable or enable, reset a password; never for oneself. Below, the admin's settings. */
import { Button, Checkbox, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { ROLES, type User } from '../../../chores/operations.ts';
import { useUsers } from './useUsers.ts';
import { Busy, PersonPicker, StatusLine, useChoreStyles } from './ui.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { UnitOptions } from '../UnitOptions.tsx';

export function UsersPane(props: { w: Words; client: Client; onSessionEnded: () => void }) {
  const { w } = props;
  const u = w.chores.users;
  const s = useChoreStyles();
  const h = useUsers(props);
  const roleName = (r: string) => w.chores.roles[r as keyof Words['chores']['roles']] ?? r;
  const flags = (x: User) => [x.id === h.viewerId ? u.you : '', x.disabled ? u.disabled : !x.canSignIn ? u.cannotSignIn : ''].filter(Boolean).join(' · ');

  return (
    <section className={s.pane} data-testid="users-pane" aria-labelledby="users-title">
      <Subtitle2 as="h2" id="users-title">{u.title}</Subtitle2>
      <StatusLine w={w} status={h.status} testId="users-status" />
      <Busy busy={h.busy || h.users === null} label={h.busy ? w.chores.working : w.chores.loading} />
      <Field label={u.filter}>
        <Input value={h.filter} onChange={(_, d) => h.setFilter(d.value)} data-testid="users-filter" />
      </Field>
      {h.users && h.shown.length === 0 && <div data-testid="users-empty">{u.none}</div>}
      <ul className={s.list} data-testid="users-list">
        {h.shown.map((x) => (
          <li key={x.id} className={s.item} data-testid="user-item" data-username={x.username}>
            <Button appearance="transparent" onClick={() => h.select(x.id)} aria-expanded={h.selected === x.id} data-testid="user-open" style={{ justifyContent: 'flex-start', padding: 0, minWidth: 0 }}>
              <span className={s.strong}>{x.username}</span>
            </Button>
            <span className={s.meta} data-testid="user-summary">
              {[x.personName ?? u.noPerson, x.roles.map(roleName).join(', '), flags(x)].filter(Boolean).join(' · ')}
            </span>
            {h.selected === x.id && x.id !== h.viewerId && (
              <div className={s.section} data-testid="user-actions">
                <div className={s.row}>
                  {x.roles.map((r) => (
                    <Button key={r} size="small" onClick={() => void h.removeRole(r)} disabled={h.busy} data-testid={`remove-role-${r}`}>
                      {format(u.removeRole, { role: roleName(r) })}
                    </Button>
                  ))}
                </div>
                <div className={s.row}>
                  <Field label={u.addRole} className={s.grow}>
                    <Select value={h.role} onChange={(_, d) => h.setRole(d.value)} data-testid="add-role">
                      <option value="">—</option>
                      {ROLES.filter((r) => !x.roles.includes(r)).map((r) => (
                        <option key={r} value={r}>
                          {roleName(r)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Button onClick={() => void h.addRole()} disabled={h.busy || !h.role} data-testid="add-role-submit">
                    {u.addRole}
                  </Button>
                </div>
                {x.roles.includes('FINANCE') && (
                  <fieldset className={s.section} style={{ border: 'none', padding: 0, margin: 0 }} data-testid="served-units">
                    <legend>{u.servedUnits}</legend>
                    <span className={s.meta}>{x.servedUnits.length ? u.servedHint : u.servesAll}</span>
                    <div className={s.row}>
                      {x.servedUnits.map((unit) => (
                        <Button key={unit.id} size="small" onClick={() => void h.removeServed(unit.id)} disabled={h.busy || h.confirmingLast} data-testid="remove-served" data-unit={unit.code}>
                          {format(u.removeServed, { unit: unit.name })}
                        </Button>
                      ))}
                    </div>
                    {h.confirmingLast && x.servedUnits[0] && (
                      <div className={s.section} role="alertdialog" aria-label={u.removeLastTitle} data-testid="remove-last-served">
                        <span>{format(u.removeLast, { username: x.username, unit: x.servedUnits[0].name })}</span>
                        <div className={s.row}>
                          <Button appearance="primary" onClick={() => void h.removeServed(x.servedUnits[0]!.id)} disabled={h.busy} data-testid="remove-last-served-yes">
                            {u.removeLastYes}
                          </Button>
                          <Button onClick={h.cancelRemoveLast} disabled={h.busy} data-testid="remove-last-served-no">
                            {u.removeLastNo}
                          </Button>
                        </div>
                      </div>
                    )}
                    <div className={s.row}>
                      <Field label={u.addServed} className={s.grow}>
                        <Select value={h.servedPick} onChange={(_, d) => h.setServedPick(d.value)} data-testid="add-served">
                          <option value="">—</option>
                          <UnitOptions units={h.addable} />
                        </Select>
                      </Field>
                      <Button onClick={() => void h.addServed()} disabled={h.busy || !h.servedPick} data-testid="add-served-submit">
                        {u.addServed}
                      </Button>
                    </div>
                  </fieldset>
                )}
                {x.disabled ? (
                  <Button onClick={() => void h.enable()} disabled={h.busy} data-testid="enable-user">
                    {u.enable}
                  </Button>
                ) : (
                  <Button onClick={() => void h.disable()} disabled={h.busy} data-testid="disable-user">
                    {u.disable}
                  </Button>
                )}
                <div className={s.row}>
                  <Field label={u.newPassword} className={s.grow}>
                    <Input type="password" autoComplete="new-password" value={h.password} onChange={(_, d) => h.setPassword(d.value)} data-testid="new-password" />
                  </Field>
                  <Button onClick={() => void h.resetPassword()} disabled={h.busy || h.password.length < 12} data-testid="reset-password">
                    {u.resetPassword}
                  </Button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className={s.section} data-testid="new-user">
        <Subtitle2 as="h3">{u.newUser}</Subtitle2>
        <Field label={u.username}>
          <Input value={h.form.username} onChange={(_, d) => h.setForm((f) => ({ ...f, username: d.value }))} data-testid="new-username" />
        </Field>
        <Field label={u.password}>
          <Input type="password" autoComplete="new-password" value={h.form.password} onChange={(_, d) => h.setForm((f) => ({ ...f, password: d.value }))} data-testid="new-user-password" />
        </Field>
        <fieldset className={s.row} style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend>{u.roles}</legend>
          {ROLES.map((r) => (
            <Checkbox
              key={r}
              label={roleName(r)}
              checked={h.form.roles.includes(r)}
              onChange={(_, d) => h.setForm((f) => ({ ...f, roles: d.checked ? [...f.roles, r] : f.roles.filter((x) => x !== r) }))}
              data-testid={`new-role-${r}`}
            />
          ))}
        </fieldset>
        <PersonPicker w={w} people={h.people} value={h.form.personId} onChange={(id) => h.setForm((f) => ({ ...f, personId: id }))} testId="new-user-person" />
        <Button appearance="primary" onClick={() => void h.create()} disabled={h.busy || !h.ready} data-testid="create-user">
          {h.busy ? w.chores.working : u.create}
        </Button>
      </div>
      <SettingsSection {...props} />
    </section>
  );
}
