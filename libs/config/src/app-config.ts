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
  // Emails one notifier process sends at once, per queue (urgent, bulk).
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(160),
  MAIL_FROM: z.string().min(3).default('salesflow <no-reply@salesflow.local>'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code').default('CNY'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACTION_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  // A port of its own serving GET /metrics, for service processes that serve no HTTP (0: any free port).
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export type AppConfig = Readonly<Omit<z.infer<typeof schema>, 'JWT_SECRET'> & { JWT_SECRET: string }>;

export class ConfigError extends Error {}

/** Why the JWT secret cannot be used in this environment, or undefined when it can. */
function jwtSecretProblem(nodeEnv: string, secret: string | undefined): string | undefined {
  if (RELAXED_ENVIRONMENTS.includes(nodeEnv)) return undefined;
  const where = `NODE_ENV is "${nodeEnv}"; only development and test may run without a secret of their own`;
  if (secret === undefined) return `JWT_SECRET: must be set (${where})`;
  if (secret === DEVELOPMENT_JWT_SECRET) return `JWT_SECRET: is the documented development value, which anyone can read (${where})`;
  return undefined;
}

/** Validates the environment once; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const lines = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  const secret = jwtSecretProblem(cleaned.NODE_ENV ?? 'production', cleaned.JWT_SECRET);
  if (secret) lines.push(secret);
  if (!parsed.success || lines.length > 0) throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  return Object.freeze({ ...parsed.data, JWT_SECRET: parsed.data.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET });
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
