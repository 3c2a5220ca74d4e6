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

const WRITTEN_DAY = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * The calendar day a text names, written the way Excel and WPS in zh-CN show
 * one (2026-03-02, 2026/3/2, 2026.3.2, 2026年3月2日, with or without a time
 * after it), or null when it names none.
 */
export function dayOfText(text: string): IsoDay | null {
  const m = WRITTEN_DAY.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDay(day) ? day : null;
}

/** A month as YYYY-MM (2026-03). */
export function isIsoMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

const WRITTEN_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;

/** The month a text names, written as a day is above (2026-03, 2026/3, 2026.3, 2026年3月), as YYYY-MM; or null. */
export function monthOfText(text: string): string | null {
  const m = WRITTEN_MONTH.exec(text.trim());
  if (!m) return null;
  const month = `${m[1]}-${m[2]!.padStart(2, '0')}`;
  return isIsoMonth(month) ? month : null;
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
