/**
 * The payroll sign-off chain (逐级审核签字): whose signature a run waits for
 * in each status, and the status it moves to once signed. Shared by the
 * server (which enforces it) and the pane (which shows signers what waits
 * for them).
 */
export const SIGN_OFF_STEPS = {
  SUBMITTED: { role: 'FINANCE_MANAGER', next: 'FINANCE_APPROVED' },
  FINANCE_APPROVED: { role: 'DIRECTOR', next: 'SALES_APPROVED' },
  SALES_APPROVED: { role: 'GENERAL_MANAGER', next: 'LOCKED' },
} as const;

export type SigningStatus = keyof typeof SIGN_OFF_STEPS;

/** The role whose signature a run in `status` waits for, or null when none is due. */
export function signerRoleFor(status: string): (typeof SIGN_OFF_STEPS)[SigningStatus]['role'] | null {
  return Object.hasOwn(SIGN_OFF_STEPS, status) ? SIGN_OFF_STEPS[status as SigningStatus].role : null;
}

/** Whether a run in `status` waits for a signature one of `roles` may give. */
export const awaitsSignatureOf = (status: string, roles: readonly string[]): boolean => {
  const role = signerRoleFor(status);
  return role !== null && roles.includes(role);
};
