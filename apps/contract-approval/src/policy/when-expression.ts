import type { ContractFacts } from './policy.types.js';
import { findFiltrexProblems } from '#libs/expressions';

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

/** Everything wrong with a `when` expression, read from its parse tree; [] when it is usable. */
export function findWhenProblems(expression: unknown): string[] {
  return findFiltrexProblems(expression, { fields: WHEN_FIELDS, functions: WHEN_FUNCTIONS, fieldsAre: 'contract fields' });
}
