/**
 * Calendar days as ISO strings (YYYY-MM-DD). The database stores a day as
 * 00:00 UTC of that day; nothing here depends on the machine's time zone.
 */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The first year a day, month or period may name. Years before it are typing
 * slips ("0026-03"), and JavaScript's dates read years 0-99 as 1900-1999, so
 * "0000-01" would otherwise name a day in 1900, or none at all.
 */
export const FIRST_YEAR = 1900;

export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m || Number(m[1]) < FIRST_YEAR) return false;
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
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text) && Number(text.slice(0, 4)) >= FIRST_YEAR;
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

/** A time of day as HH:MM, 24-hour (09:05). */
export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

const WRITTEN_TIME = /^(\d{1,2})(?:\s*[:：.点时]\s*(\d{2})\s*分?|\s*[点时]\s*(半)|\s*[点时])?$/;
const DIGITS_TIME = /^(\d{1,2})(\d{2})$/;

/** Parts of the day said before a time (下午3点): the afternoon and evening add twelve hours to 1–11. */
const PART_OF_DAY = /^(上午|早上|中午|下午|晚上)\s*/;

/** The time of day a text names (9:05, 09：05, 9点, 9点半, 下午3点, 930, 1730; not 9:5), as HH:MM; or null. */
export function timeOfText(text: string): string | null {
  let t = text.trim();
  const part = PART_OF_DAY.exec(t)?.[1];
  if (part) t = t.slice(PART_OF_DAY.exec(t)![0].length);
  const m = WRITTEN_TIME.exec(t) ?? DIGITS_TIME.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  if (part === '下午' || part === '晚上') {
    if (hour < 1 || hour > 12) return null;
    if (hour < 12) hour += 12;
  } else if ((part === '上午' || part === '早上') && hour > 12) return null;
  const time = `${String(hour).padStart(2, '0')}:${m[3] ? '30' : (m[2] ?? '00')}`;
  return isClockTime(time) ? time : null;
}

/** China Standard Time is UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET = '+08:00';

/** The instant a China wall-clock time names ("2026-03-10T09:00"), or null when it names none. */
export function instantOfChinaTime(local: string): Date | null {
  const [day, time] = local.split('T');
  if (!day || !time || !isIsoDay(day) || !isClockTime(time)) return null;
  return new Date(`${day}T${time}:00${CHINA_OFFSET}`);
}

/** An instant as China wall-clock time: its day and its HH:MM. */
export function chinaTimeOf(at: Date): { day: IsoDay; time: string } {
  const china = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { day: china.slice(0, 10), time: china.slice(11, 16) };
}
