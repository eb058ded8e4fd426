import { csvCell, toCsv } from './csv.js';

describe('csv', () => {
  it('keeps a formula from running in a spreadsheet (prefixes a quote), but not a negative number', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-3.50')).toBe('-3.50');
    expect(csvCell('-x')).toBe("'-x");
  });

  it('quotes commas, quotes and line breaks (RFC 4180), and writes null as empty', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x,y', b: null }, { a: 'he said "hi"', b: 2 }])).toBe('a,b\r\n"x,y",\r\n"he said ""hi""",2\r\n');
  });
});
