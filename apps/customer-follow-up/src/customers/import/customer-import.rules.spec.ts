import { checkImportColumns, parseImportRow } from './customer-import.rules.js';

const good = { code: 'C-1', name: 'Acme', ownerEmail: 'Rep@X.test', tier: 'A', status: 'active', industry: '', region: 'Shanghai', contactName: 'Wang', contactEmail: 'Wang@Acme.test', contactPhone: '', contactLocale: '' };

function reason(row: object): string {
  const result = parseImportRow(JSON.stringify(row));
  if (result.ok) throw new Error(`expected a rejection for ${JSON.stringify(row)}`);
  return result.reason;
}

describe('import rows', () => {
  it('accepts a CSV-shaped row: empty cells are absent, emails lower-cased, the contact locale defaults to zh-CN', () => {
    const result = parseImportRow(JSON.stringify(good));
    expect(result).toEqual({
      ok: true,
      row: {
        code: 'C-1', name: 'Acme', ownerEmail: 'rep@x.test', tier: 'A', status: 'active', industry: undefined, region: 'Shanghai',
        contacts: [{ name: 'Wang', email: 'wang@acme.test', phone: null, locale: 'zh-CN' }],
      },
    });
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
    expect(reason({ ...good, contactName: '', contactEmail: '', contactPhone: '123' })).toBe('contactPhone and contactLocale need a contactName and a contactEmail');
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
