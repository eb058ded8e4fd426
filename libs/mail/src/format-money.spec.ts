import { formatMoney } from './format-money.js';

describe('formatMoney', () => {
  test.each([
    ['1234567.5', 'USD', '1,234,567.50 USD'],
    ['0', 'CNY', '0.00 CNY'],
    ['999', 'CNY', '999.00 CNY'],
    ['1000', 'cny', '1,000.00 CNY'],
    ['999.995', 'CNY', '1,000.00 CNY'],
    ['1.004', 'EUR', '1.00 EUR'],
    ['-1234.5', 'CNY', '-1,234.50 CNY'],
    ['-0.001', 'CNY', '0.00 CNY'],
    ['1234567', 'JPY', '1,234,567 JPY'],
    ['1234.5', 'JPY', '1,235 JPY'],
    ['1234.5678', 'KWD', '1,234.568 KWD'],
    ['12345678901234567890.12', 'CNY', '12,345,678,901,234,567,890.12 CNY'],
    ['1000', 'XYZ', '1,000.00 XYZ'],
  ])('%s %s -> %s', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  test('shows an unparseable amount as given rather than inventing a number', () => {
    expect(formatMoney('1e6', 'CNY')).toBe('1e6 CNY');
  });
});
