/**
 * The year a manager is most likely planning: from the fourth quarter on,
 * next year's targets are what is being drafted (the source documents plan
 * the year ahead in its last months); before that, this year's.
 */
export function planningYear(today: Date): number {
  return today.getMonth() >= 9 ? today.getFullYear() + 1 : today.getFullYear();
}
