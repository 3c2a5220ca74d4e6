import { notOver } from '../../../schema/periods.ts';
/**
 * The year a manager is most likely planning: from the fourth quarter on,
 * next year's targets are what is being drafted (the source documents plan
 * the year ahead in its last months); before that, this year's.
 */
export function planningYear(today: Date): number {
  return today.getMonth() >= 9 ? today.getFullYear() + 1 : today.getFullYear();
}

/**
 * The year a breakdown by last year's actuals (share or growth) reads when
 * that year is not over on `day`: planning 2027 in December 2026, 2026's
 * sales run only to today. Null when last year is complete or the method
 * does not read it.
 */
export function incompleteHistoryYear(planYear: number, timeMethod: string, day: string): number | null {
  if (timeMethod !== 'HISTORY' && timeMethod !== 'GROWTH') return null;
  return notOver(String(planYear - 1), day) ? planYear - 1 : null;
}
