/** Month defaults for the chores screens. Pure. */
import { today, isIsoMonth } from '../../../schema/dates.ts';

/** The month before the given day's (China Standard Time by default): the last whose sales and attendance are complete. */
export function lastMonth(day: string = today()): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const isMonth = (text: string) => isIsoMonth(text);
