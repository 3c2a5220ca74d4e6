/**
 * Field-visit slips (出访单, issue 11 §4; domain §4): the input checks and
 * which attendance days a slip covers. No I/O, no language: problems carry
 * codes (schema/reasons.ts) and parameters.
 *
 * A slip covers every day (China time) from its planned departure to its
 * planned return, both included, once it is approved (or approved and
 * checked). An attendance day marked FIELD_VISIT that no such slip covers is
 * "unslipped": flagged to the manager and, by default, paid as an absence.
 */
import { addDays, chinaTimeOf, today, type IsoDay } from './dates.ts';

export const VISIT_SLIP_LIMITS = { destinationMax: 200, contactMax: 100, purposeMax: 1000, resultMax: 2000, commentMax: 500, maxDays: 14 } as const;

/** The statuses under which a slip covers its days. */
export const COVERING_STATUSES = ['APPROVED', 'CHECKED'] as const;

export interface VisitSlipDraft {
  destination: string;
  contactPerson: string;
  purpose: string;
  plannedOut: Date;
  plannedBack: Date;
}

export interface VisitSlipProblem {
  code: 'VISIT_SLIP_REQUIRED' | 'VISIT_SLIP_TOO_LONG' | 'VISIT_SLIP_BACK_BEFORE_OUT' | 'VISIT_SLIP_TOO_MANY_DAYS';
  field: 'destination' | 'contactPerson' | 'purpose' | 'plannedOut' | 'plannedBack';
  params: Record<string, string | number>;
}

const TZ = 'Asia/Shanghai';
/** The day (China time) of an instant. */
export const slipDay = (at: Date): IsoDay => today(TZ, at);

/** Every problem with a slip's input, in field order; none when it may be requested. */
export function checkVisitSlip(input: VisitSlipDraft): VisitSlipProblem[] {
  const out: VisitSlipProblem[] = [];
  const text = (field: 'destination' | 'contactPerson' | 'purpose', value: string, max: number) => {
    const v = value.trim();
    if (!v) out.push({ code: 'VISIT_SLIP_REQUIRED', field, params: {} });
    else if (v.length > max) out.push({ code: 'VISIT_SLIP_TOO_LONG', field, params: { max } });
  };
  text('destination', input.destination, VISIT_SLIP_LIMITS.destinationMax);
  text('contactPerson', input.contactPerson, VISIT_SLIP_LIMITS.contactMax);
  text('purpose', input.purpose, VISIT_SLIP_LIMITS.purposeMax);
  if (Number.isNaN(input.plannedOut.getTime())) out.push({ code: 'VISIT_SLIP_REQUIRED', field: 'plannedOut', params: {} });
  else if (Number.isNaN(input.plannedBack.getTime())) out.push({ code: 'VISIT_SLIP_REQUIRED', field: 'plannedBack', params: {} });
  else if (input.plannedBack.getTime() <= input.plannedOut.getTime()) {
    // The days and the times (China time): on one day, the days alone would read as equal.
    const [from, to] = [chinaTimeOf(input.plannedOut), chinaTimeOf(input.plannedBack)];
    out.push({ code: 'VISIT_SLIP_BACK_BEFORE_OUT', field: 'plannedBack', params: { from: from.day, to: to.day, fromTime: from.time, toTime: to.time } });
  } else {
    const days = coveredDays(input.plannedOut, input.plannedBack).length;
    if (days > VISIT_SLIP_LIMITS.maxDays) out.push({ code: 'VISIT_SLIP_TOO_MANY_DAYS', field: 'plannedBack', params: { days, max: VISIT_SLIP_LIMITS.maxDays } });
  }
  return out;
}

/** The days (China time) a slip covers: from the day of departure to the day of return, both included. */
export function coveredDays(plannedOut: Date, plannedBack: Date): IsoDay[] {
  const from = slipDay(plannedOut);
  const to = slipDay(plannedBack);
  const out: IsoDay[] = [];
  for (let d = from; d <= to && out.length <= 366; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * A slip is approved before the visit (domain §4). An approval given after
 * the planned departure is accepted — the visit may have been urgent, and
 * the check comes afterwards anyway — but marked as approved after the
 * fact, for the manager and the rep to see.
 */
export const approvedAfterDeparture = (decidedAt: Date | null, plannedOut: Date) => decidedAt !== null && decidedAt.getTime() > plannedOut.getTime();

/** Whether a slip may be checked now: only once its planned return has passed. */
export const mayCheck = (plannedBack: Date, now: Date) => now.getTime() >= plannedBack.getTime();

/**
 * The field-visit days no covering slip covers, as given (person, day), in
 * order. `slips` may hold any slips; only approved or checked ones cover.
 */
export function unslippedDays<T extends { personId: string; day: IsoDay }>(
  fieldVisits: readonly T[],
  slips: readonly { personId: string; status: string; plannedOut: Date; plannedBack: Date }[],
): T[] {
  const covered = new Set<string>();
  for (const s of slips) {
    if (!(COVERING_STATUSES as readonly string[]).includes(s.status)) continue;
    for (const d of coveredDays(s.plannedOut, s.plannedBack)) covered.add(`${s.personId}|${d}`);
  }
  return fieldVisits.filter((f) => !covered.has(`${f.personId}|${f.day}`)).sort((a, b) => (a.personId === b.personId ? (a.day < b.day ? -1 : 1) : a.personId < b.personId ? -1 : 1));
}
