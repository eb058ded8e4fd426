import { hkdfSync } from 'node:crypto';
import { Duration } from 'luxon';
import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

/** The documented development value: accepted, and filled in, only where nothing real is at stake. */
export const DEVELOPMENT_JWT_SECRET = 'change-me-in-production-please';

/** NODE_ENV values where the development JWT secret may be used; jest sets `test` when it is unset. */
export const RELAXED_ENVIRONMENTS: readonly string[] = ['development', 'test'];

/** Outside development and tests a secret must be at least this long: 256 bits for HS256 and HMAC-SHA256. */
export const PRODUCTION_SECRET_MIN_BYTES = 32;

/** The HKDF label of the email-link key derived from JWT_SECRET when LINK_SECRET is unset. */
export const LINK_KEY_INFO = 'salesflow email-link key v1';

const DURATION_UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90s`, `30m`, `12h`, `1d` or a bare number of seconds. */
const durationSeconds = z
  .string()
  .regex(/^\d+[smhd]?$/, 'a whole number of seconds, or one followed by s, m, h or d (e.g. 12h)')
  .transform((value) => Number.parseInt(value, 10) * (DURATION_UNIT_SECONDS[value.slice(-1)] ?? 1))
  .refine((seconds) => seconds > 0, 'must be more than zero');

/** An ISO-8601 duration (`PT6H`, `PT15M`, `PT2S`), in milliseconds. */
const isoDurationMs = z.string().transform((value, context) => {
  const duration = Duration.fromISO(value);
  if (!duration.isValid || duration.toMillis() <= 0) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'an ISO-8601 duration of more than zero, such as PT6H or PT15M' });
    return z.NEVER;
  }
  return duration.toMillis();
});

const schema = z.object({
  // Anything but development or test is treated as production, so a typo fails safe.
  NODE_ENV: z.string().default('production'),
  DATABASE_URL: url(['postgresql', 'postgres']).default('postgresql://postgres@127.0.0.1:5432/salesflow'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  NATS_URL: url(['nats']).default('nats://127.0.0.1:4222'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only (it prefixes NATS subjects and Redis keys)')
    .default('salesflow'),
  SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  // SMTP connections the notifier keeps open (nodemailer pool); sends beyond it wait for a free one.
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(500).default(80),
  // An SMTP session silent this long fails the send (nodemailer socketTimeout); after the message
  // was handed over, the outcome is unknown (docs/engineering-notes.md, "SMTP outcomes").
  SMTP_SOCKET_TIMEOUT: isoDurationMs.default('PT20S'),
  // Connection errors, timeouts and 4xx replies are retried with capped exponential backoff until
  // this long after the first failure; then the email is dead (README, "Email delivery").
  SMTP_RETRY_BUDGET: isoDurationMs.default('PT6H'),
  SMTP_RETRY_MAX_DELAY: isoDurationMs.default('PT15M'),
  // An email whose outcome is unknown (the relay went silent after the message) is resent once, this much later.
  SMTP_UNKNOWN_RESEND_DELAY: isoDurationMs.default('PT10M'),
  // A claimed email is leased this long and renewed every third of it while its send is in flight:
  // after a notifier dies, its emails are claimable again within this (DESIGN, "notification").
  SEND_LEASE: isoDurationMs.default('PT15S'),
  // Emails one notifier process sends at once, per queue (urgent, bulk).
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(160),
  MAIL_FROM: z.string().min(3).default('salesflow <no-reply@salesflow.local>'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Bearer tokens must carry exp, and exp - iat may not exceed this.
  JWT_MAX_LIFETIME: durationSeconds.default('12h'),
  // Derives every email-link token; unset, it is derived from JWT_SECRET with HKDF (LINK_KEY_INFO).
  LINK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // Bearer-token failures (401) or unknown email-link tokens one client may cause per window before 429.
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LINK_GUESS_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
  // Bearer token for GET /metrics; outside development and tests /metrics is refused without it.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code').default('CNY'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACTION_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  // A port of its own serving GET /metrics, for service processes that serve no HTTP (0: any free port).
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  // How long a browser session (sign-in cookie) lives from sign-in; it never extends itself.
  SESSION_TTL: durationSeconds.default('7d'),
  // Secure on the session cookie: auto (when the request or PUBLIC_BASE_URL is https), always, never.
  SESSION_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  // Sign-in emails asked for per address, and per client address, per FAILURE_WINDOW_SECONDS before 429.
  SIGN_IN_ADDRESS_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(5),
  SIGN_IN_CLIENT_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
  // Company single sign-on (OpenID Connect, authorization code flow with PKCE): all three or none.
  OIDC_ISSUER_URL: url(['http', 'https']).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
});

export type AppConfig = Readonly<Omit<z.infer<typeof schema>, 'JWT_SECRET' | 'LINK_SECRET'> & { JWT_SECRET: string; LINK_SECRET: string }>;

export class ConfigError extends Error {}

function byteLength(secret: string): number {
  return Buffer.byteLength(secret, 'utf8');
}

/** Why the secrets cannot be used in this environment: one line per problem. */
function secretProblems(nodeEnv: string, secret: string | undefined, linkSecret: string | undefined): string[] {
  const problems: string[] = [];
  if (linkSecret !== undefined && linkSecret === secret) problems.push('LINK_SECRET: must differ from JWT_SECRET (a leaked email link key must not sign API tokens)');
  if (RELAXED_ENVIRONMENTS.includes(nodeEnv)) return problems;
  const where = `NODE_ENV is "${nodeEnv}"; only development and test may run without a secret of their own`;
  if (secret === undefined) problems.push(`JWT_SECRET: must be set (${where})`);
  else if (secret === DEVELOPMENT_JWT_SECRET) problems.push(`JWT_SECRET: is the documented development value, which anyone can read (${where})`);
  else if (byteLength(secret) < PRODUCTION_SECRET_MIN_BYTES) problems.push(`JWT_SECRET: must be at least ${PRODUCTION_SECRET_MIN_BYTES} bytes outside development and test (${where})`);
  if (linkSecret !== undefined && byteLength(linkSecret) < PRODUCTION_SECRET_MIN_BYTES) {
    problems.push(`LINK_SECRET: must be at least ${PRODUCTION_SECRET_MIN_BYTES} bytes outside development and test (${where})`);
  }
  return problems;
}

const OIDC_VARIABLES = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Single sign-on is configured whole or not at all, and over https outside development and test. */
function oidcProblems(nodeEnv: string, env: Record<string, string | undefined>): string[] {
  const set = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
  if (set.length === 0) return [];
  const problems = OIDC_VARIABLES.filter((name) => env[name] === undefined).map((name) => `${name}: must be set with ${set.join(', ')} (single sign-on needs all three)`);
  if (!RELAXED_ENVIRONMENTS.includes(nodeEnv) && env.OIDC_ISSUER_URL?.startsWith('http://')) problems.push(`OIDC_ISSUER_URL: must be https outside development and test (NODE_ENV is "${nodeEnv}")`);
  return problems;
}

/** The email-link key when LINK_SECRET is unset: HKDF-SHA256 of JWT_SECRET under a label of its own. */
export function deriveLinkSecret(jwtSecret: string): string {
  return Buffer.from(hkdfSync('sha256', jwtSecret, '', LINK_KEY_INFO, 32)).toString('base64url');
}

/** Validates the environment once; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  lines.push(...secretProblems(cleaned.NODE_ENV ?? 'production', cleaned.JWT_SECRET, cleaned.LINK_SECRET));
  lines.push(...oidcProblems(cleaned.NODE_ENV ?? 'production', cleaned));
  if (!parsed.success || lines.length > 0) throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  const jwtSecret = parsed.data.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  return Object.freeze({ ...parsed.data, JWT_SECRET: jwtSecret, LINK_SECRET: parsed.data.LINK_SECRET ?? deriveLinkSecret(jwtSecret) });
}

/** The only place that reads process.env; `defaults` fill what the environment leaves unset. */
export function configFromProcessEnv(defaults: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...defaults, ...process.env });
}

/**
 * Only DATABASE_URL, validated as the services validate it: for tools that touch nothing but the
 * database (`npm run db:migrate`), which must not need the services' secrets.
 */
export function databaseUrlFromProcessEnv(): string {
  const parsed = schema.pick({ DATABASE_URL: true }).safeParse({ DATABASE_URL: process.env.DATABASE_URL || undefined });
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n  ${parsed.error.issues.map((issue) => `DATABASE_URL: ${issue.message}`).join('\n  ')}`);
  return parsed.data.DATABASE_URL;
}

/** Whether a variable was set explicitly (the demo starts its own inbox only when SMTP_URL is not). */
export function isSetInProcessEnv(name: keyof AppConfig): boolean {
  return Boolean(process.env[name]);
}
