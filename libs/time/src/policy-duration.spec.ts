import { MAX_POLICY_DURATION, MIN_POLICY_DURATION, policyDurationBoundProblem, workingDurationProblem } from './policy-duration.js';

describe('policyDurationBoundProblem (the one bound of every policy duration)', () => {
  it.each(['PT1S', 'PT8H', 'P2D', 'P90D', 'PT2160H', 'P89DT23H59M59S', 'P1DT0.5H'])('accepts %s, within PT1S..P90D', (text) => {
    expect(policyDurationBoundProblem(text)).toBeNull();
  });

  it.each(['P91D', 'P90DT1S', 'PT2161H', 'P99999999D', 'P36500D', 'PT129601M'])('refuses %s as longer than P90D', (text) => {
    expect(policyDurationBoundProblem(text)).toContain(`longer than ${MAX_POLICY_DURATION}`);
  });

  it.each(['PT0S', 'P0D', 'PT0.5S', 'PT0.999S'])('refuses %s as shorter than PT1S', (text) => {
    expect(policyDurationBoundProblem(text)).toContain(`shorter than ${MIN_POLICY_DURATION}`);
  });

  it('refuses what is not a duration at all, so no caller can skip the bound by a bad form', () => {
    expect(policyDurationBoundProblem('soon')).toContain('not an ISO-8601 duration');
  });
});

describe('workingDurationProblem (bound, then the working-time form)', () => {
  it('accepts days, hours, minutes and seconds within the bound', () => {
    expect(workingDurationProblem('P3D')).toBeNull();
    expect(workingDurationProblem('PT2S')).toBeNull();
  });

  it('refuses out-of-bound values with the bound named, and forms working time cannot count', () => {
    expect(workingDurationProblem('P99999999D')).toContain('longer than P90D');
    expect(workingDurationProblem('PT0S')).toContain('shorter than PT1S');
    expect(workingDurationProblem('P1M')).toContain('years, months and weeks');
    expect(workingDurationProblem('P1.5D')).toContain('days must be whole');
  });
});
