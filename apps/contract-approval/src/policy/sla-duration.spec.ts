import { findSlaProblem } from './sla-duration.js';

describe('findSlaProblem', () => {
  it.each(['PT8H', 'P2D', 'PT30M', 'PT45S', 'P1DT2H30M', 'PT0.5H'])('accepts %s', (sla) => {
    expect(findSlaProblem(sla)).toBeNull();
  });

  it.each(['', 'P', 'PT', 'P1DT', '8H', 'pt8h', 'P1W', 'P1M', 'P1Y', 'PT8H ', '-PT8H', 'PT0S', 'P0D'])('refuses %j', (sla) => {
    expect(findSlaProblem(sla)).not.toBeNull();
  });

  it('refuses a non-string', () => {
    expect(findSlaProblem(8)).toMatch(/ISO-8601/);
  });
});

describe('findSlaProblem bounds', () => {
  it('refuses an SLA outside PT1S..P90D, naming the bound', () => {
    expect(findSlaProblem('P99999999D')).toContain('longer than P90D');
    expect(findSlaProblem('PT0.5S')).toContain('shorter than PT1S');
    expect(findSlaProblem('P90D')).toBeNull();
  });
});
