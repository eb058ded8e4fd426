import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const schema = z.object({
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
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').default('change-me-in-production-please'),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BASE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO currency code').default('CNY'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACTION_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
});

export type AppConfig = Readonly<z.infer<typeof schema>>;

export class ConfigError extends Error {}

/** Validates the environment once; throws naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}

/** The only place that reads process.env; `defaults` fill what the environment leaves unset. */
export function configFromProcessEnv(defaults: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...defaults, ...process.env });
}

/** Whether a variable was set explicitly (the demo starts its own inbox only when SMTP_URL is not). */
export function isSetInProcessEnv(name: keyof AppConfig): boolean {
  return Boolean(process.env[name]);
}
