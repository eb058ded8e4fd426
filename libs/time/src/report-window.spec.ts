import { reportWindow } from './report-window.js';

const NOW = new Date('2027-03-10T20:00:00Z'); // 2027-03-11 04:00 in Shanghai

describe('reportWindow', () => {
  it('bounds local days in the zone, both ends included', () => {
    const result = reportWindow({ from: '2027-01-01', to: '2027-01-31' }, 'Asia/Shanghai', NOW);
    expect(result).toEqual({ ok: true, window: { from: '2027-01-01', to: '2027-01-31', zone: 'Asia/Shanghai', start: new Date('2026-12-31T16:00:00Z'), end: new Date('2027-01-31T16:00:00Z') } });
  });

  it('defaults to the twelve months up to the local today', () => {
    const result = reportWindow({}, 'Asia/Shanghai', NOW);
    expect(result.ok && [result.window.from, result.window.to]).toEqual(['2026-03-12', '2027-03-11']);
  });

  it('names the field that is wrong', () => {
    expect(reportWindow({ from: '2027-13-01' }, 'UTC', NOW)).toEqual({ ok: false, errors: [{ field: 'from', message: 'must be a date YYYY-MM-DD' }] });
    expect(reportWindow({ from: '2027-02-01', to: '2027-01-01' }, 'UTC', NOW)).toEqual({ ok: false, errors: [{ field: 'from', message: 'must not be after to' }] });
    expect(reportWindow({ to: '2027-1-1' }, 'UTC', NOW)).toEqual({ ok: false, errors: [{ field: 'to', message: 'must be a date YYYY-MM-DD' }] });
  });
});
