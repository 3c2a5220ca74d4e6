/**
 * The Customers screen's state and requests (issue 11 §5): the customers the
 * viewer may see (a rep: their own; a manager: their subtree's), adding one,
 * confirming proposed ownerships; for managers the cross-territory sales (窜货)
 * and a decision on one. Sheets go through the one Excel adapter.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../i18n.ts';
import { run } from '../../api/client.ts';
import {
  CONFIRM_CUSTOMER,
  CREATE_CUSTOMER,
  CROSS_TERRITORY,
  CUSTOMERS_PAGE,
  DECIDE_CROSS_TERRITORY,
  TRANSFER_CUSTOMER,
  UPDATE_CUSTOMER,
  customerChanges,
  customerForm,
  type CustomerForm,
  type CrossTerritorySale,
  type Customer,
  type CustomerTier,
  type CustomerType,
  type Decision,
} from '../../customers/operations.ts';
import { crossTerritorySheet, customersSheet } from '../../customers/customer-sheets.ts';
import { writeSheetTable, type ExcelRun } from '../../excel/workbook.ts';
import { useAction } from './chores/useAction.ts';
import { loadPeople } from '../../chores/people.ts';
import type { PersonOption } from '../../chores/operations.ts';

const PAGE = 500;
const emptyForm = { code: '', name: '', type: 'ENTERPRISE' as CustomerType, tier: 'GENERAL' as CustomerTier, contact: '', phone: '', notes: '' };

async function allCustomers(client: Client): Promise<Customer[]> {
  const out: Customer[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { customers: { nodes: Customer[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await run(client, CUSTOMERS_PAGE, { first: PAGE, after });
    out.push(...page.customers.nodes);
    if (!page.customers.pageInfo.hasNextPage) return out;
    after = page.customers.pageInfo.endCursor;
  }
}

export function useCustomers({ client, w, roles, onSessionEnded }: { client: Client; w: Words; roles: string[]; onSessionEnded: () => void }) {
  const c = w.customers;
  const manages = roles.some((r) => r === 'MANAGER' || r === 'DIRECTOR' || r === 'ADMIN');
  const canAdd = roles.some((r) => r === 'REP' || r === 'MANAGER');
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [customers, setCustomers] = useState<Customer[] | null>(null);
  const [flags, setFlags] = useState<CrossTerritorySale[] | null>(null);
  const [form, setForm] = useState(emptyForm);
  const [flagId, setFlagId] = useState('');
  const [comment, setComment] = useState('');
  const [people, setPeople] = useState<PersonOption[]>([]);
  const [move, setMove] = useState({ customerId: '', ownerId: '' });
  const [editId, setEditId] = useState('');
  const [editForm, setEditForm] = useState<CustomerForm | null>(null);
  // The Customers sheet written in this pane is written again after a transfer, so it shows there.
  const wroteSheet = useRef(false);

  const reloadCustomers = useCallback(async () => setCustomers(await allCustomers(client)), [client]);
  const reloadFlags = useCallback(async () => {
    if (!manages) return;
    const list = (await run<{ crossTerritorySales: CrossTerritorySale[] }>(client, CROSS_TERRITORY)).crossTerritorySales;
    setFlags(list);
    setFlagId((id) => (list.some((f) => f.id === id && f.status === 'OPEN') ? id : (list.find((f) => f.status === 'OPEN' && f.canDecide)?.id ?? '')));
  }, [client, manages]);
  useEffect(() => load(() => reloadCustomers()), [reloadCustomers, load]);
  useEffect(() => load(() => reloadFlags()), [reloadFlags, load]);
  useEffect(() => {
    if (manages) load(async () => setPeople(await loadPeople(client)));
  }, [client, manages, load]);

  const ready = !!form.code.trim() && !!form.name.trim();
  const add = () =>
    act(async () => {
      const input = {
        code: form.code.trim(),
        name: form.name.trim(),
        type: form.type,
        tier: form.tier,
        notes: form.notes.trim() || null,
        // A phone without a contact's name is sent too, for the shared rules to refuse by name, not dropped unsaid.
        contacts: form.contact.trim() || form.phone.trim() ? [{ name: form.contact.trim(), phone: form.phone.trim() || null, primary: true }] : [],
      };
      const made = (await run<{ createCustomer: Customer }>(client, CREATE_CUSTOMER, { input }, true)).createCustomer;
      setForm(emptyForm);
      await reloadCustomers();
      return format(made.ownershipStatus === 'PROPOSED' ? c.add.added : c.add.addedConfirmed, { name: made.name, code: made.code });
    });

  const confirm = (x: Customer) =>
    act(async () => {
      try {
        await run(client, CONFIRM_CUSTOMER, { id: x.id, revision: x.revision }, true);
      } finally {
        await reloadCustomers().catch(() => undefined);
      }
      return format(c.confirmed, { name: x.name, owner: x.ownerName });
    });

  const decide = (decision: Decision) =>
    act(async () => {
      const flag = flags?.find((f) => f.id === flagId);
      if (!flag) return;
      let decided: CrossTerritorySale;
      try {
        decided = (await run<{ decideCrossTerritorySale: CrossTerritorySale }>(client, DECIDE_CROSS_TERRITORY, { id: flag.id, decision, comment: comment.trim() || null }, true)).decideCrossTerritorySale;
      } finally {
        await reloadFlags().catch(() => undefined);
      }
      setComment('');
      // The sheet shows the decision at once, when it is in the workbook.
      if (typeof Excel !== 'undefined') await writeSheetTable(Excel.run as unknown as ExcelRun, crossTerritorySheet(w, flagsAfter(flags ?? [], decided), { pulledAt: new Date().toISOString() }));
      return format(c.cross.decided, { sale: `${decided.date} ${decided.customerName}`, status: c.statuses[decided.status] });
    });

  const writeCustomers = async (list: Customer[]) => {
    const report = await writeSheetTable(Excel.run as unknown as ExcelRun, customersSheet(w, list, { pulledAt: new Date().toISOString() }));
    wroteSheet.current = true;
    return report;
  };
  const toSheet = () =>
    act(async () => {
      const report = await writeCustomers(customers ?? []);
      return format(c.wrote, { n: report.rows, sheet: report.sheetName });
    });

  const chooseToEdit = (id: string) => {
    setEditId(id);
    const x = customers?.find((y) => y.id === id);
    setEditForm(x ? customerForm(x) : null);
  };
  /** Saves what differs on the chosen customer; the list, and a Customers sheet written in this pane, show it. */
  const saveEdit = () =>
    act(async () => {
      const x = customers?.find((y) => y.id === editId);
      if (!x || !editForm) return;
      const out = customerChanges(x, editForm);
      if ('problem' in out) return action.setStatus({ intent: 'error', message: c.edit[out.problem] });
      const saved = (await run<{ updateCustomer: Customer }>(client, UPDATE_CUSTOMER, { id: x.id, revision: x.revision, input: out.input }, true)).updateCustomer;
      const list = (customers ?? []).map((y) => (y.id === saved.id ? saved : y));
      setCustomers(list);
      setEditForm(customerForm(saved));
      if (wroteSheet.current) await writeCustomers(list);
      return format(c.edit.saved, { name: saved.name, code: saved.code });
    });

  /** A manager moves a customer to another owner in their units; the server confirms the new ownership. */
  const transfer = () =>
    act(async () => {
      const x = customers?.find((y) => y.id === move.customerId);
      if (!x || !move.ownerId) return;
      const moved = (await run<{ transferCustomer: Customer }>(client, TRANSFER_CUSTOMER, { id: x.id, revision: x.revision, ownerId: move.ownerId }, true)).transferCustomer;
      const list = (customers ?? []).map((y) => (y.id === moved.id ? moved : y));
      setCustomers(list);
      setMove({ customerId: '', ownerId: '' });
      if (wroteSheet.current) await writeCustomers(list);
      return format(c.transfer.done, { name: moved.name, code: moved.code, owner: moved.ownerName, unit: moved.ownerUnitName });
    });
  const crossToSheet = () =>
    act(async () => {
      const report = await writeSheetTable(Excel.run as unknown as ExcelRun, crossTerritorySheet(w, flags ?? [], { pulledAt: new Date().toISOString() }));
      return format(c.wroteCross, { n: report.rows, sheet: report.sheetName });
    });

  const open = (flags ?? []).filter((f) => f.status === 'OPEN');
  return {
    ...action,
    manages,
    canAdd,
    customers,
    proposed: (customers ?? []).filter((x) => x.ownershipStatus === 'PROPOSED'),
    flags,
    open,
    decidable: open.filter((f) => f.canDecide),
    form,
    setForm,
    ready,
    add,
    confirm,
    flagId,
    setFlagId,
    comment,
    setComment,
    decide,
    toSheet,
    crossToSheet,
    people,
    move,
    setMove,
    transfer,
    editId,
    chooseToEdit,
    editForm,
    setEditForm,
    saveEdit,
  };
}

/** The list with one flag replaced by its decided state. */
const flagsAfter = (list: CrossTerritorySale[], decided: CrossTerritorySale) => list.map((f) => (f.id === decided.id ? decided : f));
