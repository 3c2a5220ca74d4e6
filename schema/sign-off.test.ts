import { describe, expect, it } from 'vitest';
import { awaitsSignatureOf, signerRoleFor } from './sign-off.ts';

describe('the sign-off chain', () => {
  it('waits for the finance manager, then the sales director, then the general manager', () => {
    expect(['DRAFT', 'CALCULATED', 'SUBMITTED', 'FINANCE_APPROVED', 'SALES_APPROVED', 'LOCKED', 'PAID'].map(signerRoleFor)).toEqual([
      null,
      null,
      'FINANCE_MANAGER',
      'DIRECTOR',
      'GENERAL_MANAGER',
      null,
      null,
    ]);
    // Not a status: no signer (nothing inherited from Object.prototype either).
    expect(signerRoleFor('toString')).toBeNull();
  });

  it('tells whether a run waits for a signature the viewer may give', () => {
    expect(awaitsSignatureOf('SUBMITTED', ['FINANCE_MANAGER'])).toBe(true);
    expect(awaitsSignatureOf('SUBMITTED', ['DIRECTOR', 'FINANCE'])).toBe(false);
    expect(awaitsSignatureOf('SALES_APPROVED', ['GENERAL_MANAGER'])).toBe(true);
    expect(awaitsSignatureOf('LOCKED', ['GENERAL_MANAGER', 'ADMIN'])).toBe(false);
  });
});
