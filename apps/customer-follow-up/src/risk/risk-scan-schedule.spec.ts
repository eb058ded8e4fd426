import { nextRiskScan, riskScanKey } from './risk-scan-schedule.js';

describe('the daily risk scan time', () => {
  it('is 06:00 in Shanghai (22:00Z the day before), strictly after the given instant, keyed by the Shanghai date', () => {
    expect(nextRiskScan(new Date('2027-03-10T02:00:00Z'))).toEqual({ at: new Date('2027-03-10T22:00:00Z'), localDate: '2027-03-11' });
    expect(nextRiskScan(new Date('2027-03-10T22:00:00Z'))).toEqual({ at: new Date('2027-03-11T22:00:00Z'), localDate: '2027-03-12' });
    expect(riskScanKey('2027-03-11')).toBe('risk-scan:2027-03-11');
  });
});
