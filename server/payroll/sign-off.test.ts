/** The one rule for signing and returning a run, as the mutations and the pane's fields use it. */
import { describe, expect, it } from 'vitest';
import { returnRefusal, SIGN_OFF, signaturesSinceSubmit, signRefusal } from './sign-off.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 3, 2, 1, minute));
const ev = (action: string, actorId: string | null, minute: number, fromStatus: any = null) => ({ action, actorId, at: at(minute), fromStatus });

describe('sign-off', () => {
  it('waits for the finance manager, then the sales director, then the general manager (逐级审核签字)', () => {
    const chain = ['DRAFT', 'CALCULATED', 'SUBMITTED', 'FINANCE_APPROVED', 'SALES_APPROVED', 'LOCKED', 'PAID'].map((s) => {
      const step = Object.hasOwn(SIGN_OFF, s) ? SIGN_OFF[s as keyof typeof SIGN_OFF] : undefined;
      return step ? `${step.role}→${step.next}` : null;
    });
    expect(chain).toEqual([null, null, 'FINANCE_MANAGER→FINANCE_APPROVED', 'DIRECTOR→SALES_APPROVED', 'GENERAL_MANAGER→LOCKED', null, null]);
  });

  const submitted = [ev('create', 'fin', 0), ev('calculate', 'fin', 1), ev('submit', 'fin', 2, 'CALCULATED')];

  it('is the turn of the role the status waits for, and nobody else’s', () => {
    expect(signRefusal('SUBMITTED', { userId: 'fm', roles: ['FINANCE_MANAGER'] }, submitted)).toBeNull();
    expect(signRefusal('SUBMITTED', { userId: 'd', roles: ['DIRECTOR'] }, submitted)).toEqual({ why: 'NOT_YOUR_TURN', who: 'the finance manager' });
    expect(signRefusal('CALCULATED', { userId: 'fm', roles: ['FINANCE_MANAGER'] }, submitted)).toEqual({ why: 'NOT_DUE' });
    expect(signRefusal('SUBMITTED', null, submitted)).toEqual({ why: 'NOT_YOUR_TURN', who: 'the finance manager' });
    expect(returnRefusal('FINANCE_APPROVED', { userId: 'd', roles: ['DIRECTOR'] })).toBeNull();
    expect(returnRefusal('FINANCE_APPROVED', { userId: 'fm', roles: ['FINANCE_MANAGER'] })).toEqual({ why: 'NOT_YOUR_TURN', who: 'the sales director' });
    expect(returnRefusal('LOCKED', { userId: 'g', roles: ['GENERAL_MANAGER'] })).toEqual({ why: 'NOT_DUE' });
  });

  it('lets one person holding two signer roles sign only once per submission, and again after a resubmission', () => {
    const both = { userId: 'x', roles: ['FINANCE_MANAGER', 'DIRECTOR'] };
    const signedOnce = [...submitted, ev('approve', 'x', 3, 'SUBMITTED')];
    expect(signRefusal('FINANCE_APPROVED', both, signedOnce)).toEqual({ why: 'ALREADY_SIGNED' });
    const resubmitted = [...signedOnce, ev('return', 'd', 4, 'FINANCE_APPROVED'), ev('submit', 'fin', 5, 'CALCULATED')];
    expect(signRefusal('SUBMITTED', both, resubmitted)).toBeNull();
  });

  it('counts the submission as its submitter’s signature: they do not sign it again as finance manager', () => {
    const both = { userId: 'fin', roles: ['FINANCE', 'FINANCE_MANAGER'] };
    expect(signRefusal('SUBMITTED', both, submitted)).toEqual({ why: 'ALREADY_SIGNED' });
    expect(signRefusal('SUBMITTED', { userId: 'fm', roles: ['FINANCE_MANAGER'] }, submitted)).toBeNull();
    // Submitted again by someone else after a return: theirs to sign now.
    const resubmitted = [...submitted, ev('return', 'fm2', 3, 'SUBMITTED'), ev('submit', 'fin2', 4, 'CALCULATED')];
    expect(signRefusal('SUBMITTED', both, resubmitted)).toBeNull();
  });

  it('lists the current submission’s signatures with the step each signed', () => {
    const events = [...submitted, ev('approve', 'fm', 3, 'SUBMITTED'), ev('approve', 'd', 4, 'FINANCE_APPROVED')];
    expect(signaturesSinceSubmit(events).map((e) => [e.role, e.actorId])).toEqual([
      ['FINANCE', 'fin'],
      ['FINANCE_MANAGER', 'fm'],
      ['DIRECTOR', 'd'],
    ]);
    // In time order whatever order they come in.
    expect(signaturesSinceSubmit([...events].reverse()).map((e) => e.role)).toEqual(['FINANCE', 'FINANCE_MANAGER', 'DIRECTOR']);
    expect(signaturesSinceSubmit([...events, ev('return', 'g', 5, 'SALES_APPROVED')])).toEqual([]);
    expect(signaturesSinceSubmit(submitted.slice(0, 2))).toEqual([]);
  });
});
