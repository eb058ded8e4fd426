const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a request is looked up only when it is a UUID: anything else is simply not found (Postgres would refuse the cast). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
