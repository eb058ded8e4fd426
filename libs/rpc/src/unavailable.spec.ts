import { isUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isUnavailable: an outage of Postgres or Redis, told apart from a bug or bad data', () => {
  it.each([
    ['pg: connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['pg: backend terminated by an administrator (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['pg: connection failure (08006)', withCode('08006')],
    ['pg: the server is starting up (57P03)', withCode('57P03')],
    ['pg: too many connections (53300)', withCode('53300')],
    ['pg: a connection lost mid-query (no code)', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no connection within the timeout', new Error('timeout exceeded when trying to connect')],
    ['Prisma: cannot reach the server (P1001)', withCode('P1001', 'Can\u2019t reach database server')],
    ['Prisma: pool timeout (P2024)', withCode('P2024')],
    ['Prisma adapter: the cause says DatabaseNotReachable', Object.assign(new Error('x'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable', host: 'h', port: 1 } } } })],
    ['Kysely/pg: wrapped as a cause', new Error('query failed', { cause: withCode('ECONNRESET') })],
    ['Node: connection attempts to IPv4 and IPv6 both refused (AggregateError)', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
    ['ioredis: the connection is closed', new Error('Connection is closed.')],
    ['ioredis: offline queue off', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis: MaxRetriesPerRequestError', Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' })],
  ])('%s is an outage', (_name, error) => {
    expect(isUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['bad data refused by Postgres (22P02)', withCode('22P02', 'invalid input syntax for type uuid')],
    ['a unique violation (23505)', withCode('23505')],
    ['a Prisma not-found (P2025)', withCode('P2025')],
    ['a string', 'boom'],
    ['null', null],
  ])('%s is not', (_name, error) => {
    expect(isUnavailable(error)).toBe(false);
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isUnavailable(a)).toBe(false);
  });
});
