import { BadRequestError } from '#libs/rpc';
import { parseSnooze } from './risk-alert-input.js';

const NOW = new Date('2027-03-12T02:00:00Z');

function fieldsOf(input: object): string[] {
  try {
    parseSnooze(input, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestError);
    return ((error as BadRequestError).errors ?? []).map((e) => e.field);
  }
  return [];
}

describe('parseSnooze', () => {
  it('takes a future ISO instant with a zone and a trimmed reason', () => {
    expect(parseSnooze({ until: '2027-03-20T08:00:00+08:00', reason: '  budget freeze ' }, NOW)).toEqual({ until: new Date('2027-03-20T00:00:00Z'), reason: 'budget freeze' });
  });

  it('refuses a past, present, zone-less, malformed or far-off until and a blank reason, naming each field', () => {
    expect(fieldsOf({ until: '2027-03-11T00:00:00Z', reason: 'x' })).toEqual(['until']);
    expect(fieldsOf({ until: NOW.toISOString(), reason: 'x' })).toEqual(['until']);
    expect(fieldsOf({ until: '2027-03-20T08:00:00', reason: 'x' })).toEqual(['until']);
    expect(fieldsOf({ until: 'next week', reason: 'x' })).toEqual(['until']);
    expect(fieldsOf({ until: '2028-04-01T00:00:00Z', reason: 'x' })).toEqual(['until']);
    expect(fieldsOf({ until: '2027-03-20T00:00:00Z', reason: '   ' })).toEqual(['reason']);
    expect(fieldsOf({})).toEqual(['until', 'reason']);
  });
});
