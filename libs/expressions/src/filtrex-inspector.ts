import { Parser } from 'filtrex/dist/esnext/parser.mjs';

export interface FiltrexSymbol {
  name: string;
  type: 'unescaped' | 'single-quoted';
}

export interface FiltrexInspection {
  /** Data fields read by the expression (`prop(symbol, data)` nodes). */
  identifiers: FiltrexSymbol[];
  /** Functions called by the expression (`call(symbol, ...)` nodes). */
  functions: string[];
  /** Property names read with `x of y` (`prop(symbol, <expression>)` nodes). */
  propertyAccesses: string[];
  usesDeprecatedSyntax: boolean;
}

export type FiltrexInspectionResult =
  | ({ ok: true } & FiltrexInspection)
  | { ok: false; parseError: string };

// Same unescaping as filtrex's own yy.buildString, so quoted symbol names come out as filtrex sees them.
function buildString(quote: string, literal: string): string {
  return literal.slice(1, -1).replace(/\\([\\'"])/g, '$1');
}

const parser = new Parser();
// Keep relation chains as the raw [operand, operator, operand, ...] list: we only walk it.
parser.yy = { buildString, reduceRelation: (parts) => parts };

function parseSymbolToken(token: unknown): FiltrexSymbol | null {
  if (typeof token !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(token);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { name, type } = parsed as Record<string, unknown>;
    if (typeof name !== 'string' || (type !== 'unescaped' && type !== 'single-quoted')) return null;
    return { name, type };
  } catch {
    return null;
  }
}

/*
 * filtrex compiles while parsing: each grammar rule's semantic value is an array of fixed code
 * fragments interleaved with its children. The fragments are constants of filtrex's grammar and
 * user text only ever appears JSON-encoded inside a token, so a node whose first fragment is
 * 'prop(' or 'call(' is exactly a Symbol / Symbol-of / function-call production, and string
 * literals (JSON strings) can never be mistaken for one.
 */
function walk(node: unknown, found: FiltrexInspection): void {
  if (typeof node === 'string') {
    if (node.startsWith('std.warnDeprecated(')) found.usesDeprecatedSyntax = true;
    return;
  }
  if (!Array.isArray(node)) return;
  const [head, token, next] = node as unknown[];
  const symbol = head === 'prop(' || head === 'call(' ? parseSymbolToken(token) : null;
  if (symbol && head === 'call(') found.functions.push(symbol.name);
  else if (symbol && next === ', data)') found.identifiers.push(symbol);
  else if (symbol) found.propertyAccesses.push(symbol.name);
  const children = symbol ? (node as unknown[]).slice(2) : (node as unknown[]);
  for (const child of children) walk(child, found);
}

/** Parses a filtrex expression without compiling or running it and lists what it refers to. */
export function inspectFiltrexExpression(expression: string): FiltrexInspectionResult {
  let tree: unknown;
  try {
    tree = parser.parse(expression);
  } catch (error) {
    // Duck-typed: under jest's VM modules the Error may come from another realm.
    const message = (error as { message?: unknown } | null)?.message;
    return { ok: false, parseError: typeof message === 'string' ? message : String(error) };
  }
  const found: FiltrexInspection = {
    identifiers: [],
    functions: [],
    propertyAccesses: [],
    usesDeprecatedSyntax: false,
  };
  walk(tree, found);
  return { ok: true, ...found };
}
