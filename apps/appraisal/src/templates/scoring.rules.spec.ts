import { bandOf, linearScore, scoreSheet } from './scoring.rules.js';
import type { TemplateDocument } from './templates.rules.js';

const template = (formula?: string): TemplateDocument => ({
  kpis: [
    { kind: 'salesAttainment', weight: 50, scoring: { kind: 'linear', floor: 50, target: 100, cap: 120 } },
    { kind: 'customerSatisfaction', weight: 30, scoring: { kind: 'linear', floor: 3, target: 5, cap: 100 } },
    { kind: 'teamwork', weight: 20, scoring: { kind: 'linear', floor: 1, target: 5, cap: 100 } },
  ],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 60 }, { name: 'exceeds', min: 90 }],
  ...(formula ? { formula } : {}),
});

/** The one scoring code of a sheet: at opening and again when a manual KPI is filled in. */
describe('scoring rules', () => {
  it('scores linearly from the floor (0) to the target (100), capped', () => {
    const rule = { kind: 'linear' as const, floor: 50, target: 100, cap: 120 };
    expect([linearScore(40, rule), linearScore(50, rule), linearScore(75, rule), linearScore(100, rule), linearScore(110, rule), linearScore(200, rule)])
      .toEqual([0, 0, 50, 100, 120, 120]);
  });

  it('puts a score in the last band whose min it reaches', () => {
    const bands = template().bands;
    expect([bandOf(0, bands), bandOf(59.99, bands), bandOf(60, bands), bandOf(150, bands)]).toEqual(['below', 'below', 'meets', 'exceeds']);
  });

  it('weighs every KPI when all have data', () => {
    const sheet = scoreSheet(template(), { salesAttainment: 90, customerSatisfaction: 4, teamwork: 5 });
    // 80 * 0.5 + 50 * 0.3 + 100 * 0.2
    expect(sheet).toMatchObject({ weighted: 75, score: 75, band: 'meets', notes: [] });
  });

  it('leaves out a KPI without data, renormalises the rest and says so', () => {
    const sheet = scoreSheet(template(), { salesAttainment: 90, customerSatisfaction: null, teamwork: 5 });
    expect(sheet.kpis.map((k) => [k.kind, k.status, k.effectiveWeight])).toEqual([
      ['salesAttainment', 'SCORED', 50 / 70], ['customerSatisfaction', 'NO_DATA', null], ['teamwork', 'SCORED', 20 / 70],
    ]);
    // (80 * 50 + 100 * 20) / 70
    expect(sheet.weighted).toBe(85.71);
    expect(sheet.notes).toEqual([{ kpi: 'customerSatisfaction', message: expect.stringContaining('no data in the period; left out and the other weights renormalised') }]);
  });

  it('marks a manual KPI not rated yet as pending and scores the sheet without it', () => {
    const sheet = scoreSheet(template(), { salesAttainment: 100, customerSatisfaction: 5 });
    expect(sheet.kpis.find((k) => k.kind === 'teamwork')).toMatchObject({ status: 'PENDING', score: null });
    expect(sheet.score).toBe(100);
    expect(sheet.notes[0].message).toContain('not rated yet');
  });

  it('once the manager has reviewed, a manual KPI still without input has no data', () => {
    const sheet = scoreSheet(template(), { salesAttainment: 100, customerSatisfaction: 5 }, true);
    expect(sheet.kpis.find((k) => k.kind === 'teamwork')).toMatchObject({ status: 'NO_DATA', score: null });
    expect(sheet.notes[0].message).toContain('no data in the period');
  });

  it('has no score when no KPI has data', () => {
    expect(scoreSheet(template(), {})).toMatchObject({ weighted: null, score: null, band: null });
  });

  it('applies the formula, and falls back to the weighted score when it reads a KPI left out', () => {
    expect(scoreSheet(template('min(100, weighted) - 5'), { salesAttainment: 120, customerSatisfaction: 5, teamwork: 5 })).toMatchObject({ weighted: 110, score: 95, band: 'exceeds' });
    const fallback = scoreSheet(template('teamwork'), { salesAttainment: 100, customerSatisfaction: 5, teamwork: null });
    expect(fallback.score).toBe(100);
    expect(fallback.notes.map((n) => n.message)).toContainEqual(expect.stringContaining('the formula reads teamwork'));
  });
});
