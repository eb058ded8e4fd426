import { findHostileInput, MAX_INPUT_DEPTH } from './hostile-input.js';

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('findHostileInput: what no endpoint may receive, found before anything else walks the input', () => {
  it('accepts ordinary input, paired surrogates (emoji) and nesting up to the limit', () => {
    expect(findHostileInput({ name: '客户 😀', tags: ['a', 'b'], n: 1, none: null, nested: nested(MAX_INPUT_DEPTH - 2) })).toBeNull();
    expect(findHostileInput(undefined)).toBeNull();
  });

  it('names the field holding a NUL byte, in objects and arrays', () => {
    expect(findHostileInput({ records: [{ place: 'ok' }, { place: 'Room\u00005' }] })).toEqual({ field: 'records[1].place', message: 'must not contain a NUL byte' });
  });

  it('names the field holding an unpaired high or low surrogate', () => {
    expect(findHostileInput({ title: 'a\ud800b' })?.field).toBe('title');
    expect(findHostileInput({ title: 'a\udc00' })?.field).toBe('title');
    expect(findHostileInput({ title: '\ud800' })?.message).toMatch(/unpaired surrogate/);
  });

  it('refuses a NUL byte or a lone surrogate in a key, shown escaped', () => {
    expect(findHostileInput({ 'x\u0000': 1 })).toEqual({ field: 'x\\u0000', message: 'the field name must not contain a NUL byte' });
    expect(findHostileInput({ 'y\ud800': 1 })?.field).toBe('y\\ud800');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key at any depth', (key) => {
    const body = JSON.parse(`{"a":{"b":[{"${key}":{"polluted":true}}]}}`) as unknown;
    expect(findHostileInput(body)).toEqual({ field: `a.b[0].${key}`, message: `"${key}" is not an accepted field name` });
  });

  it('refuses nesting past the limit without recursing (100,000 levels)', () => {
    const text = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const problem = findHostileInput(JSON.parse(text) as unknown);
    expect(problem?.field).toBe(`a${'.a'.repeat(MAX_INPUT_DEPTH - 1)}`);
    expect(problem?.message).toBe(`nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(findHostileInput(nested(MAX_INPUT_DEPTH + 1))).not.toBeNull();
  });

  it('names the part it was given as the root', () => {
    expect(findHostileInput('a\u0000', '(path)')).toEqual({ field: '(path)', message: 'must not contain a NUL byte' });
  });
});
