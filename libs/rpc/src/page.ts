export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Rows fetched with take = limit + 1: the extra row only says whether there is a next page. */
export function toPage<T extends { id: string }, R>(rows: T[], limit: number, view: (row: T) => R): Page<R> {
  const items = rows.slice(0, limit);
  return { items: items.map(view), nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
