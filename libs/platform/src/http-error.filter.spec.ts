import { type ArgumentsHost, BadRequestException, HttpException } from '@nestjs/common';
import { ForbiddenError } from '#libs/rpc';
import { HttpErrorFilter } from './http-error.filter.js';

/** A response that records what the filter answered. */
function answer(exception: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const seen = { status: 0, headers: {} as Record<string, string>, body: {} as Record<string, unknown> };
  const response = {
    setHeader: (name: string, value: string) => void (seen.headers[name.toLowerCase()] = value),
    status: (status: number) => {
      seen.status = status;
      return { json: (body: Record<string, unknown>) => void (seen.body = body) };
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new HttpErrorFilter().catch(exception, host);
  return seen;
}

describe('HttpErrorFilter: outages are 503 with Retry-After, naming nothing internal', () => {
  it('a database that cannot be reached, met at the HTTP edge (the auth guard), is a 503 with Retry-After and no host in the body', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 });
    const seen = answer(refused);
    expect(seen).toMatchObject({ status: 503, headers: { 'retry-after': '5' }, body: { statusCode: 503, code: 'service_unavailable' } });
    expect(JSON.stringify(seen.body)).not.toMatch(/10\.0\.0\.7|5432|ECONNREFUSED/);
  });

  it('a 503 decided elsewhere (a service over NATS) gets Retry-After too', () => {
    expect(answer(new HttpException({ statusCode: 503, code: 'service_unavailable', message: 'x' }, 503)).headers).toEqual({ 'retry-after': '5' });
  });

  it('a bug stays a 500 without Retry-After; a 400 and a 403 keep their status', () => {
    expect(answer(new TypeError('undefined is not a function'))).toMatchObject({ status: 500, headers: {}, body: { code: 'internal' } });
    expect(answer(new BadRequestException({ message: 'bad' })).status).toBe(400);
    expect(answer(new ForbiddenError('no')).status).toBe(403);
  });
});
