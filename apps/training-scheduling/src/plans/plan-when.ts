import { compileExpression } from 'filtrex';
import { Parser } from 'filtrex/dist/esnext/parser.mjs';

/**
 * A plan rule's `when`: a filtrex expression over the person's facts. It is read (parsed, never
 * run) when the plan is published, as contract-approval's policy validator reads its conditions,
 * so an unknown field or function is a 400 naming the rule, not a rule that silently never holds.
 * (The reading mirrors apps/contract-approval/src/policy/filtrex-inspector.ts: an app may not
 * import another; moving both into a lib is a follow-up.)
 */
export const PERSON_FACTS = ['role', 'team', 'region'] as const;
export type PersonFacts = Record<(typeof PERSON_FACTS)[number], string | null>;

const FUNCTIONS: ReadonlySet<string> = new Set(['abs', 'ceil', 'floor', 'log', 'log2', 'log10', 'max', 'min', 'round', 'sqrt', 'exists', 'empty']);
const FACTS: ReadonlySet<string> = new Set(PERSON_FACTS);

interface Found {
  identifiers: string[];
  functions: string[];
  propertyAccesses: string[];
  deprecated: boolean;
}

const parser = new Parser();
parser.yy = { buildString: (_quote, literal) => literal.slice(1, -1).replace(/\\([\\'"])/g, '$1'), reduceRelation: (parts) => parts };

function symbolName(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(token);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, type } = parsed as Record<string, unknown>;
    return typeof name === 'string' && (type === 'unescaped' || type === 'single-quoted') ? name : null;
  } catch {
    return null;
  }
}

// filtrex's parse tree: arrays of fixed code fragments and JSON-encoded tokens (see the inspector in contract-approval).
function walk(node: unknown, found: Found): void {
  if (typeof node === 'string') {
    if (node.startsWith('std.warnDeprecated(')) found.deprecated = true;
    return;
  }
  if (!Array.isArray(node)) return;
  const [head, token, next] = node as unknown[];
  const name = head === 'prop(' || head === 'call(' ? symbolName(token) : null;
  if (name !== null && head === 'call(') found.functions.push(name);
  else if (name !== null && next === ', data)') found.identifiers.push(name);
  else if (name !== null) found.propertyAccesses.push(name);
  for (const child of name !== null ? (node as unknown[]).slice(2) : (node as unknown[])) walk(child, found);
}

/** Everything wrong with a `when`; [] when it is usable. */
export function findAudienceWhenProblems(expression: unknown): string[] {
  if (typeof expression !== 'string') return ['must be a string (a filtrex expression)'];
  if (expression.trim() === '') return ['must not be empty'];
  let tree: unknown;
  try {
    tree = parser.parse(expression);
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    return [`does not parse: ${typeof message === 'string' ? message : String(error)}`];
  }
  const found: Found = { identifiers: [], functions: [], propertyAccesses: [], deprecated: false };
  walk(tree, found);
  const problems: string[] = [];
  for (const name of new Set(found.identifiers.filter((n) => !FACTS.has(n)))) {
    problems.push(`names unknown field "${name}" (known fields: ${PERSON_FACTS.join(', ')})`);
  }
  for (const name of new Set(found.functions.filter((n) => !FUNCTIONS.has(n)))) {
    problems.push(`calls unknown function "${name}()" (known functions: ${[...FUNCTIONS].join(', ')})`);
  }
  for (const name of new Set(found.propertyAccesses)) problems.push(`uses property access "${name} of ..." which a person's facts do not support`);
  if (found.deprecated) problems.push('uses deprecated filtrex syntax ("%" or "? :"); write "mod" or "if ... then ... else ..."');
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
