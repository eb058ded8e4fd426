/** Subjects are a header line: a newline in a contract title must not start a new header. */
export function singleLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Evens out the blank lines and trailing spaces that template conditionals leave behind. */
export function tidyText(value: string): string {
  const lines = value.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd());
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
