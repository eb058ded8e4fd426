import type { FieldError } from '#libs/rpc';

/** Deeper than any body we accept (a training plan's rules are five levels); enough to refuse a stack-exhausting one. */
export const MAX_INPUT_DEPTH = 32;

/** Keys that reach prototypes when merged or copied naively; no request of ours names them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (String#isWellFormed is ES2024). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001f]|${LONE_SURROGATE.source}`, 'g');

/** A key shown in a field path: control characters and lone surrogates written as escapes, so the answer is readable JSON. */
function printable(key: string): string {
  return key.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function childPath(parent: string, key: string, inArray: boolean): string {
  if (inArray) return `${parent}[${key}]`;
  return parent ? `${parent}.${printable(key)}` : printable(key);
}

function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL byte';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (an unpaired surrogate was sent)';
  return null;
}

/**
 * The first thing in a parsed request part that no endpoint may receive: a NUL byte or an unpaired
 * surrogate in a string or a key (Postgres refuses the one, silently replaces the other), a key
 * that names a prototype, or nesting deeper than MAX_INPUT_DEPTH (recursive walkers further in,
 * class-transformer among them, exhaust the stack). Walks with its own stack, so depth costs no
 * recursion here. `root` names the part (empty for the body, so fields read as the DTOs name them).
 */
export function findHostileInput(value: unknown, root = ''): FieldError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) return { field: path || '(body)', message: problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: path || '(body)', message: `nested deeper than ${MAX_INPUT_DEPTH} levels` };
    const inArray = Array.isArray(current);
    for (const key of Object.keys(current)) {
      const field = childPath(path, key, inArray);
      if (!inArray) {
        if (PROTOTYPE_KEYS.has(key)) return { field, message: `"${key}" is not an accepted field name` };
        const keyProblem = stringProblem(key);
        if (keyProblem) return { field, message: `the field name ${keyProblem}` };
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}
