// The commission rules, pure: tier, rate, accelerator, discount reduction, cap and clawback.
// Money is decimal (Prisma.Decimal, the decimal.js Prisma ships), never a float: every component
// is rounded to cents, half away from zero (ROUND_HALF_UP), before it is added up, so a line's
// commission is exactly the sum of the figures it shows.
import { Prisma } from '#generated/prisma';
import type { CommissionPlanDocument } from '../commission-plans/commission-plan.js';
import { toCsv as toCsvTable } from '#libs/platform';

const Decimal = Prisma.Decimal;
type Decimal = Prisma.Decimal;

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);

export function cents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** A contract approved in the statement's period (SalesFacts), in approval order. */
export interface SaleInput {
  contractId: string;
  /** BASE_CURRENCY, decimal string. */
  amountBase: string;
  discountPct: string;
}

/** A reversed contract whose commission an approved statement paid. */
export interface ClawbackInput {
  contractId: string;
  amountBase: string;
  discountPct: string;
  tier: string;
  ratePct: string;
  /** What the approved statement paid on it (positive): taken back whole. */
  paid: string;
  statementId: string;
  period: string;
}

export type AdjustmentKind = 'accelerator' | 'discount' | 'cap' | 'clawback';

export interface Adjustment {
  kind: AdjustmentKind;
  /** Signed, decimal string with 2 decimals. */
  amount: string;
  detail: string;
}

export interface ComputedLine {
  kind: 'SALE' | 'CLAWBACK';
  contractId: string;
  amountBase: string;
  discountPct: string;
  tier: string;
  ratePct: string;
  baseCommission: string;
  adjustments: Adjustment[];
  commission: string;
  clawsBackStatementId: string | null;
}

export interface ComputedStatement {
  sales: string;
  target: string | null;
  /** Sales over target in percent (2 decimals); null without a target. */
  attainmentPct: string | null;
  tier: string;
  ratePct: string;
  lines: ComputedLine[];
  total: string;
}

/**
 * The tier the period's attainment reaches: the last whose fromPct it meets. Without a target
 * (null attainment) a person earns the first tier, the base rate.
 */
export function tierFor(plan: CommissionPlanDocument, attainmentPct: Decimal | null): CommissionPlanDocument['tiers'][number] {
  if (attainmentPct === null) return plan.tiers[0];
  let chosen = plan.tiers[0];
  for (const tier of plan.tiers) if (attainmentPct.greaterThanOrEqualTo(tier.fromPct)) chosen = tier;
  return chosen;
}

/** Percent of commission taken off for a discount above the band: (discount - band) x per point, at most 100. */
export function discountReductionPct(plan: CommissionPlanDocument, discountPct: Decimal): Decimal {
  if (!plan.discount || discountPct.lessThanOrEqualTo(plan.discount.bandPct)) return ZERO;
  return Decimal.min(HUNDRED, discountPct.minus(plan.discount.bandPct).times(plan.discount.reductionPerPointPct));
}

/**
 * One statement from the facts. Every sale earns the rate of the tier the period's total reaches;
 * the accelerator multiplies the rate on the part of the sales above `abovePct` of target, taken
 * in approval order (the contract that crosses the line earns it on its part above); the
 * discount reduction applies to what the contract earned; the cap stops the sale lines' running
 * total, the line that crosses it and every later one shows the cut. Clawbacks take back what was
 * paid, whole, and are not capped. Same inputs, same figures.
 */
export function computeStatement(plan: CommissionPlanDocument, sales: SaleInput[], clawbacks: ClawbackInput[], target: string | null): ComputedStatement {
  const total = sales.reduce((sum, sale) => sum.plus(sale.amountBase), ZERO);
  const targetAmount = target !== null && new Decimal(target).greaterThan(0) ? new Decimal(target) : null;
  const attainment = targetAmount ? total.dividedBy(targetAmount).times(HUNDRED) : null;
  const tier = tierFor(plan, attainment);
  const rate = new Decimal(tier.ratePct);
  const acceleratorFrom = targetAmount && plan.accelerator ? targetAmount.times(plan.accelerator.abovePct).dividedBy(HUNDRED) : null;
  const cap = plan.cap === null ? null : new Decimal(plan.cap);

  const lines: ComputedLine[] = [];
  let cumulative = ZERO;
  let earned = ZERO;
  for (const sale of sales) {
    const amount = new Decimal(sale.amountBase);
    const adjustments: Adjustment[] = [];
    const base = cents(amount.times(rate).dividedBy(HUNDRED));
    let commission = base;
    if (acceleratorFrom && plan.accelerator) {
      const above = Decimal.max(ZERO, Decimal.min(amount, cumulative.plus(amount).minus(acceleratorFrom)));
      const bonus = cents(above.times(rate).dividedBy(HUNDRED).times(new Decimal(plan.accelerator.multiplier).minus(1)));
      if (bonus.greaterThan(0)) {
        adjustments.push({ kind: 'accelerator', amount: bonus.toFixed(2), detail: `x${plan.accelerator.multiplier} on ${above.toFixed(2)} above ${plan.accelerator.abovePct}% of target` });
        commission = commission.plus(bonus);
      }
    }
    cumulative = cumulative.plus(amount);
    const reductionPct = discountReductionPct(plan, new Decimal(sale.discountPct));
    if (reductionPct.greaterThan(0)) {
      const cut = cents(commission.times(reductionPct).dividedBy(HUNDRED));
      adjustments.push({ kind: 'discount', amount: cut.negated().toFixed(2), detail: `discount ${new Decimal(sale.discountPct).toFixed(2)}% above the ${plan.discount!.bandPct}% band: -${reductionPct.toFixed(2)}%` });
      commission = commission.minus(cut);
    }
    if (cap) {
      const room = Decimal.max(ZERO, cap.minus(earned));
      if (commission.greaterThan(room)) {
        adjustments.push({ kind: 'cap', amount: room.minus(commission).toFixed(2), detail: `cap ${cap.toFixed(2)} per statement` });
        commission = room;
      }
    }
    earned = earned.plus(commission);
    lines.push({
      kind: 'SALE', contractId: sale.contractId, amountBase: amount.toFixed(2), discountPct: new Decimal(sale.discountPct).toFixed(2), tier: tier.name,
      ratePct: rate.toFixed(4), baseCommission: base.toFixed(2), adjustments, commission: commission.toFixed(2), clawsBackStatementId: null,
    });
  }
  for (const clawback of clawbacks) {
    const back = new Decimal(clawback.paid).negated();
    lines.push({
      kind: 'CLAWBACK', contractId: clawback.contractId, amountBase: new Decimal(clawback.amountBase).toFixed(2), discountPct: new Decimal(clawback.discountPct).toFixed(2),
      tier: clawback.tier, ratePct: new Decimal(clawback.ratePct).toFixed(4), baseCommission: '0.00',
      adjustments: [{ kind: 'clawback', amount: back.toFixed(2), detail: `reversed after statement ${clawback.statementId} (${clawback.period}) paid it` }],
      commission: back.toFixed(2), clawsBackStatementId: clawback.statementId,
    });
  }
  return {
    sales: total.toFixed(2),
    target: targetAmount ? targetAmount.toFixed(2) : null,
    attainmentPct: attainment ? attainment.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : null,
    tier: tier.name,
    ratePct: rate.toFixed(4),
    lines,
    total: lines.reduce((sum, line) => sum.plus(line.commission), ZERO).toFixed(2),
  };
}

/** The plan version that governs a period: the latest whose effectiveFrom month starts on or before the period's first day. */
export function planFor<P extends { version: number; effectiveFromDay: string }>(plans: readonly P[], periodFirstDay: string): P | null {
  let chosen: P | null = null;
  for (const plan of plans) {
    if (plan.effectiveFromDay > periodFirstDay) continue;
    if (!chosen || plan.effectiveFromDay > chosen.effectiveFromDay || (plan.effectiveFromDay === chosen.effectiveFromDay && plan.version > chosen.version)) chosen = plan;
  }
  return chosen;
}

const CSV_COLUMNS = [
  'statement', 'employee', 'period', 'status', 'kind', 'contract', 'title', 'amountBase', 'discountPct', 'tier', 'ratePct', 'baseCommission', 'adjustments', 'commission', 'clawsBackStatement',
] as const;

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>;

/** A header row, then one row per line (RFC 4180, formula-safe cells: #libs/platform csv). */
export function toCsv(rows: CsvRow[]): string {
  return toCsvTable(CSV_COLUMNS, rows);
}

/** Adjustments in one CSV cell: "accelerator +12.50; cap -3.00". */
export function adjustmentsCell(adjustments: Adjustment[]): string {
  return adjustments.map((a) => `${a.kind} ${a.amount.startsWith('-') ? a.amount : `+${a.amount}`}`).join('; ');
}
