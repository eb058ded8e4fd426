import { deadlineKey, phaseMet, phaseOfTimerKey, reminderKey } from './complaint-timers.js';

const ID = '0b6f1f0e-7d1c-4a53-9f0a-2f2b7f3c9d11';

describe('complaint timer keys', () => {
  it('round-trips the phase through the timer unique key', () => {
    expect(reminderKey(ID, 'ack')).toBe(`complaint-reminder:${ID}:ack`);
    expect(deadlineKey(ID, 'resolve')).toBe(`complaint-deadline:${ID}:resolve`);
    expect(phaseOfTimerKey(reminderKey(ID, 'resolve'))).toBe('resolve');
    expect(phaseOfTimerKey(deadlineKey(ID, 'ack'))).toBe('ack');
  });

  it('refuses keys that are not complaint timers', () => {
    expect(phaseOfTimerKey(`visit-overdue:${ID}`)).toBeNull();
    expect(phaseOfTimerKey(`complaint-deadline:${ID}:later`)).toBeNull();
  });
});

describe('phaseMet', () => {
  it('an acknowledged complaint met the acknowledge deadline only; a resolved one both', () => {
    expect(phaseMet({ status: 'open' }, 'ack')).toBe(false);
    expect(phaseMet({ status: 'acknowledged' }, 'ack')).toBe(true);
    expect(phaseMet({ status: 'acknowledged' }, 'resolve')).toBe(false);
    expect(phaseMet({ status: 'resolved' }, 'ack')).toBe(true);
    expect(phaseMet({ status: 'resolved' }, 'resolve')).toBe(true);
  });
});
