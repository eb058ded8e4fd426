import { STANDARD_CALENDAR } from '#libs/time';
import { deadlineKey, deadlineMoments, parseDeadlineKey, stillOwes } from './review-deadlines.rules.js';
import {
  afterPeerAnswer, afterSelfReview, mayCalibrate, mayPickPeers, mayReviewAsManager, validateCalibration, validateManagerReview, validatePeerAnswer, validatePeerPick, validateSelfReview,
} from './reviews.rules.js';

const BANDS = [{ name: 'Low', min: 0 }, { name: 'Solid', min: 60 }, { name: 'Strong', min: 80 }];
const fields = (v: { ok: boolean; errors?: { field: string }[] }) => (v.ok ? [] : v.errors!.map((e) => e.field));

describe('review step inputs', () => {
  it('a self review needs a comment of 1-4000 characters and nothing else', () => {
    expect(validateSelfReview({ comment: ' Did well ' })).toEqual({ ok: true, value: { comment: 'Did well' } });
    expect(fields(validateSelfReview({}))).toEqual(['comment']);
    expect(fields(validateSelfReview({ comment: 'x'.repeat(4001) }))).toEqual(['comment']);
    expect(fields(validateSelfReview({ comment: 'ok', score: 5 }))).toEqual(['score']);
  });

  it('peers: 1 to the cycle\u2019s number, distinct, by email or id', () => {
    expect(validatePeerPick({ peers: ['A@x.com', 'b@x.com'] }, 3)).toEqual({ ok: true, value: { peers: ['a@x.com', 'b@x.com'] } });
    expect(fields(validatePeerPick({ peers: [] }, 3))).toEqual(['peers']);
    expect(fields(validatePeerPick({ peers: ['a', 'b', 'c', 'd'] }, 3))).toEqual(['peers']);
    expect(fields(validatePeerPick({ peers: ['a@x.com', 'A@x.com'] }, 3))).toEqual(['peers']);
    expect(fields(validatePeerPick({ peers: [5] }, 3))).toEqual(['peers']);
  });

  it('ratings are whole numbers 1-5; a peer comment is optional, the manager\u2019s is not', () => {
    expect(validatePeerAnswer({ rating: 4 })).toEqual({ ok: true, value: { rating: 4, comment: null } });
    for (const rating of [0, 6, 3.5, '5', null]) expect(fields(validatePeerAnswer({ rating }))).toEqual(['rating']);
    expect(fields(validateManagerReview({ rating: 5 }))).toEqual(['comment']);
    expect(validateManagerReview({ rating: 5, comment: 'Great' })).toEqual({ ok: true, value: { rating: 5, comment: 'Great' } });
  });

  it('calibration keeps a band without a reason, but changing it needs one', () => {
    expect(validateCalibration({ band: 'Solid' }, BANDS, 'Solid')).toEqual({ ok: true, value: { band: 'Solid', reason: null } });
    expect(fields(validateCalibration({ band: 'Strong' }, BANDS, 'Solid'))).toEqual(['reason']);
    expect(validateCalibration({ band: 'Strong', reason: 'Led the launch' }, BANDS, 'Solid')).toEqual({ ok: true, value: { band: 'Strong', reason: 'Led the launch' } });
    expect(fields(validateCalibration({ band: 'Stellar', reason: 'x' }, BANDS, 'Solid'))).toEqual(['band']);
  });
});

describe('review step flow', () => {
  it('after the self review it waits for peers until every picked peer answered', () => {
    expect(afterSelfReview(0, 0)).toBe('PEER_REVIEW');
    expect(afterSelfReview(3, 2)).toBe('PEER_REVIEW');
    expect(afterSelfReview(3, 3)).toBe('MANAGER_REVIEW');
    expect(afterPeerAnswer('PEER_REVIEW', 3, 3)).toBe('MANAGER_REVIEW');
    expect(afterPeerAnswer('SELF_REVIEW', 3, 3)).toBe('SELF_REVIEW');
  });

  it('who may act: the manager of record reviews, a director above them, HR or ADMIN calibrates; never the person', () => {
    const appraisal = { employeeId: 'p', managerId: 'm' };
    expect(mayReviewAsManager({ id: 'm', role: 'SALES_MANAGER' }, appraisal)).toBe(true);
    expect(mayReviewAsManager({ id: 'd', role: 'SALES_DIRECTOR' }, appraisal)).toBe(false);
    expect(mayReviewAsManager({ id: 'h', role: 'HR' }, { employeeId: 'p', managerId: null })).toBe(true);
    expect(mayPickPeers({ id: 'd', role: 'SALES_DIRECTOR' }, appraisal, true)).toBe(true);
    expect(mayPickPeers({ id: 'x', role: 'SALES_SPECIALIST' }, appraisal, false)).toBe(false);
    expect(mayCalibrate({ id: 'd', role: 'SALES_DIRECTOR' }, appraisal, true)).toBe(true);
    expect(mayCalibrate({ id: 'm', role: 'SALES_MANAGER' }, appraisal, false)).toBe(false);
    expect(mayCalibrate({ id: 'p', role: 'HR' }, appraisal, false)).toBe(false);
    expect(mayCalibrate({ id: 'h', role: 'HR' }, appraisal, false)).toBe(true);
  });
});

describe('review deadlines', () => {
  // Mon 2027-01-04 09:00 Shanghai to Fri 2027-01-08 18:00: five 9-hour working days (the standard calendar).
  const start = new Date('2027-01-04T01:00:00Z');
  const deadline = new Date('2027-01-08T10:00:00Z');

  it('reminds at the fraction of the owner\u2019s working time and escalates at the first working moment from the deadline', () => {
    const moments = deadlineMoments(start, deadline, 0.8, STANDARD_CALENDAR, 'Asia/Shanghai');
    expect(moments.remind.getTime()).toBeGreaterThan(start.getTime());
    expect(moments.remind.getTime()).toBeLessThan(deadline.getTime());
    // A deadline at Saturday 10:00 escalates on Monday morning, when the recipient works.
    const weekend = deadlineMoments(start, new Date('2027-01-09T02:00:00Z'), 0.5, STANDARD_CALENDAR, 'Asia/Shanghai');
    expect(weekend.escalate.getTime()).toBeGreaterThan(new Date('2027-01-10T16:00:00Z').getTime());
  });

  it('keys name the step and action, and parse back', () => {
    const key = deadlineKey('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', 'manager', 'escalate');
    expect(parseDeadlineKey(key)).toEqual({ step: 'manager', action: 'escalate' });
    expect(parseDeadlineKey('appraisal-review:x:manager:remind')).toBeNull();
  });

  it('a step done or a signed-off appraisal owes nothing', () => {
    const open = { selfReviewedAt: null, managerReviewedAt: null, calibratedAt: null, status: 'SELF_REVIEW' };
    expect(stillOwes(open, 'self')).toBe(true);
    expect(stillOwes({ ...open, selfReviewedAt: new Date() }, 'self')).toBe(false);
    expect(stillOwes({ ...open, status: 'SIGNED_OFF' }, 'calibration')).toBe(false);
  });
});
