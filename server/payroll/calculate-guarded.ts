/**
 * One person's payslip, or a refusal naming that person: a calculation that
 * throws (a plan formula dividing by zero, say) or yields an amount beyond
 * what the database holds (64-bit fen) refuses the whole run with
 * BAD_USER_INPUT naming the employee number, instead of an internal error
 * mid-run.
 */
import { calculatePayslip, type Payslip } from '../../schema/compensation.ts';
import { MAX_FEN, formatMoney, isFenInRange } from '../../schema/money.ts';
import { dynamicClientError } from '../errors.ts';
import type { PersonInputs } from './inputs.ts';

class PersonCalculationError extends Error {
  constructor(
    readonly personId: string,
    readonly reason: 'MONEY_OUT_OF_RANGE' | 'CALCULATION_FAILED',
    readonly detail: string,
  ) {
    super(detail);
  }
}

function calculateOne(p: PersonInputs): Payslip {
  let slip: Payslip;
  try {
    slip = calculatePayslip(p.plan.plan, p.inputs);
  } catch (error) {
    // The plan's own message (e.g. "division by zero"); never the inputs themselves.
    throw new PersonCalculationError(p.personId, 'CALCULATION_FAILED', `plan ${p.plan.code} cannot be applied: ${(error as Error).message}`);
  }
  const amounts = [slip.grossFen, slip.deductionsFen, slip.netFen, ...slip.lines.map((l) => l.amountFen)];
  if (!amounts.every(isFenInRange)) {
    throw new PersonCalculationError(p.personId, 'MONEY_OUT_OF_RANGE', `an amount on the payslip is beyond the supported range of ±${formatMoney(MAX_FEN)}`);
  }
  return slip;
}

/**
 * Every person's payslip, in order; refuses with the first person whose data
 * cannot be calculated. No query: on PostgreSQL the run's connection may
 * still be taking the previous chunk's COPY.
 */
export function calculatePayslips(people: PersonInputs[]): Payslip[] {
  try {
    return people.map(calculateOne);
  } catch (error) {
    if (!(error instanceof PersonCalculationError)) throw error;
    const employeeNo = people.find((p) => p.personId === error.personId)?.employeeNo ?? error.personId;
    throw dynamicClientError('BAD_USER_INPUT', `The payroll cannot be calculated for employee ${employeeNo}: ${error.detail}. Nothing was saved.`, {
      field: 'payslips',
      reason: error.reason,
      // The pane names the limit for an amount out of range; for anything else, the employee.
      params: error.reason === 'MONEY_OUT_OF_RANGE' ? { maxAmount: formatMoney(MAX_FEN) } : { employeeNo },
      employeeNo,
      personId: error.personId,
    });
  }
}
