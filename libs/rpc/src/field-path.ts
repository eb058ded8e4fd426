/** A validation issue's path as a 400 names the field: `discountBands[0].bandsPct[1]`, `(root)` for the document itself. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
