import { batchVerdict, isPermanentSmtpFailure } from './sending.rules.js';

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
});
