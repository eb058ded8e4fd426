import pg from 'pg';

/** `timestamp` (without time zone) holds UTC wall time here, as Prisma writes it: "2026-11-27 17:30:00.123". */
function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

function utcDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

const OID = { timestamp: 1114, date: 1082, textArray: 1009, timestampArray: 1115, dateArray: 1182 } as const;

function arrayOf(element: (text: string) => unknown): (text: string) => unknown[] {
  // pg-types declares only scalar type ids; its text[] parser is registered all the same.
  const split = (pg.types.getTypeParser as (oid: number) => (text: string) => (string | null)[])(OID.textArray);
  return (text) => split(text).map((item) => (item === null ? null : element(item)));
}

const PARSERS: Partial<Record<number, (text: string) => unknown>> = {
  [OID.timestamp]: utcTimestamp,
  [OID.date]: utcDate,
  [OID.timestampArray]: arrayOf(utcTimestamp),
  [OID.dateArray]: arrayOf(utcDate),
};

/**
 * Type parsers for the connections Kysely uses. pg reads a `timestamp` in the process's local
 * zone; the columns hold UTC (Prisma's convention), so under TZ=Asia/Shanghai every instant would
 * come back 8 hours off. Everything else keeps pg's defaults (numeric and int8 as strings, as the
 * generated Kysely types say). Prisma's adapter passes its own parsers per query, so this does
 * not reach it.
 */
export const UTC_TYPE_PARSERS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && PARSERS[oid] ? PARSERS[oid] : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
