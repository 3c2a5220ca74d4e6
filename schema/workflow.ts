/**
 * The workflows' shared reading of their history (target plans, scorecards,
 * payroll runs): events oldest first, each with its action. Pure.
 */

/** The newest return, unless something was submitted after it (then the return is answered): null otherwise. */
export function returnSinceSubmit<E extends { action: string }>(events: readonly E[]): E | null {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.action === 'submit') return null;
    if (events[i]!.action === 'return') return events[i]!;
  }
  return null;
}
