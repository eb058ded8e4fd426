import { afterSmtpFailure, batchVerdict, classifySmtpFailure, isPermanentSmtpFailure, type SmtpRetryPolicy } from './sending.rules.js';

class Refused extends Error {}
const settled = (value: unknown): PromiseSettledResult<unknown> => ({ status: 'fulfilled', value });
const failed = (reason: unknown): PromiseSettledResult<unknown> => ({ status: 'rejected', reason });

describe('sending rules', () => {
  it('takes SMTP 5xx as permanent; 4xx and errors without a response code are worth retrying', () => {
    expect(isPermanentSmtpFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpFailure(new Error('ECONNRESET'))).toBe(false);
  });

  it('a batch is done when one email was sent, skipped when nothing was; refusals for good are counted apart from transient failures', () => {
    const transient = new Error('421 try later');
    const verdict = batchVerdict([settled('done'), settled('skipped'), failed(new Refused('550')), failed(transient)], (reason) => reason instanceof Refused);
    expect(verdict).toEqual({ transient: [transient], dead: 1, outcome: 'done' });
    expect(batchVerdict([settled('skipped'), failed(new Refused('550'))], (reason) => reason instanceof Refused)).toEqual({ transient: [], dead: 1, outcome: 'skipped' });
  });

  it('tells an unknown outcome (a silent session, which may follow the final dot of DATA) from failures that did not deliver', () => {
    const timeout = (timeoutType: string) => Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT', command: 'CONN', timeoutType });
    expect(classifySmtpFailure(timeout('SOCKET_TIMEOUT'))).toBe('outcome-unknown');
    expect(classifySmtpFailure(timeout('CONNECT_TIMEOUT'))).toBe('transient');
    expect(classifySmtpFailure(timeout('GREETING_TIMEOUT'))).toBe('transient');
    expect(classifySmtpFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }))).toBe('transient');
    expect(classifySmtpFailure(Object.assign(new Error('Message failed: 451'), { code: 'EMESSAGE', command: 'DATA', responseCode: 451 }))).toBe('transient');
    expect(classifySmtpFailure(Object.assign(new Error('Message failed: 550'), { code: 'EMESSAGE', command: 'DATA', responseCode: 550 }))).toBe('permanent');
  });

  describe('retry schedule (time budget, not a count)', () => {
    const policy: SmtpRetryPolicy = { budgetMs: 6 * 3600_000, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, unknownResendDelayMs: 10 * 60_000 };
    const now = new Date('2026-12-03T10:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const send = (attempts: number, failingSince: Date | null, resentAfterInterrupt = false) => ({ attempts, failingSince, resentAfterInterrupt });

    it('doubles the delay from 1 s per attempt and caps it at the maximum', () => {
      expect([1, 2, 3, 4, 10].map((attempts) => afterSmtpFailure(policy, 'transient', send(attempts, ago(1000)), now))).toEqual(
        [1000, 2000, 4000, 8000, 512_000].map((delayMs) => ({ action: 'retry', delayMs })),
      );
      expect(afterSmtpFailure(policy, 'transient', send(11, ago(1000)), now)).toEqual({ action: 'retry', delayMs: 15 * 60_000 });
      expect(afterSmtpFailure(policy, 'transient', send(500, ago(1000)), now)).toEqual({ action: 'retry', delayMs: 15 * 60_000 });
    });

    it('keeps retrying as long as the budget lasts, whatever the count; the last retry falls at its end; then dead', () => {
      expect(afterSmtpFailure(policy, 'transient', send(40, ago(5 * 3600_000)), now)).toEqual({ action: 'retry', delayMs: 15 * 60_000 });
      expect(afterSmtpFailure(policy, 'transient', send(40, ago(6 * 3600_000 - 5000)), now)).toEqual({ action: 'retry', delayMs: 5000 });
      expect(afterSmtpFailure(policy, 'transient', send(40, ago(6 * 3600_000)), now)).toEqual({ action: 'dead', reason: 'retry budget of 21600 s used up' });
      // The first failure starts the budget.
      expect(afterSmtpFailure(policy, 'transient', send(1, null), now)).toEqual({ action: 'retry', delayMs: 1000 });
    });

    it('5xx is dead at once; an unknown outcome is resent once after the longer delay, and a second one is dead', () => {
      expect(afterSmtpFailure(policy, 'permanent', send(1, null), now)).toEqual({ action: 'dead', reason: 'refused for good' });
      expect(afterSmtpFailure(policy, 'outcome-unknown', send(1, null), now)).toEqual({ action: 'resend-once', delayMs: 10 * 60_000 });
      expect(afterSmtpFailure(policy, 'outcome-unknown', send(3, ago(60_000)), now)).toEqual({ action: 'resend-once', delayMs: 10 * 60_000 });
      expect(afterSmtpFailure(policy, 'outcome-unknown', send(2, ago(60_000), true), now)).toMatchObject({ action: 'dead', reason: expect.stringContaining('not sent a third time') });
    });
  });
});
