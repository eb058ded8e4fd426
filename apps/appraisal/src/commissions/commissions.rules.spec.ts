import { validateCommissionPlan, type CommissionPlanDocument } from '../commission-plans/commission-plan.js';
import { computeStatement, planFor, tierFor, toCsv, type CsvRow } from './commissions.rules.js';
import { Prisma } from '#generated/prisma';

const plan: CommissionPlanDocument = {
  effectiveFrom: '2026-12',
  tiers: [{ name: 'base', fromPct: 0, ratePct: 2 }, { name: 'target', fromPct: 80, ratePct: 3 }, { name: 'top', fromPct: 100, ratePct: 4 }],
  accelerator: { abovePct: 100, multiplier: 1.5 },
  cap: null,
  discount: { bandPct: 10, reductionPerPointPct: 10 },
  disputes: { managerSla: 'P2D', financeSla: 'P2D' },
};
const sale = (contractId: string, amountBase: string, discountPct = '5') => ({ contractId, amountBase, discountPct });

describe('commission rules', () => {
  it('picks the tier the attainment reaches, and the base tier without a target', () => {
    expect(tierFor(plan, new Prisma.Decimal('79.99')).name).toBe('base');
    expect(tierFor(plan, new Prisma.Decimal(80)).name).toBe('target');
    expect(tierFor(plan, new Prisma.Decimal(150)).name).toBe('top');
    expect(tierFor(plan, null).name).toBe('base');
    const statement = computeStatement(plan, [sale('a', '50000')], [], null);
    expect([statement.tier, statement.attainmentPct, statement.total]).toEqual(['base', null, '1000.00']);
  });

  it('pays every sale at the period tier\'s rate, in decimals without float error', () => {
    const statement = computeStatement(plan, [sale('a', '0.10'), sale('b', '0.20'), sale('c', '89999.70')], [], '100000');
    expect(statement.attainmentPct).toBe('90.00');
    expect(statement.lines.map((l) => [l.tier, l.ratePct, l.commission])).toEqual([['target', '3.0000', '0.00'], ['target', '3.0000', '0.01'], ['target', '3.0000', '2699.99']]);
    expect(statement.total).toBe('2700.00');
  });

  it('accelerates only the part of the sales above 100 % of target, in approval order', () => {
    const statement = computeStatement(plan, [sale('a', '80000'), sale('b', '40000'), sale('c', '10000')], [], '100000');
    expect(statement.tier).toBe('top');
    // a: 80000 x 4 % = 3200; b crosses at 100000: 20000 above, bonus 20000 x 4 % x 0.5 = 400; c wholly above: 200.
    expect(statement.lines.map((l) => [l.baseCommission, l.adjustments.map((a) => [a.kind, a.amount]), l.commission])).toEqual([
      ['3200.00', [], '3200.00'],
      ['1600.00', [['accelerator', '400.00']], '2000.00'],
      ['400.00', [['accelerator', '200.00']], '600.00'],
    ]);
    expect(statement.total).toBe('5800.00');
  });

  it('reduces the commission of a contract whose discount exceeds the band, per point, at most to zero', () => {
    const statement = computeStatement(plan, [sale('a', '10000', '12.5'), sale('b', '10000', '30')], [], null);
    // 200 base; 2.5 points above 10 % x 10 % = 25 % off: -50. 20 points: 100 % off.
    expect(statement.lines.map((l) => [l.adjustments[0].kind, l.adjustments[0].amount, l.commission])).toEqual([['discount', '-50.00', '150.00'], ['discount', '-200.00', '0.00']]);
  });

  it('caps the sale lines: the line that crosses it and every later one show the cut', () => {
    const capped = { ...plan, cap: '500.00', accelerator: null };
    const statement = computeStatement(capped, [sale('a', '20000'), sale('b', '10000'), sale('c', '5000')], [], null);
    expect(statement.lines.map((l) => [l.commission, l.adjustments.map((a) => `${a.kind} ${a.amount}`)])).toEqual([['400.00', []], ['100.00', ['cap -100.00']], ['0.00', ['cap -100.00']]]);
    expect(statement.total).toBe('500.00');
  });

  it('claws back what an approved statement paid, whole and outside the cap, referencing it', () => {
    const capped = { ...plan, cap: '100.00' };
    const statement = computeStatement(capped, [sale('a', '10000')], [{ contractId: 'x', amountBase: '50000', discountPct: '5', tier: 'top', ratePct: '4', paid: '2350.00', statementId: 's-1', period: '2026-12' }], null);
    const back = statement.lines[1];
    expect([back.kind, back.commission, back.clawsBackStatementId, back.adjustments[0].kind]).toEqual(['CLAWBACK', '-2350.00', 's-1', 'clawback']);
    expect(statement.total).toBe('-2250.00');
  });

  it('gives the same figures for the same facts', () => {
    const facts = [sale('a', '33333.33', '11'), sale('b', '77777.77')];
    expect(computeStatement(plan, facts, [], '99999.99')).toEqual(computeStatement(plan, facts, [], '99999.99'));
  });

  it('takes the latest version effective on or before the period', () => {
    const versions = [{ version: 1, effectiveFromDay: '2026-01-01' }, { version: 2, effectiveFromDay: '2026-12-01' }, { version: 3, effectiveFromDay: '2026-12-01' }];
    expect(planFor(versions, '2026-11-01')?.version).toBe(1);
    expect(planFor(versions, '2026-12-01')?.version).toBe(3);
    expect(planFor(versions, '2025-12-01')).toBeNull();
  });

  it('rejects a plan whose tiers do not start at 0 or do not ascend, naming the field', () => {
    const bad = validateCommissionPlan({ ...plan, tiers: [{ name: 'a', fromPct: 10, ratePct: 2 }] });
    expect(bad).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'tiers' })] });
    expect(validateCommissionPlan({ ...plan, effectiveFrom: '2026-13' }).ok).toBe(false);
    expect(validateCommissionPlan(plan).ok).toBe(true);
  });

  it('writes CSV with a header and quotes a field with a comma or a quote', () => {
    const row = { statement: 's', employee: 'a@x', period: '2026-12', status: 'OPEN', kind: 'SALE', contract: 'c', title: 'Deal "big", phase 1', amountBase: '1.00', discountPct: '0.00', tier: 'base', ratePct: '2.0000', baseCommission: '0.02', adjustments: '', commission: '0.02', clawsBackStatement: '' } satisfies CsvRow;
    const [header, line] = toCsv([row]).split('\r\n');
    expect(header.split(',')).toHaveLength(15);
    expect(line).toContain(',"Deal ""big"", phase 1",');
  });
});
