/**
 * The time a service acts at. Services read the clock from their context
 * (ctx.clock), never the machine's directly, so a test or a job can pin the
 * moment: "today" for the company is the calendar day in its time zone.
 * Sessions, throttles and the job ledger keep the machine's time: whether a
 * token has expired is never a matter of a request's clock.
 */
import { today, type IsoDay } from '../schema/dates.ts';

/** The company's time zone: its business days (deadlines, "today", leave) are counted in it. */
export const COMPANY_TIME_ZONE = 'Asia/Shanghai';

export interface Clock {
  /** The present moment. */
  now(): Date;
  /** Today's calendar day in the company's time zone. */
  today(): IsoDay;
}

/** The company's calendar day at a moment. */
export const companyDayOf = (at: Date): IsoDay => today(COMPANY_TIME_ZONE, at);

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => companyDayOf(new Date()),
};

/** A clock stopped at one moment (tests, replays). */
export function fixedClock(at: Date | string): Clock {
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new RangeError(`"${String(at)}" is not a moment`);
  return { now: () => new Date(moment), today: () => companyDayOf(moment) };
}
