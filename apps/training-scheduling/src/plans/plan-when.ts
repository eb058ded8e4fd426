import { compileExpression } from 'filtrex';
import { inspectFiltrexExpression } from '#libs/expressions';

/**
 * A plan rule's `when`: a filtrex expression over the person's facts. It is read (parsed, never
 * run) when the plan is published, as contract-approval's policy validator reads its conditions,
 * so an unknown field or function is a 400 naming the rule, not a rule that silently never holds.
 */
export const PERSON_FACTS = ['role', 'team', 'region'] as const;
export type PersonFacts = Record<(typeof PERSON_FACTS)[number], string | null>;

const FUNCTIONS: ReadonlySet<string> = new Set(['abs', 'ceil', 'floor', 'log', 'log2', 'log10', 'max', 'min', 'round', 'sqrt', 'exists', 'empty']);
const FACTS: ReadonlySet<string> = new Set(PERSON_FACTS);

/** Everything wrong with a `when`; [] when it is usable. */
export function findAudienceWhenProblems(expression: unknown): string[] {
  if (typeof expression !== 'string') return ['must be a string (a filtrex expression)'];
  if (expression.trim() === '') return ['must not be empty'];
  const found = inspectFiltrexExpression(expression);
  if (!found.ok) return [`does not parse: ${found.parseError}`];
  const problems: string[] = [];
  for (const name of new Set(found.identifiers.map((symbol) => symbol.name).filter((n) => !FACTS.has(n)))) {
    problems.push(`names unknown field "${name}" (known fields: ${PERSON_FACTS.join(', ')})`);
  }
  for (const name of new Set(found.functions.filter((n) => !FUNCTIONS.has(n)))) {
    problems.push(`calls unknown function "${name}()" (known functions: ${[...FUNCTIONS].join(', ')})`);
  }
  for (const name of new Set(found.propertyAccesses)) problems.push(`uses property access "${name} of ..." which a person's facts do not support`);
  if (found.usesDeprecatedSyntax) problems.push('uses deprecated filtrex syntax ("%" or "? :"); write "mod" or "if ... then ... else ..."');
  return problems;
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
