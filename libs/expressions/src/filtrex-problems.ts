import { inspectFiltrexExpression } from './filtrex-inspector.js';

export interface FiltrexVocabulary {
  /** The data fields the expression may read. */
  fields: readonly string[];
  /** The functions it may call. */
  functions: readonly string[];
  /** What the fields are, for the property-access message ("contract fields", "a person's facts"). */
  fieldsAre: string;
}

/**
 * Everything wrong with a filtrex expression stored as policy data, read from its parse tree
 * (never run): not a string, empty, does not parse, an unknown field or function, `x of y`,
 * deprecated syntax. [] when it is usable.
 */
export function findFiltrexProblems(expression: unknown, vocabulary: FiltrexVocabulary): string[] {
  if (typeof expression !== 'string') return ['must be a string (a filtrex expression)'];
  if (expression.trim() === '') return ['must not be empty'];
  const found = inspectFiltrexExpression(expression);
  if (!found.ok) return [`does not parse: ${found.parseError}`];
  const problems: string[] = [];
  for (const name of new Set(found.identifiers.map((symbol) => symbol.name).filter((n) => !vocabulary.fields.includes(n)))) {
    problems.push(`names unknown field "${name}" (known fields: ${vocabulary.fields.join(', ')})`);
  }
  for (const name of new Set(found.functions.filter((n) => !vocabulary.functions.includes(n)))) {
    problems.push(`calls unknown function "${name}()" (known functions: ${vocabulary.functions.join(', ')})`);
  }
  // Fields are scalars, so `x of y` could only fail at run time.
  for (const name of new Set(found.propertyAccesses)) problems.push(`uses property access "${name} of ..." which ${vocabulary.fieldsAre} do not support`);
  if (found.usesDeprecatedSyntax) problems.push('uses deprecated filtrex syntax ("%" or "? :"); write "mod" or "if ... then ... else ..."');
  return problems;
}
