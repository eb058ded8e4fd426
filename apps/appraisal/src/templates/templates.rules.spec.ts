import { validateTemplate, type TemplateDocument } from './templates.rules.js';

const linear = (floor: number, target: number) => ({ kind: 'linear', floor, target });
const valid = () => ({
  kpis: [
    { kind: 'salesAttainment', weight: 40, scoring: linear(50, 100), threshold: 60, courseCategory: 'sales_skills' },
    { kind: 'customerSatisfaction', weight: 30, scoring: { ...linear(3, 4.5), cap: 120 } },
    { kind: 'managerRating', weight: 30, scoring: linear(1, 5) },
  ],
  bands: [{ name: 'below', min: 0 }, { name: 'meets', min: 60 }, { name: 'exceeds', min: 90 }],
  formula: 'min(100, weighted)',
});
const fields = (input: unknown) => {
  const result = validateTemplate(input);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

/** Template validation: what a PUT refuses with a 400 naming the field, before anything is written. */
describe('validateTemplate', () => {
  it('accepts a valid template and defaults the cap to 100', () => {
    const result = validateTemplate(valid());
    expect(result.ok).toBe(true);
    const template = (result as { template: TemplateDocument }).template;
    expect(template.kpis.map((k) => k.scoring.cap)).toEqual([100, 120, 100]);
    expect(template.kpis[0]).toMatchObject({ threshold: 60, courseCategory: 'sales_skills' });
  });

  it('refuses weights that do not sum to 100', () => {
    const input = valid();
    input.kpis[2].weight = 20;
    expect(validateTemplate(input)).toEqual({ ok: false, errors: [{ field: 'kpis', message: 'the weights must sum to 100 (they sum to 90)' }] });
  });

  it('refuses unknown and repeated KPI kinds', () => {
    const input = valid();
    input.kpis[1].kind = 'salesAttainment';
    input.kpis[2].kind = 'charisma';
    expect(fields(input)).toEqual(['kpis[1].kind', 'kpis[2].kind']);
  });

  it('refuses a floor at or above the target and a cap under 100', () => {
    const input = valid();
    input.kpis[0].scoring = linear(100, 100);
    input.kpis[1].scoring = { ...linear(3, 4.5), cap: 90 };
    expect(fields(input)).toEqual(['kpis[0].scoring.floor', 'kpis[1].scoring.cap']);
  });

  it('refuses bands out of order or not starting at 0', () => {
    expect(fields({ ...valid(), bands: [{ name: 'low', min: 10 }, { name: 'high', min: 50 }] })).toEqual(['bands[0].min']);
    expect(fields({ ...valid(), bands: [{ name: 'low', min: 0 }, { name: 'high', min: 50 }, { name: 'mid', min: 40 }] })).toEqual(['bands[2].min']);
    expect(fields({ ...valid(), bands: [] })).toEqual(['bands']);
  });

  it('refuses a formula that does not parse or names an unknown field or function', () => {
    expect(fields({ ...valid(), formula: 'weighted *' })).toEqual(['formula']);
    const result = validateTemplate({ ...valid(), formula: 'charm + launch(weighted)' });
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('unknown field "charm"'), expect.stringContaining('unknown function "launch()"'),
    ]);
  });

  it('wants a threshold and a course category together, the category one of the catalogue\u2019s', () => {
    const input = valid() as { kpis: Record<string, unknown>[] };
    delete input.kpis[0].courseCategory;
    input.kpis[1].threshold = 50;
    input.kpis[1].courseCategory = 'juggling';
    expect(fields(input)).toEqual(['kpis[0].courseCategory', 'kpis[1].courseCategory']);
  });

  it('takes an optional promotion policy, the band defaulting to the top one', () => {
    const named = validateTemplate({ ...valid(), promotion: { streak: 3, band: 'meets' } });
    expect(named.ok && named.template.promotion).toEqual({ streak: 3, band: 'meets' });
    const top = validateTemplate({ ...valid(), promotion: { streak: 2 } });
    expect(top.ok && top.template.promotion).toEqual({ streak: 2, band: 'exceeds' });
    expect(validateTemplate(valid()).ok && (validateTemplate(valid()) as { template: TemplateDocument }).template.promotion).toBeUndefined();
  });

  it('refuses a promotion streak that is not a whole number from 1 to 12, a band the template lacks and unknown keys', () => {
    expect(fields({ ...valid(), promotion: { streak: 0 } })).toEqual(['promotion.streak']);
    expect(fields({ ...valid(), promotion: { streak: 2.5 } })).toEqual(['promotion.streak']);
    expect(fields({ ...valid(), promotion: { streak: 13 } })).toEqual(['promotion.streak']);
    expect(fields({ ...valid(), promotion: { streak: 2, band: 'stellar' } })).toEqual(['promotion.band']);
    expect(fields({ ...valid(), promotion: { streak: 2, bonus: true } })).toEqual(['promotion.bonus']);
    expect(fields({ ...valid(), promotion: 'often' })).toEqual(['promotion']);
  });
});
