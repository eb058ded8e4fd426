import { z } from 'zod/v4';

export const SignInAccepted = z.object({
  message: z.string().describe('the same answer whether or not the address belongs to an employee'),
});

export const SignedIn = z.object({
  employee: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), locale: z.string() }),
  expiresAt: z.string().describe('when the session (the Set-Cookie) ends'),
});

export const SessionView = z.object({
  id: z.string(),
  employeeId: z.string(),
  method: z.enum(['email', 'oidc']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastSeenAt: z.string().describe('updated at most once a minute'),
  revokedAt: z.string().nullable(),
  state: z.enum(['live', 'expired', 'revoked']),
});

export const SessionList = z.object({ items: z.array(SessionView).describe('newest first, at most 100') });

export const CurrentSession = z.object({
  employee: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }),
  session: z.object({ id: z.string(), expiresAt: z.string() }).nullable().describe('null when the call came with a bearer token'),
  csrfToken: z.string().nullable().describe('send it as X-CSRF-Token (or the _csrf form field) with every state-changing request made with the session cookie'),
});

export const SessionsRevoked = z.object({ revoked: z.number().int().describe('sessions that were live and are now revoked') });
