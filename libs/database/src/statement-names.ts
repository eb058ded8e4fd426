import { createHash } from 'node:crypto';

/**
 * Names for server-side prepared statements, so Postgres parses and plans a statement once per
 * connection instead of on every execution. Statements are named by their text; past `limit`
 * distinct texts (statements built with variable-length lists), new ones go unnamed, which bounds
 * what each connection keeps prepared.
 */
export function preparedStatementNames(limit = 500): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit) return known;
    const name = `sf_${createHash('sha1').update(sql).digest('hex')}`;
    names.set(sql, name);
    return name;
  };
}
