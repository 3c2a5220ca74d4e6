/** Customers (客户档案) and cross-territory sales (窜货): pull to sheets, add a customer, confirm ownership, decide a flagged sale. */
import { Button, Field, Input, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { showMoney } from '../../chores/money.ts';
import { CUSTOMER_TIERS, CUSTOMER_TYPES, type CustomerTier, type CustomerType } from '../../customers/operations.ts';
import { CustomerPicker } from './CustomerPicker.tsx';
import { useCustomers } from './useCustomers.ts';
import { Busy, LockedNote, PersonPicker, StatusLine, useChoreStyles } from './chores/ui.tsx';

export function CustomersPane(props: { w: Words; client: Client; roles: string[]; onSessionEnded: () => void }) {
  const { w } = props;
  const c = w.customers;
  const s = useChoreStyles();
  const h = useCustomers(props);
  const set = (k: 'code' | 'name' | 'contact' | 'phone' | 'notes') => (_: unknown, d: { value: string }) => h.setForm((f) => ({ ...f, [k]: d.value }));
  const chosen = h.flags?.find((f) => f.id === h.flagId);
  const moving = h.customers?.find((x) => x.id === h.move.customerId);

  return (
    <section className={s.pane} data-testid="customers-pane" aria-labelledby="customers-title">
      <Subtitle2 as="h2" id="customers-title">{c.title}</Subtitle2>
      <StatusLine w={w} status={h.status} testId="customers-status" />
      <Busy busy={h.busy} label={c.working} />
      {h.customers === null ? (
        <Busy busy label={c.loading} />
      ) : h.customers.length === 0 ? (
        <div data-testid="customers-empty">{h.manages ? c.emptyManager : c.empty}</div>
      ) : (
        <>
          <div className={s.meta} data-testid="customers-count">{format(h.manages ? c.subtree : c.mine, { n: h.customers.length })}</div>
          <Button onClick={() => void h.toSheet()} disabled={h.busy} data-testid="customers-to-sheet">
            {c.pull}
          </Button>
        </>
      )}

      {h.manages && h.customers !== null && (
        <div className={s.section}>
          <Subtitle2 as="h3">{format(c.proposed, { n: h.proposed.length })}</Subtitle2>
          {h.proposed.length === 0 ? (
            <div className={s.meta} data-testid="customers-none-proposed">{c.noneProposed}</div>
          ) : (
            <ul className={s.list} data-testid="customers-proposed">
              {h.proposed.slice(0, 20).map((x) => (
                <li key={x.id} className={s.item}>
                  <div className={s.line}>
                    <span className={s.strong}>{`${x.code} ${x.name}`}</span>
                    <span>{c.tiers[x.tier]}</span>
                  </div>
                  <span className={s.meta}>{`${x.ownerName} · ${x.ownerUnitName}`}</span>
                  <Button size="small" onClick={() => void h.confirm(x)} disabled={h.busy} data-testid="customer-confirm">
                    {c.confirm}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      {h.manages && (
        <div className={s.section} data-testid="cross-territory">
          <Subtitle2 as="h3">{c.cross.title}</Subtitle2>
          {h.flags === null ? (
            <Busy busy label={c.loading} />
          ) : (
            <>
              <Button onClick={() => void h.crossToSheet()} disabled={h.busy} data-testid="cross-to-sheet">
                {c.pullCross}
              </Button>
              {h.open.length === 0 ? (
                <div data-testid="cross-none">{c.cross.none}</div>
              ) : (
                <>
                  <div className={s.meta} data-testid="cross-open">{format(c.cross.open, { n: h.open.length })}</div>
                  <Field label={c.cross.choose}>
                    <Select value={h.flagId} onChange={(_, d) => h.setFlagId(d.value)} data-testid="cross-flag">
                      <option value="">—</option>
                      {h.open.map((f) => (
                        <option key={f.id} value={f.id}>{`${f.date} · ${f.customerName} · ${f.sellerName}`}</option>
                      ))}
                    </Select>
                  </Field>
                  {chosen && (
                    <div className={s.meta} data-testid="cross-chosen">
                      {`${showMoney(w.locale, chosen.amount)} · ${chosen.sellingUnitName} → ${chosen.owningUnitName} · ${chosen.customerOwnerName}`}
                      {!chosen.canDecide && <div>{c.cross.notYours}</div>}
                      <LockedNote w={w} locked={chosen.locked} />
                    </div>
                  )}
                  <Field label={c.cross.comment}>
                    <Textarea value={h.comment} onChange={(_, d) => h.setComment(d.value)} data-testid="cross-comment" />
                  </Field>
                  <div className={s.row}>
                    {(['ACCEPT', 'REASSIGN', 'DISMISS'] as const).map((d) => (
                      <Button
                        key={d}
                        appearance={d === 'REASSIGN' ? 'primary' : 'secondary'}
                        onClick={() => void h.decide(d)}
                        disabled={h.busy || !chosen?.canDecide || chosen.locked}
                        data-testid={`cross-${d.toLowerCase()}`}
                      >
                        {d === 'ACCEPT' ? c.cross.accept : d === 'REASSIGN' ? c.cross.reassign : c.cross.dismiss}
                      </Button>
                    ))}
                  </div>
                </>
              )}
            </>
          )}
        </div>
      )}

      {h.manages && !!h.customers?.length && (
        <div className={s.section} data-testid="customer-transfer">
          <Subtitle2 as="h3">{c.transfer.title}</Subtitle2>
          <div className={s.meta}>{c.transfer.hint}</div>
          <CustomerPicker w={w} customers={h.customers} value={h.move.customerId} onChange={(id) => h.setMove((m) => ({ ...m, customerId: id }))} testId="transfer-customer" />
          {moving && <div className={s.meta} data-testid="transfer-current">{`${moving.ownerName} · ${moving.ownerUnitName}`}</div>}
          <PersonPicker w={w} people={h.people} value={h.move.ownerId} onChange={(id) => h.setMove((m) => ({ ...m, ownerId: id }))} testId="transfer-owner" label={c.transfer.owner} />
          <Button appearance="primary" onClick={() => void h.transfer()} disabled={h.busy || !h.move.customerId || !h.move.ownerId} data-testid="transfer-submit">
            {c.transfer.submit}
          </Button>
        </div>
      )}

      {!!h.customers?.length && (
        <div className={s.section} data-testid="customer-edit">
          <Subtitle2 as="h3">{c.edit.title}</Subtitle2>
          <CustomerPicker w={w} customers={h.customers} value={h.editId} onChange={h.chooseToEdit} testId="edit-customer" />
          {h.editForm && (
            <>
              <Field label={c.add.name}>
                <Input value={h.editForm.name} onChange={(_, d) => h.setEditForm((f) => f && { ...f, name: d.value })} data-testid="edit-customer-name" />
              </Field>
              <Field label={c.add.type}>
                <Select value={h.editForm.type} onChange={(_, d) => h.setEditForm((f) => f && { ...f, type: d.value as CustomerType })} data-testid="edit-customer-type">
                  {CUSTOMER_TYPES.map((t) => (
                    <option key={t} value={t}>{c.types[t]}</option>
                  ))}
                </Select>
              </Field>
              <Field label={c.add.tier}>
                <Select value={h.editForm.tier} onChange={(_, d) => h.setEditForm((f) => f && { ...f, tier: d.value as CustomerTier })} data-testid="edit-customer-tier">
                  {CUSTOMER_TIERS.map((t) => (
                    <option key={t} value={t}>{c.tiers[t]}</option>
                  ))}
                </Select>
              </Field>
              <Field label={c.add.contact}>
                <Input value={h.editForm.contact} onChange={(_, d) => h.setEditForm((f) => f && { ...f, contact: d.value })} data-testid="edit-customer-contact" />
              </Field>
              <Field label={c.add.phone}>
                <Input value={h.editForm.phone} onChange={(_, d) => h.setEditForm((f) => f && { ...f, phone: d.value })} data-testid="edit-customer-phone" />
              </Field>
              <Field label={c.add.notes}>
                <Textarea value={h.editForm.notes} onChange={(_, d) => h.setEditForm((f) => f && { ...f, notes: d.value })} data-testid="edit-customer-notes" />
              </Field>
              <Button appearance="primary" onClick={() => void h.saveEdit()} disabled={h.busy} data-testid="edit-customer-save">
                {c.edit.save}
              </Button>
            </>
          )}
        </div>
      )}

      {h.canAdd && (
        <div className={s.section} data-testid="customer-add">
          <Subtitle2 as="h3">{c.add.title}</Subtitle2>
          <Field label={c.add.code} hint={c.add.codeHint}>
            <Input value={h.form.code} onChange={set('code')} data-testid="customer-code" />
          </Field>
          <Field label={c.add.name}>
            <Input value={h.form.name} onChange={set('name')} data-testid="customer-name" />
          </Field>
          <Field label={c.add.type}>
            <Select value={h.form.type} onChange={(_, d) => h.setForm((f) => ({ ...f, type: d.value as CustomerType }))} data-testid="customer-type">
              {CUSTOMER_TYPES.map((t) => (
                <option key={t} value={t}>{c.types[t]}</option>
              ))}
            </Select>
          </Field>
          <Field label={c.add.tier}>
            <Select value={h.form.tier} onChange={(_, d) => h.setForm((f) => ({ ...f, tier: d.value as CustomerTier }))} data-testid="customer-tier">
              {CUSTOMER_TIERS.map((t) => (
                <option key={t} value={t}>{c.tiers[t]}</option>
              ))}
            </Select>
          </Field>
          <Field label={c.add.contact}>
            <Input value={h.form.contact} onChange={set('contact')} data-testid="customer-contact" />
          </Field>
          <Field label={c.add.phone}>
            <Input value={h.form.phone} onChange={set('phone')} data-testid="customer-phone" />
          </Field>
          <Field label={c.add.notes}>
            <Textarea value={h.form.notes} onChange={set('notes')} data-testid="customer-notes" />
          </Field>
          <Button appearance="primary" onClick={() => void h.add()} disabled={h.busy || !h.ready} data-testid="customer-save">
            {c.add.save}
          </Button>
        </div>
      )}
    </section>
  );
}
