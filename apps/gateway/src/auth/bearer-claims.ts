import type { JwtPayload } from 'jsonwebtoken';

/**
 * The employee a verified token names, once its lifetime is bounded: a token without `exp`, or
 * one that lives longer than the configured maximum (counted from `iat`, or from now when a token
 * claims to be issued in the future or says nothing), would be a password that never expires.
 */
export function bearerSubject(claims: string | JwtPayload, maxLifetimeSeconds: number, nowSeconds: number): string {
  if (typeof claims === 'string') throw new Error('the payload is not a JSON object');
  if (typeof claims.sub !== 'string') throw new Error('no sub claim');
  if (typeof claims.exp !== 'number') throw new Error('no exp claim (tokens must expire)');
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat, nowSeconds) : nowSeconds;
  const lifetime = claims.exp - issuedAt;
  if (lifetime > maxLifetimeSeconds) throw new Error(`it lives ${lifetime} s, longer than the ${maxLifetimeSeconds} s allowed (JWT_MAX_LIFETIME)`);
  return claims.sub;
}
