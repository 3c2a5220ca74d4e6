/**
 * Rank promotion proposals from the ladder (domain §7): own monthly sales of
 * at least 15,000 plus the monthly sales and count of the reps a person
 * trained. Quotabook proposes one step up at a time; a manager applies or
 * dismisses it. Pure.
 */
import { formatMoney } from './money.ts';
import { RANKS, type Rank } from './compensation.ts';

export const OWN_SALES_FEN = 1_500_000n;

/** What each rank above SR asks for: trainees' total monthly sales (fen) and how many trainees. */
export const LADDER: Record<Exclude<Rank, 'SR'>, { traineeSalesFen: bigint; trainees: number }> = {
  SE: { traineeSalesFen: 0n, trainees: 0 },
  SSE: { traineeSalesFen: 3_000_000n, trainees: 2 },
  SM: { traineeSalesFen: 6_000_000n, trainees: 4 },
  SSM: { traineeSalesFen: 10_000_000n, trainees: 6 },
  SD: { traineeSalesFen: 16_000_000n, trainees: 8 },
  SSD: { traineeSalesFen: 24_000_000n, trainees: 12 },
  TE: { traineeSalesFen: 32_000_000n, trainees: 16 },
};

/** One requirement of the next rank, as a code and figures the pane renders in the reader's language. */
export interface PromotionCriterionCheck {
  criterion: 'OWN_SALES' | 'TRAINEES' | 'TRAINEE_SALES';
  /** Amounts as decimal yuan ("16000.00"), counts as whole numbers ("2"). */
  actual: string;
  required: string;
  met: boolean;
}

export interface PromotionCheck {
  from: Rank;
  to: Rank | null;
  eligible: boolean;
  /** The same checks in English words, for API readers and the audit trail. */
  reasons: string[];
  checks: PromotionCriterionCheck[];
}

export function proposePromotion(rank: Rank, ownSalesFen: bigint, traineeSalesFen: bigint[]): PromotionCheck {
  const next = RANKS[RANKS.indexOf(rank) + 1] as Exclude<Rank, 'SR'> | undefined;
  if (!next) return { from: rank, to: null, eligible: false, reasons: [`${rank} is the top of the ladder`], checks: [] };
  const need = LADDER[next];
  const total = traineeSalesFen.reduce((a, b) => a + b, 0n);
  const reasons = [
    `own sales ${formatMoney(ownSalesFen)} ${ownSalesFen >= OWN_SALES_FEN ? '≥' : '<'} ${formatMoney(OWN_SALES_FEN)}`,
    ...(need.trainees
      ? [
          `trained reps ${traineeSalesFen.length} ${traineeSalesFen.length >= need.trainees ? '≥' : '<'} ${need.trainees}`,
          `their sales ${formatMoney(total)} ${total >= need.traineeSalesFen ? '≥' : '<'} ${formatMoney(need.traineeSalesFen)}`,
        ]
      : []),
  ];
  const checks: PromotionCriterionCheck[] = [
    { criterion: 'OWN_SALES', actual: formatMoney(ownSalesFen), required: formatMoney(OWN_SALES_FEN), met: ownSalesFen >= OWN_SALES_FEN },
    ...(need.trainees
      ? [
          { criterion: 'TRAINEES' as const, actual: String(traineeSalesFen.length), required: String(need.trainees), met: traineeSalesFen.length >= need.trainees },
          { criterion: 'TRAINEE_SALES' as const, actual: formatMoney(total), required: formatMoney(need.traineeSalesFen), met: total >= need.traineeSalesFen },
        ]
      : []),
  ];
  const eligible = checks.every((c) => c.met);
  return { from: rank, to: next, eligible, reasons, checks };
}
