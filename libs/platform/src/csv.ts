/**
 * CSV for spreadsheets: RFC 4180 quoting, and a cell that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) prefixed with a quote, as OWASP advises, so a
 * customer name like `=HYPERLINK(...)` stays text. Plain numbers (-12.50) are left as they are.
 */
const NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header row, then one row per object in the columns' order; CRLF line ends. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, string | number | null>[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))].join('\r\n') + '\r\n';
}
