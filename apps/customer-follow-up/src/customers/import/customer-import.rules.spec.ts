import type { Contact, ContactChange } from '../customer-fields.js';
import {
  changedFields, changesRevisitPlan, checkImportColumns, parseImportRow, planUpserts, refusedData, refuseNewNamelessContacts, type ExistingCustomer, type ImportRow,
} from './customer-import.rules.js';

const good = { code: 'C-1', name: 'Acme', ownerEmail: 'Rep@X.test', tier: 'A', status: 'active', industry: '', region: 'Shanghai', contactName: 'Wang', contactEmail: 'Wang@Acme.test', contactPhone: '', contactLocale: '' };

function reason(row: object): string {
  const result = parseImportRow(JSON.stringify(row));
  if (result.ok) throw new Error(`expected a rejection for ${JSON.stringify(row)}`);
  return result.reason;
}

describe('import rows', () => {
  it('accepts a CSV-shaped row: empty cells are absent (also in the contact, whose defaults apply when it is added), emails lower-cased', () => {
    const result = parseImportRow(JSON.stringify(good));
    expect(result).toEqual({
      ok: true,
      row: {
        code: 'C-1', name: 'Acme', ownerEmail: 'rep@x.test', tier: 'A', status: 'active', industry: undefined, region: 'Shanghai',
        contacts: [{ name: 'Wang', email: 'wang@acme.test' }],
      },
    });
  });

  it('accepts a contact with an email and no name: it updates that contact (merging decides whether it exists)', () => {
    const result = parseImportRow(JSON.stringify({ ...good, contactName: '', contactPhone: '+86 21 5555 0199' }));
    expect(result.ok && result.row.contacts).toEqual([{ email: 'wang@acme.test', phone: '+86 21 5555 0199' }]);
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('refuses a cell starting with %j, which a spreadsheet runs as a formula (CSV injection)', (start) => {
    const cell = `${start}HYPERLINK("http://evil.example","x")`;
    expect(reason({ ...good, name: cell })).toMatch(/^name starts with ".*", which a spreadsheet would run as a formula; remove it$/);
    expect(reason({ ...good, contactName: cell })).toMatch(/^contactName starts with/);
    expect(reason({ code: 'C-1', name: 'Acme', ownerEmail: 'rep@x.test', contacts: [{ name: cell, email: 'a@b.test' }] })).toMatch(/^contacts\[0\]\.name starts with/);
  });

  it('lets a phone number start with + or - (its pattern allows no function call)', () => {
    expect(parseImportRow(JSON.stringify({ ...good, contactPhone: '+86 21 5555 0100' })).ok).toBe(true);
  });

  it('rejects a row with a NUL byte or an unpaired surrogate, naming the field', () => {
    expect(reason({ ...good, region: 'Shang\u0000hai' })).toBe('region must not contain a NUL byte');
    expect(reason({ ...good, name: 'Acme\ud800' })).toBe('name must be well-formed Unicode (an unpaired surrogate was sent)');
  });

  it('accepts an NDJSON row with a contacts list', () => {
    const result = parseImportRow(JSON.stringify({ code: 1001, name: 'Beta', ownerEmail: 'rep@x.test', contacts: [{ name: 'Li', email: 'li@b.test', locale: 'en', phone: '+86 21 5555 0100' }] }));
    expect(result.ok && result.row).toMatchObject({ code: '1001', contacts: [{ email: 'li@b.test', locale: 'en', phone: '+86 21 5555 0100' }] });
  });

  it('names every problem of a row in its reason', () => {
    expect(reason({ ...good, code: '', tier: 'D', status: 'gone', contactEmail: 'not-an-email', contactLocale: 'fr' })).toBe(
      'code is required; tier must be one of A, B, C (got "D"); status must be one of prospect, active, dormant, lost (got "gone"); ' +
        'contact email "not-an-email" is not an email address; contact locale must be one of zh-CN, en (got "fr")',
    );
    expect(reason({ ...good, ownerEmail: 'nobody' })).toBe('ownerEmail "nobody" is not an email address');
    expect(reason({ ...good, contactName: '', contactEmail: '', contactPhone: '123' })).toBe('contactPhone and contactLocale need a contactEmail');
    expect(reason({ ...good, extra: 1 })).toBe('unknown field "extra"');
    expect(reason({ ...good, name: 'x'.repeat(201) })).toBe('name is longer than 200 characters');
  });

  it('rejects what is not a JSON object', () => {
    expect(parseImportRow('{"code": ')).toEqual({ ok: false, reason: 'not valid JSON' });
    expect(parseImportRow('[1,2]')).toEqual({ ok: false, reason: 'not a JSON object' });
  });

  it('checks a CSV header: required columns, unknown and repeated ones', () => {
    expect(checkImportColumns(['code', 'name', 'ownerEmail'])).toEqual([]);
    expect(checkImportColumns(['code', 'name', 'owner', 'name']).map((e) => e.message)).toEqual([
      'unknown column "owner"; the columns are code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale',
      'column "name" appears twice',
      'the required column "ownerEmail" is missing',
    ]);
  });
});

const contact = (email: string, name = email): Contact => ({ name, email, phone: null, locale: 'zh-CN' });
const change = (email: string, name = email): ContactChange => ({ email, name });
const nameless = (email: string): ContactChange => ({ email });
const row = (fields: Partial<ImportRow> & { code: string }): ImportRow => ({ name: 'Name', ownerEmail: 'rep@x.test', contacts: [], ...fields });
const existing: ExistingCustomer = {
  id: 'c1', code: 'C-1', name: 'Acme', ownerId: 'rep', tier: 'A', status: 'active', industry: 'machinery', region: 'Shanghai',
  contacts: [contact('a@acme.test'), contact('b@acme.test')], version: 4,
};

describe('planUpserts', () => {
  it('creates new customers with the defaults (tier C, prospect) and expects them not to exist', () => {
    const [plan] = planUpserts([{ row: row({ code: 'N-1' }), ownerId: 'rep' }], new Map());
    expect(plan).toEqual({ before: null, expectedVersion: 0, after: { code: 'N-1', name: 'Name', ownerId: 'rep', tier: 'C', status: 'prospect', industry: null, region: null, contacts: [] } });
  });

  it('keeps what a row leaves empty, merges contacts by email, and expects the version it read', () => {
    const [plan] = planUpserts(
      [{ row: row({ code: 'C-1', name: 'Acme', status: 'dormant', contacts: [change('b@acme.test', 'Bo'), change('c@acme.test')] }), ownerId: 'rep2' }],
      new Map([['C-1', existing]]),
    );
    expect(plan.expectedVersion).toBe(4);
    expect(plan.after).toEqual({
      code: 'C-1', name: 'Acme', ownerId: 'rep2', tier: 'A', status: 'dormant', industry: 'machinery', region: 'Shanghai',
      contacts: [contact('a@acme.test'), contact('b@acme.test', 'Bo'), contact('c@acme.test')],
    });
    expect(changedFields(plan.before, plan.after)).toEqual({
      before: { ownerId: 'rep', status: 'active', contacts: existing.contacts },
      after: { ownerId: 'rep2', status: 'dormant', contacts: plan.after.contacts },
    });
  });

  it('applies rows for the same code in file order: the later one wins, contacts accumulate', () => {
    const plans = planUpserts(
      [
        { row: row({ code: 'N-2', tier: 'B', contacts: [change('x@n.test')] }), ownerId: 'rep' },
        { row: row({ code: 'N-2', name: 'Renamed', contacts: [change('y@n.test')] }), ownerId: 'rep' },
      ],
      new Map(),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0].after).toMatchObject({ name: 'Renamed', tier: 'B', contacts: [contact('x@n.test'), contact('y@n.test')] });
  });

  it('plans nothing for a row that changes nothing (a re-import writes no new versions)', () => {
    const same = row({ code: 'C-1', name: 'Acme', tier: 'A', contacts: [change('a@acme.test')] });
    expect(planUpserts([{ row: same, ownerId: 'rep' }], new Map([['C-1', existing]]))).toEqual([]);
  });

  it('merges a contact field by field: a row without a name sets the new phone and keeps the name (issue 12 item 9)', () => {
    const withPhone: ExistingCustomer = { ...existing, contacts: [{ name: 'Wang', email: 'a@acme.test', phone: '+86 1', locale: 'en' }] };
    const [plan] = planUpserts([{ row: row({ code: 'C-1', name: 'Acme', contacts: [{ email: 'a@acme.test', phone: '+86 2' }] }), ownerId: 'rep' }], new Map([['C-1', withPhone]]));
    expect(plan.after.contacts).toEqual([{ name: 'Wang', email: 'a@acme.test', phone: '+86 2', locale: 'en' }]);
  });

  it('orders the plan by code so concurrent imports lock in one order', () => {
    const plans = planUpserts(['Z', 'A', 'M'].map((code) => ({ row: row({ code }), ownerId: 'rep' })), new Map());
    expect(plans.map((p) => p.after.code)).toEqual(['A', 'M', 'Z']);
  });

  it('re-plans revisits only for new customers and a new owner, tier or status, not for a renamed one', () => {
    const plan = (fields: Partial<ImportRow>, ownerId = 'rep') => planUpserts([{ row: row({ code: 'C-1', name: 'Acme', ...fields }), ownerId }], new Map([['C-1', existing]]))[0];
    expect(changesRevisitPlan(planUpserts([{ row: row({ code: 'N-9' }), ownerId: 'rep' }], new Map())[0])).toBe(true);
    expect(changesRevisitPlan(plan({}, 'rep2'))).toBe(true);
    expect(changesRevisitPlan(plan({ tier: 'B' }))).toBe(true);
    expect(changesRevisitPlan(plan({ status: 'lost' }))).toBe(true);
    expect(changesRevisitPlan(plan({ name: 'Acme Renamed', region: 'Beijing' }))).toBe(false);
  });
});

describe('refuseNewNamelessContacts', () => {
  it('keeps a nameless contact row for a known email, or one an earlier row of the file added; refuses it for an unknown email', () => {
    const rows = [
      { row: row({ code: 'C-1', contacts: [nameless('a@acme.test')] }), ownerId: 'rep' },
      { row: row({ code: 'C-1', contacts: [nameless('new@acme.test')] }), ownerId: 'rep' },
      { row: row({ code: 'N-1', contacts: [change('x@n.test')] }), ownerId: 'rep' },
      { row: row({ code: 'N-1', contacts: [nameless('x@n.test')] }), ownerId: 'rep' },
    ];
    const { kept, refused } = refuseNewNamelessContacts(rows, new Map([['C-1', existing]]));
    expect(kept).toEqual([rows[0], rows[2], rows[3]]);
    expect(refused).toEqual([{ row: rows[1], reason: 'contact new@acme.test is not a contact of C-1 yet, so its name is required' }]);
  });
});

/** The shape Prisma's pg driver adapter gives a failed raw query. */
const adapterError = (originalCode: string, originalMessage: string) => ({
  code: 'P2010',
  message: `Raw query failed. Code: \`${originalCode}\`.`,
  meta: { driverAdapterError: { cause: { originalCode, originalMessage } } },
});

describe('refusedData', () => {
  it('recognises data exceptions and integrity violations: retrying the same rows cannot help', () => {
    expect(refusedData(adapterError('23514', 'new row violates check constraint "x"'))).toEqual({ sqlState: '23514', message: 'new row violates check constraint "x"' });
    expect(refusedData(adapterError('22001', 'value too long'))).toEqual({ sqlState: '22001', message: 'value too long' });
    expect(refusedData({ code: '22P02', message: 'invalid input syntax' })).toEqual({ sqlState: '22P02', message: 'invalid input syntax' });
  });

  it('leaves races, deadlocks, lost connections and anything unknown to retries', () => {
    expect(refusedData(adapterError('23505', 'duplicate key'))).toBeNull();
    expect(refusedData(adapterError('40P01', 'deadlock detected'))).toBeNull();
    expect(refusedData(adapterError('08006', 'connection failure'))).toBeNull();
    expect(refusedData({ code: 'P2028', message: 'Transaction API error' })).toBeNull();
    expect(refusedData(new Error('socket hang up'))).toBeNull();
    expect(refusedData('boom')).toBeNull();
  });
});
