import { notOver } from '../../../schema/periods.ts';
/**
 * The year a manager is most likely planning: from the fourth quarter on,
 * next year's targets are what is being drafted (the source documents plan
 * the year ahead in its last months); before that, this year's. Years and
 * quarters are fiscal: a year starting in `firstMonth` (1-12) is named after
 * the calendar year it starts in, so with April, December 2026 is in the
 * third quarter of 2026 and January 2027 in its fourth.
 */
export function planningYear(today: Date, firstMonth = 1): number {
  const month = today.getMonth() + 1;
  const fiscalYear = month >= firstMonth ? today.getFullYear() : today.getFullYear() - 1;
  const monthOfYear = (month - firstMonth + 12) % 12; // 0 for the year's first month
  return monthOfYear >= 9 ? fiscalYear + 1 : fiscalYear;
}

/**
 * The year a breakdown by last year's actuals (share or growth) reads when
 * that year is not over on `day`: planning 2027 in December 2026, 2026's
 * sales run only to today. Null when last year is complete or the method
 * does not read it.
 */
export function incompleteHistoryYear(planYear: number, timeMethod: string, day: string, firstMonth = 1): number | null {
  if (timeMethod !== 'HISTORY' && timeMethod !== 'GROWTH') return null;
  return notOver(String(planYear - 1), day, { firstMonth }) ? planYear - 1 : null;
}
