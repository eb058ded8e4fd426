import type { ContractFacts } from './policy.types.js';
import { inspectFiltrexExpression } from '#libs/expressions';

export const WHEN_FIELDS = [
  'amount',
  'discountPct',
  'paymentTermDays',
  'currency',
  'productLine',
  'region',
] as const satisfies readonly (keyof ContractFacts)[];

// filtrex's built-in functions; no extraFunctions are registered.
export const WHEN_FUNCTIONS = [
  'abs',
  'ceil',
  'floor',
  'log',
  'log2',
  'log10',
  'max',
  'min',
  'round',
  'sqrt',
  'exists',
  'empty',
] as const;

const fieldSet: ReadonlySet<string> = new Set(WHEN_FIELDS);
const functionSet: ReadonlySet<string> = new Set(WHEN_FUNCTIONS);

/** Everything wrong with a `when` expression, read from its parse tree; [] when it is usable. */
export function findWhenProblems(expression: unknown): string[] {
  if (typeof expression !== 'string') return ['must be a string (a filtrex expression)'];
  if (expression.trim() === '') return ['must not be empty'];

  const inspection = inspectFiltrexExpression(expression);
  if (!inspection.ok) return [`does not parse: ${inspection.parseError}`];

  const problems: string[] = [];
  const unknownFields = unique(inspection.identifiers.map((s) => s.name).filter((n) => !fieldSet.has(n)));
  for (const name of unknownFields) {
    problems.push(`names unknown field "${name}" (known fields: ${WHEN_FIELDS.join(', ')})`);
  }
  for (const name of unique(inspection.functions.filter((n) => !functionSet.has(n)))) {
    problems.push(`calls unknown function "${name}()" (known functions: ${WHEN_FUNCTIONS.join(', ')})`);
  }
  // Contract fields are scalars, so `x of y` can only fail at run time.
  for (const name of unique(inspection.propertyAccesses)) {
    problems.push(`uses property access "${name} of ..." which contract fields do not support`);
  }
  if (inspection.usesDeprecatedSyntax) {
    problems.push('uses deprecated filtrex syntax ("%" or "? :"); write "mod" or "if ... then ... else ..."');
  }
  return problems;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
