/** Leave: asking for one's own, and (managers, admins) deciding the requests waiting for them. */
import { useCallback, useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { format, type Words } from '../../../i18n.ts';
import { run } from '../../../api/client.ts';
import { DECIDE_LEAVE, LEAVE_REQUESTS, REQUEST_LEAVE, VIEWER_SELF, type LeaveRequest, type Viewer } from '../../../chores/operations.ts';
import { addDays, today } from '../../../../../schema/dates.ts';
import { useAction } from './useAction.ts';

export function useLeave({ client, w, canDecide, onSessionEnded }: { client: Client; w: Words; canDecide: boolean; onSessionEnded: () => void }) {
  const l = w.chores.leave;
  const action = useAction(w, onSessionEnded);
  const { act, load } = action;
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [requests, setRequests] = useState<LeaveRequest[] | null>(null);
  const tomorrow = addDays(today(), 1);
  const [form, setForm] = useState({ kind: 'PERSONAL_LEAVE', from: tomorrow, to: tomorrow, reason: '' });
  const [comments, setComments] = useState<Record<string, string>>({});

  const reload = useCallback(async () => {
    setRequests((await run<{ leaveRequests: LeaveRequest[] }>(client, LEAVE_REQUESTS)).leaveRequests);
  }, [client]);
  useEffect(() => {
    load(() => run<{ viewer: Viewer }>(client, VIEWER_SELF).then((d) => setViewer(d.viewer)));
    load(() => reload());
  }, [client, reload, load]);

  const me = viewer?.person?.id ?? null;
  const mine = (requests ?? []).filter((r) => r.personId === me);
  const others = (requests ?? []).filter((r) => r.personId !== me);
  const waiting = canDecide ? others.filter((r) => r.status === 'REQUESTED') : [];
  const decided = canDecide ? others.filter((r) => r.status !== 'REQUESTED').slice(0, 20) : [];

  /** What the request still needs, named (a greyed button alone says nothing), and an end before the start. */
  const missing = ([
    [form.from, l.from],
    [form.to, l.to],
    [form.reason.trim(), w.chores.reason],
  ] as const).flatMap(([value, label]) => (value ? [] : [label]));
  const backwards = !!form.from && !!form.to && form.to < form.from;

  const ask = () =>
    act(async () => {
      await run(client, REQUEST_LEAVE, { kind: form.kind, from: form.from, to: form.to, reason: form.reason.trim() }, true);
      await reload();
      setForm((f) => ({ ...f, reason: '' }));
      return format(l.requested, { from: form.from, to: form.to });
    });

  const decide = (r: LeaveRequest, approve: boolean) =>
    act(async () => {
      const comment = comments[r.id]?.trim() || null;
      const d = await run<{ decideLeave: { status: string } }>(client, DECIDE_LEAVE, { id: r.id, approve, comment }, true);
      await reload();
      return format(l.decided, { name: r.personName, status: l.statuses[d.decideLeave.status] ?? d.decideLeave.status });
    });

  return {
    ...action,
    viewer,
    loaded: requests !== null && viewer !== null,
    mine,
    waiting,
    decided,
    form,
    setForm,
    ready: !!me && !!form.from && !!form.to && !!form.reason.trim() && !backwards,
    missing,
    backwards,
    ask,
    comments,
    setComment: (id: string, text: string) => setComments((c) => ({ ...c, [id]: text })),
    decide,
  };
}
