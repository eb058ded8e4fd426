import { compileExpression } from 'filtrex';
import { formulaKpis, KPI_KINDS, type KpiKind, type LinearScoring, type RatingBand, type TemplateDocument } from './templates.rules.js';

/**
 * The one scoring code of an appraisal sheet: the cycle's opening uses it for the automatic KPIs,
 * and the review steps use it again when a manual KPI (teamwork, the manager's rating) is filled
 * in. Pure: values in, sheet out.
 */

/** What a KPI measured: a value in its unit, or null when there was nothing to measure. */
export type KpiValues = Partial<Record<KpiKind, number | null>>;

export type KpiSheetStatus = 'SCORED' | 'NO_DATA' | 'PENDING';

export interface KpiLine {
  kind: KpiKind;
  weight: number;
  status: KpiSheetStatus;
  value: number | null;
  score: number | null;
  /** The share (0-1) of the overall score this KPI carries after renormalisation; null when left out. */
  effectiveWeight: number | null;
}

export interface SheetNote {
  kpi: KpiKind | null;
  message: string;
}

export interface Sheet {
  kpis: KpiLine[];
  /** The renormalised weighted score; null when no KPI has data. */
  weighted: number | null;
  /** The overall score (the formula's when there is one); null when no KPI has data. */
  score: number | null;
  band: string | null;
  notes: SheetNote[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** 0 at or below the floor, 100 at the target, linear between, and on above it up to the cap. */
export function linearScore(value: number, rule: LinearScoring): number {
  const score = ((value - rule.floor) / (rule.target - rule.floor)) * 100;
  return round2(Math.min(rule.cap, Math.max(0, score)));
}

/** The band the score falls in: the last whose min it reaches (the first starts at 0). */
export function bandOf(score: number, bands: RatingBand[]): string {
  let band = bands[0].name;
  for (const candidate of bands) if (score >= candidate.min) band = candidate.name;
  return band;
}

type Compiled = (data: Readonly<Record<string, unknown>>) => unknown;
const compiled = new Map<string, Compiled>();

function evaluate(formula: string, data: Record<string, number>): unknown {
  let run = compiled.get(formula);
  if (!run) {
    run = compileExpression(formula) as Compiled;
    compiled.set(formula, run);
  }
  return run(data);
}

/**
 * Scores every KPI with data by its rule, leaves out those without (an automatic KPI with no data
 * in the period: NO_DATA; a manual one not filled in yet: PENDING), renormalises the weights of
 * the rest to sum to 1, and says so in the notes. A formula that reads a KPI left out, or gives
 * no finite number, yields to the weighted score, also noted. Once the manager has reviewed
 * (`manualClosed`), no more input can come: a manual KPI still without one has no data.
 */
export function scoreSheet(template: TemplateDocument, values: KpiValues, manualClosed = false): Sheet {
  const notes: SheetNote[] = [];
  const scored = template.kpis.filter((kpi) => values[kpi.kind] !== undefined && values[kpi.kind] !== null);
  const scoredWeight = scored.reduce((sum, kpi) => sum + kpi.weight, 0);
  const lines: KpiLine[] = template.kpis.map((kpi) => {
    const value = values[kpi.kind];
    if (value === undefined || value === null) {
      return { kind: kpi.kind, weight: kpi.weight, status: KPI_KINDS[kpi.kind].manual && !manualClosed ? 'PENDING' : 'NO_DATA', value: null, score: null, effectiveWeight: null };
    }
    return { kind: kpi.kind, weight: kpi.weight, status: 'SCORED', value, score: linearScore(value, kpi.scoring), effectiveWeight: kpi.weight / scoredWeight };
  });
  const left = lines.filter((line) => line.status !== 'SCORED');
  if (left.length > 0 && scored.length > 0) {
    const shares = lines.filter((line) => line.status === 'SCORED').map((line) => `${line.kind} ${line.weight} -> ${round2(line.effectiveWeight! * 100)}`).join(', ');
    for (const line of left) {
      const why = line.status === 'NO_DATA' ? 'no data in the period' : 'not rated yet';
      notes.push({ kpi: line.kind, message: `${line.kind} (weight ${line.weight}): ${why}; left out and the other weights renormalised (${shares})` });
    }
  }
  if (scored.length === 0) {
    notes.push({ kpi: null, message: 'no KPI has data yet: no score' });
    return { kpis: lines, weighted: null, score: null, band: null, notes };
  }
  const weighted = round2(lines.reduce((sum, line) => sum + (line.score ?? 0) * (line.effectiveWeight ?? 0), 0));
  let score = weighted;
  if (template.formula !== undefined) {
    const missing = formulaKpis(template.formula).filter((kind) => !scored.some((kpi) => kpi.kind === kind));
    if (missing.length > 0) {
      notes.push({ kpi: null, message: `the formula reads ${missing.join(', ')}, which has no score: the overall score is the weighted score` });
    } else {
      const data: Record<string, number> = { weighted };
      for (const line of lines) if (line.score !== null) data[line.kind] = line.score;
      const result = evaluate(template.formula, data);
      if (typeof result === 'number' && Number.isFinite(result)) score = round2(Math.max(0, result));
      else notes.push({ kpi: null, message: 'the formula gave no number: the overall score is the weighted score' });
    }
  }
  return { kpis: lines, weighted, score, band: bandOf(score, template.bands), notes };
}
