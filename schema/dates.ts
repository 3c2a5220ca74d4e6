/**
 * Calendar days as ISO strings (YYYY-MM-DD). The database stores a day as
 * 00:00 UTC of that day; nothing here depends on the machine's time zone.
 */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function dayToDate(day: IsoDay): Date {
  if (!isIsoDay(day)) throw new RangeError(`"${day}" is not a calendar date (YYYY-MM-DD)`);
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  const d = dayToDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return dateToDay(d);
}

/** Today's date in the given IANA zone (China Standard Time by default). */
export function today(timeZone = 'Asia/Shanghai', now = new Date()): IsoDay {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
