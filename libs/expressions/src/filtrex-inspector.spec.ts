import { compileExpression } from 'filtrex';
import { inspectFiltrexExpression } from './filtrex-inspector.js';

function inspect(expression: string) {
  const result = inspectFiltrexExpression(expression);
  if (!result.ok) throw new Error(`expected "${expression}" to parse: ${result.parseError}`);
  return result;
}

describe('inspectFiltrexExpression', () => {
  it('reads identifiers from a branch a trial run would never evaluate', () => {
    // Proof that evaluation alone misses `foo`: short-circuit `or` never reads it.
    expect(compileExpression('amount > 5 or foo > 1')({ amount: 10 })).toBe(true);
    expect(inspect('amount > 5 or foo > 1').identifiers.map((s) => s.name)).toEqual(['amount', 'foo']);
    expect(inspect('if amount > 5 then 1 else bar').identifiers.map((s) => s.name)).toEqual(['amount', 'bar']);
  });

  it('does not count string literals as identifiers', () => {
    const result = inspect('currency == "amount" or region == "foo bar" or productLine == "prop(x, data)"');
    expect(result.identifiers.map((s) => s.name)).toEqual(['currency', 'region', 'productLine']);
    expect(result.functions).toEqual([]);
  });

  it('separates function names from identifiers, including arguments', () => {
    const result = inspect('abs(discountPct) > 1 and max(amount, paymentTermDays) < 5 and nope()');
    expect(result.functions).toEqual(['abs', 'max', 'nope']);
    expect(result.identifiers.map((s) => s.name)).toEqual(['discountPct', 'amount', 'paymentTermDays']);
  });

  it('reads single-quoted symbols with their escapes, chained relations and lists', () => {
    expect(inspect("'am\\'ount' > 1").identifiers).toEqual([{ name: "am'ount", type: 'single-quoted' }]);
    expect(inspect('1 < amount < limit').identifiers.map((s) => s.name)).toEqual(['amount', 'limit']);
    expect(inspect('region in ("EU", other)').identifiers.map((s) => s.name)).toEqual(['region', 'other']);
    expect(inspect('not (x.y > 1)').identifiers.map((s) => s.name)).toEqual(['x.y']);
  });

  it('reports `of` property access apart from data fields', () => {
    const result = inspect('size of region > 1');
    expect(result.propertyAccesses).toEqual(['size']);
    expect(result.identifiers.map((s) => s.name)).toEqual(['region']);
  });

  it('flags deprecated syntax', () => {
    expect(inspect('amount % 2 == 0').usesDeprecatedSyntax).toBe(true);
    expect(inspect('amount mod 2 == 0').usesDeprecatedSyntax).toBe(false);
  });

  it('returns the parser error text for an expression that does not parse', () => {
    const result = inspectFiltrexExpression('amount >');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.parseError).toMatch(/Parse error on line 1/);
    expect(inspectFiltrexExpression('amount > "unterminated').ok).toBe(false);
  });
});
