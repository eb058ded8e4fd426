import { findFiltrexProblems, inspectFiltrexExpression } from '#libs/expressions';
import type { FieldError } from '#libs/rpc';

/**
 * The KPIs a template may weigh (issue 11 item 3). Automatic ones are computed from the other
 * services' records when a cycle opens (apps/appraisal/src/facts); manual ones are filled in by
 * the review steps (peer ratings, the manager's rating) and scored by the same rules.
 */
export const KPI_KINDS = {
  salesAttainment: { manual: false, unit: 'percent of the sales target (approved contracts in BASE_CURRENCY)' },
  customerSatisfaction: { manual: false, unit: 'average survey score (1-5) of the person\u2019s customers, answered in the period' },
  followUpTimeliness: { manual: false, unit: 'percent of revisits due in the period done on or before their due date' },
  complaintsResolvedOnTime: { manual: false, unit: 'percent of complaints due in the period resolved before their deadline' },
  teamwork: { manual: true, unit: 'average peer rating (1-5)' },
  mandatoryTrainingOnTime: { manual: false, unit: 'percent of mandatory training due in the period completed on or before its due date' },
  managerRating: { manual: true, unit: 'the manager\u2019s rating (1-5)' },
} as const;
export type KpiKind = keyof typeof KPI_KINDS;
export const KPI_NAMES = Object.keys(KPI_KINDS) as KpiKind[];

/** Course categories a weak KPI may name (libs/contracts COURSE_CATEGORIES; the training catalogue's). */
export const COURSE_CATEGORY_NAMES = ['product_knowledge', 'sales_skills', 'customer_relationship', 'compliance', 'management'] as const;

/** Linear between a floor (score 0) and the target (score 100), capped at `cap` (default 100). */
export interface LinearScoring {
  kind: 'linear';
  floor: number;
  target: number;
  cap: number;
}

export interface TemplateKpi {
  kind: KpiKind;
  weight: number;
  scoring: LinearScoring;
  /** Below this score the person is offered a course of `courseCategory` at sign-off (item 5). */
  threshold?: number;
  courseCategory?: (typeof COURSE_CATEGORY_NAMES)[number];
}

/** A rating band from `min` (inclusive) to the next band's min; the first starts at 0. */
export interface RatingBand {
  name: string;
  min: number;
}

export interface TemplateDocument {
  kpis: TemplateKpi[];
  bands: RatingBand[];
  /**
   * Optional overall score (filtrex) over `weighted` (the renormalised weighted score) and each
   * KPI's score by its kind; absent: the weighted score.
   */
  formula?: string;
  /** Optional promotion policy (item 7); the band is the top band unless the document names one. */
  promotion?: PromotionPolicy;
}

/** `streak` signed-off appraisals in a row (by cycle period) rated `band` nominate the person to HR. */
export interface PromotionPolicy {
  band: string;
  streak: number;
}

export const MAX_PROMOTION_STREAK = 12;

export type TemplateValidation = { ok: true; template: TemplateDocument } | { ok: false; errors: FieldError[] };

const MAX_CAP = 200;
const FORMULA_FUNCTIONS = ['abs', 'ceil', 'floor', 'max', 'min', 'round', 'sqrt'];
export const FORMULA_FIELDS: readonly string[] = ['weighted', ...KPI_NAMES];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function isTemplateName(name: string): boolean {
  return /^[A-Za-z0-9._-]{1,60}$/.test(name);
}

/**
 * Checks a template document before anything is written and returns a normalised copy (known
 * keys only, cap defaulted) or every problem with its path (`kpis[2].scoring.floor`).
 */
export function validateTemplate(input: unknown): TemplateValidation {
  if (!isObject(input)) return { ok: false, errors: [{ field: '(root)', message: 'must be a JSON object {kpis, bands, formula?}' }] };
  const errors: FieldError[] = [];
  unknownKeys(input, ['kpis', 'bands', 'formula', 'promotion'], '', errors);
  const kpis: TemplateKpi[] = [];
  if (!Array.isArray(input.kpis) || input.kpis.length === 0) errors.push({ field: 'kpis', message: 'must be a non-empty array of KPIs' });
  else {
    const seen = new Set<string>();
    input.kpis.forEach((kpi: unknown, i) => {
      const valid = validateKpi(kpi, `kpis[${i}]`, errors);
      if (!valid) return;
      if (seen.has(valid.kind)) errors.push({ field: `kpis[${i}].kind`, message: `${valid.kind} appears more than once` });
      seen.add(valid.kind);
      kpis.push(valid);
    });
    if (kpis.length === input.kpis.length) {
      const total = kpis.reduce((sum, kpi) => sum + kpi.weight, 0);
      if (total !== 100) errors.push({ field: 'kpis', message: `the weights must sum to 100 (they sum to ${total})` });
    }
  }
  const bands = validateBands(input.bands, errors);
  let formula: string | undefined;
  if (input.formula !== undefined) {
    const problems = findFormulaProblems(input.formula);
    for (const message of problems) errors.push({ field: 'formula', message });
    if (problems.length === 0) formula = input.formula as string;
  }
  const promotion = input.promotion === undefined ? undefined : validatePromotion(input.promotion, bands, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, template: { kpis, bands: bands!, ...(formula !== undefined ? { formula } : {}), ...(promotion ? { promotion } : {}) } };
}

function validateKpi(input: unknown, path: string, errors: FieldError[]): TemplateKpi | null {
  if (!isObject(input)) {
    errors.push({ field: path, message: 'must be an object {kind, weight, scoring, threshold?, courseCategory?}' });
    return null;
  }
  const before = errors.length;
  unknownKeys(input, ['kind', 'weight', 'scoring', 'threshold', 'courseCategory'], path, errors);
  if (typeof input.kind !== 'string' || !(input.kind in KPI_KINDS)) errors.push({ field: `${path}.kind`, message: `must be one of ${KPI_NAMES.join(', ')}` });
  if (!Number.isInteger(input.weight) || (input.weight as number) < 1 || (input.weight as number) > 100) {
    errors.push({ field: `${path}.weight`, message: 'must be a whole number from 1 to 100' });
  }
  const scoring = validateScoring(input.scoring, `${path}.scoring`, errors);
  if (input.threshold !== undefined && (!isNumber(input.threshold) || input.threshold < 0 || input.threshold > 100)) {
    errors.push({ field: `${path}.threshold`, message: 'must be a score from 0 to 100' });
  }
  if (input.courseCategory !== undefined && !COURSE_CATEGORY_NAMES.includes(input.courseCategory as never)) {
    errors.push({ field: `${path}.courseCategory`, message: `must be one of ${COURSE_CATEGORY_NAMES.join(', ')}` });
  }
  if ((input.threshold === undefined) !== (input.courseCategory === undefined)) {
    errors.push({ field: `${path}.courseCategory`, message: 'a threshold and a course category go together: give both or neither' });
  }
  if (errors.length > before || !scoring) return null;
  return {
    kind: input.kind as KpiKind, weight: input.weight as number, scoring,
    ...(input.threshold !== undefined ? { threshold: input.threshold as number, courseCategory: input.courseCategory as TemplateKpi['courseCategory'] } : {}),
  };
}

function validateScoring(input: unknown, path: string, errors: FieldError[]): LinearScoring | null {
  if (!isObject(input) || input.kind !== 'linear') {
    errors.push({ field: path, message: 'must be {kind: "linear", floor, target, cap?}' });
    return null;
  }
  const before = errors.length;
  unknownKeys(input, ['kind', 'floor', 'target', 'cap'], path, errors);
  if (!isNumber(input.floor)) errors.push({ field: `${path}.floor`, message: 'must be a number' });
  if (!isNumber(input.target)) errors.push({ field: `${path}.target`, message: 'must be a number' });
  else if (isNumber(input.floor) && input.floor >= input.target) errors.push({ field: `${path}.floor`, message: `must be below the target (${input.target})` });
  const cap = input.cap ?? 100;
  if (!isNumber(cap) || cap < 100 || cap > MAX_CAP) errors.push({ field: `${path}.cap`, message: `must be a score from 100 to ${MAX_CAP}` });
  if (errors.length > before) return null;
  return { kind: 'linear', floor: input.floor as number, target: input.target as number, cap: cap as number };
}

function validateBands(input: unknown, errors: FieldError[]): RatingBand[] | null {
  const shape = 'must be a non-empty array of {name, min}, ordered by min, the first at 0, every min below 100';
  if (!Array.isArray(input) || input.length === 0) {
    errors.push({ field: 'bands', message: shape });
    return null;
  }
  const before = errors.length;
  const names = new Set<string>();
  input.forEach((band: unknown, i) => {
    const path = `bands[${i}]`;
    if (!isObject(band)) {
      errors.push({ field: path, message: 'must be an object {name, min}' });
      return;
    }
    unknownKeys(band, ['name', 'min'], path, errors);
    if (typeof band.name !== 'string' || band.name.trim() === '' || band.name.length > 40) errors.push({ field: `${path}.name`, message: 'must be a name of 1 to 40 characters' });
    else if (names.has(band.name)) errors.push({ field: `${path}.name`, message: `${band.name} appears more than once` });
    else names.add(band.name);
    if (!isNumber(band.min) || band.min < 0 || band.min >= 100) errors.push({ field: `${path}.min`, message: 'must be a score from 0 to below 100' });
    else if (i === 0 && band.min !== 0) errors.push({ field: `${path}.min`, message: 'the first band must start at 0 so that the bands cover 0-100' });
    else if (i > 0 && isObject(input[i - 1]) && isNumber((input[i - 1] as Json).min) && band.min <= ((input[i - 1] as Json).min as number)) {
      errors.push({ field: `${path}.min`, message: 'must be above the previous band\u2019s min (bands are ordered from the lowest)' });
    }
  });
  if (errors.length > before) return null;
  return (input as Json[]).map((band) => ({ name: band.name as string, min: band.min as number }));
}

function validatePromotion(input: unknown, bands: RatingBand[] | null, errors: FieldError[]): PromotionPolicy | undefined {
  if (!isObject(input)) {
    errors.push({ field: 'promotion', message: 'must be an object {streak, band?}' });
    return undefined;
  }
  const before = errors.length;
  unknownKeys(input, ['streak', 'band'], 'promotion', errors);
  if (!Number.isInteger(input.streak) || (input.streak as number) < 1 || (input.streak as number) > MAX_PROMOTION_STREAK) {
    errors.push({ field: 'promotion.streak', message: `must be a whole number of appraisals from 1 to ${MAX_PROMOTION_STREAK}` });
  }
  if (input.band !== undefined && (typeof input.band !== 'string' || (bands !== null && !bands.some((band) => band.name === input.band)))) {
    errors.push({ field: 'promotion.band', message: `must name one of the template’s bands${bands ? ` (${bands.map((band) => band.name).join(', ')})` : ''}` });
  }
  if (errors.length > before || !bands) return undefined;
  return { band: (input.band as string | undefined) ?? bands[bands.length - 1].name, streak: input.streak as number };
}

/** Everything wrong with an overall formula; [] when it is usable. */
export function findFormulaProblems(expression: unknown): string[] {
  return findFiltrexProblems(expression, { fields: FORMULA_FIELDS, functions: FORMULA_FUNCTIONS, fieldsAre: 'KPI scores' });
}

/** The KPI kinds a formula reads. */
export function formulaKpis(expression: string): KpiKind[] {
  const found = inspectFiltrexExpression(expression);
  return found.ok ? [...new Set(found.identifiers.map((s) => s.name).filter((n): n is KpiKind => n in KPI_KINDS))] : [];
}

function unknownKeys(input: Json, known: string[], path: string, errors: FieldError[]): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) errors.push({ field: path ? `${path}.${key}` : key, message: `is not a known key (known keys: ${known.join(', ')})` });
  }
}
