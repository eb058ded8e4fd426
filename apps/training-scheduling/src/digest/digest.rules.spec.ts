import { DEFAULT_TRAINING_POLICY } from '../policy/training-policy.js';
import { parseWeeklyLinkKey } from '#libs/workflow';
import { daysPast, nextTrainingDigest, TRAINING_DIGEST_CHAIN, trainingDigestKey } from './digest.rules.js';

const parseTrainingDigestKey = (key: string) => parseWeeklyLinkKey(TRAINING_DIGEST_CHAIN.keyPrefix, key);

const at = (iso: string) => new Date(iso);
const MONDAY_0900 = DEFAULT_TRAINING_POLICY;

describe('the Monday digest schedule', () => {
  it('is Monday 09:00 in the manager\u2019s zone, strictly after the given instant', () => {
    // Wednesday 2027-03-10 in Shanghai: Monday the 15th, 09:00 +08.
    expect(nextTrainingDigest(at('2027-03-10T02:00:00Z'), MONDAY_0900, 'Asia/Shanghai')).toEqual({ at: at('2027-03-15T01:00:00Z'), localDate: '2027-03-15' });
    // Exactly at 09:00 on Monday: the next Monday.
    expect(nextTrainingDigest(at('2027-03-15T01:00:00Z'), MONDAY_0900, 'Asia/Shanghai')).toEqual({ at: at('2027-03-22T01:00:00Z'), localDate: '2027-03-22' });
  });

  it('follows the daylight-saving change in New York (2027-03-14): 14:00Z in EST, then 13:00Z in EDT', () => {
    const first = nextTrainingDigest(at('2027-03-05T12:00:00Z'), MONDAY_0900, 'America/New_York');
    expect(first).toEqual({ at: at('2027-03-08T14:00:00Z'), localDate: '2027-03-08' });
    // The link armed when the first fires: one week of wall time, 167 hours.
    expect(nextTrainingDigest(first.at, MONDAY_0900, 'America/New_York')).toEqual({ at: at('2027-03-15T13:00:00Z'), localDate: '2027-03-15' });
  });

  it('takes the policy\u2019s weekday and time; the local date is the manager\u2019s, not UTC\u2019s', () => {
    // Sunday 2027-03-14 21:00 in Auckland is still Sunday morning UTC.
    expect(nextTrainingDigest(at('2027-03-10T00:00:00Z'), { digestWeekday: 7, digestLocalTime: '21:00' }, 'Pacific/Auckland'))
      .toEqual({ at: at('2027-03-14T08:00:00Z'), localDate: '2027-03-14' });
    // Monday 07:00 in Shanghai is Sunday 23:00 UTC: the key carries the local date, Monday's.
    expect(nextTrainingDigest(at('2027-03-10T00:00:00Z'), { digestWeekday: 1, digestLocalTime: '07:00' }, 'Asia/Shanghai').localDate).toBe('2027-03-15');
  });

  it('keys one digest per manager and local date, and parses it back', () => {
    const id = '0b6f3f5e-1c1d-4d4e-9f9f-123456789abc';
    expect(trainingDigestKey(id, '2027-03-15')).toBe(`training-digest:${id}:2027-03-15`);
    expect(parseTrainingDigestKey(trainingDigestKey(id, '2027-03-15'))).toEqual({ subjectId: id, localDate: '2027-03-15' });
    expect(parseTrainingDigestKey('training-digest-check:2027-03-15')).toBeNull();
  });

  it('counts calendar days past a due date', () => {
    expect(daysPast('2027-03-10', '2027-03-15')).toBe(5);
    expect(daysPast('2027-03-15', '2027-03-15')).toBe(0);
    expect(daysPast('2027-03-20', '2027-03-15')).toBe(-5);
  });
});
