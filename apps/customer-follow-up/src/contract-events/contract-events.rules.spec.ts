import { tierForAmount } from './contract-events.rules.js';

describe('tierForAmount', () => {
  const thresholds = { A: 1_000_000, B: 200_000 };

  it('reaches a tier at its threshold, not below', () => {
    expect(tierForAmount(1_000_000, thresholds)).toBe('A');
    expect(tierForAmount(999_999.99, thresholds)).toBe('B');
    expect(tierForAmount(200_000, thresholds)).toBe('B');
    expect(tierForAmount(199_999.99, thresholds)).toBe('C');
    expect(tierForAmount(0, thresholds)).toBe('C');
  });
});
