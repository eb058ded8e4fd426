import { compileExpression } from 'filtrex';
import { findFiltrexProblems } from '#libs/expressions';

/**
 * A plan rule's `when`: a filtrex expression over the person's facts. It is read (parsed, never
 * run) when the plan is published, as contract-approval's policy validator reads its conditions,
 * so an unknown field or function is a 400 naming the rule, not a rule that silently never holds.
 */
export const PERSON_FACTS = ['role', 'team', 'region'] as const;
export type PersonFacts = Record<(typeof PERSON_FACTS)[number], string | null>;

const FUNCTIONS = ['abs', 'ceil', 'floor', 'log', 'log2', 'log10', 'max', 'min', 'round', 'sqrt', 'exists', 'empty'];

/** Everything wrong with a `when`; [] when it is usable. */
export function findAudienceWhenProblems(expression: unknown): string[] {
  return findFiltrexProblems(expression, { fields: PERSON_FACTS, functions: FUNCTIONS, fieldsAre: "a person's facts" });
}

type Compiled = (data: Readonly<Record<string, unknown>>) => unknown;
const compiled = new Map<string, Compiled>();

/** A validated `when` over one person; a run-time error (not a boolean) does not match. */
export function audienceWhenHolds(expression: string, facts: PersonFacts): boolean {
  let condition = compiled.get(expression);
  if (!condition) {
    condition = compileExpression(expression);
    compiled.set(expression, condition);
  }
  return condition(facts) === true;
}
