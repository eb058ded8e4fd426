import { createHash, randomBytes } from 'node:crypto';

/** A session's secret: 256 random bits, what only the browser's cookie holds. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
