import { validateCycle } from './cycles.rules.js';

const now = new Date('2027-01-05T00:00:00Z');
const input = () => ({
  period: '2026-Q4', scope: { team: 'East' }, template: 'sales',
  deadlines: { self: '2027-01-15T18:00:00+08:00', peer: '2027-01-22T18:00:00+08:00', manager: '2027-01-29T18:00:00+08:00', calibration: '2027-02-05T18:00:00+08:00' },
});
const fields = (value: unknown) => {
  const result = validateCycle(value, now);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

/** What POST /appraisal-cycles refuses with a 400 naming the field, before anything is written. */
describe('validateCycle', () => {
  it('accepts a cycle and reads the deadlines as instants', () => {
    const result = validateCycle(input(), now);
    expect(result.ok && result.cycle.deadlines.self.toISOString()).toBe('2027-01-15T10:00:00.000Z');
    expect(result.ok && result.cycle.scope).toEqual({ kind: 'TEAM', value: 'East' });
  });

  it('refuses a period in the wrong form, two scopes, an unknown role', () => {
    expect(fields({ ...input(), period: '2026-13' })).toEqual(['period']);
    expect(fields({ ...input(), scope: { team: 'East', role: 'HR' } })).toEqual(['scope']);
    expect(fields({ ...input(), scope: { role: 'WIZARD' } })).toEqual(['scope.role']);
  });

  it('refuses deadlines out of order, in the past or without an offset', () => {
    const body = input();
    body.deadlines.peer = '2027-01-14T18:00:00+08:00';
    body.deadlines.self = '2027-01-01T00:00:00Z';
    body.deadlines.calibration = '2027-02-05T18:00:00';
    expect(fields(body)).toEqual(['deadlines.self', 'deadlines.calibration']);
    const swapped = input();
    swapped.deadlines.manager = '2027-01-20T00:00:00Z';
    expect(fields(swapped)).toEqual(['deadlines.manager']);
  });
});
