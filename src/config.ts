import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './platform/paths.js';

const flag = z.enum(['0', '1', 'true', 'false', 'yes', 'no'], { message: 'must be 0 or 1' }).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z
  .object({
    PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('localhost'),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/i, 'must be a postgres:// URL, or sqlite:<file>')
      .optional(),
    STEWARD_DATA_DIR: z.string().min(1).default('./data'),
    STEWARD_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    STEWARD_ADMIN_PASSWORD: z.string().optional(),
    STEWARD_DEMO: flag.default(true),
    STEWARD_PUBLIC_URL: z.url({ message: 'must be a URL such as https://steward.example.gov.uk' }).optional(),
    STEWARD_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    STEWARD_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
    STEWARD_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(17),
    STEWARD_TRUST_PROXY: flag.default(false),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    STEWARD_MAIL_FROM: z.string().min(3).default('Steward <steward@localhost>'),
    STEWARD_MAIL_IN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    STEWARD_MAIL_IN_HOST: z.string().min(1).optional(),
    STEWARD_MAIL_IN_MAX_MB: z.coerce.number().int().min(1).max(100).default(25),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((e) => !!e.STEWARD_ADMIN_EMAIL === !!e.STEWARD_ADMIN_PASSWORD, {
    message: 'STEWARD_ADMIN_EMAIL and STEWARD_ADMIN_PASSWORD must be set together',
    path: ['STEWARD_ADMIN_PASSWORD'],
  });

export interface Config {
  port: number;
  host: string;
  /** A postgres:// URL, or undefined for the embedded SQLite file. */
  databaseUrl: string | undefined;
  dataDir: string;
  sqliteFile: string;
  admin: { email: string; password: string } | undefined;
  demo: boolean;
  publicUrl: string;
  secureCookies: boolean;
  session: { idleMinutes: number; maxHours: number };
  /** log2 of the scrypt cost parameter N for new password hashes. */
  passwordCost: number;
  trustProxy: boolean;
  logLevel: string;
  /** Outgoing mail: sent over SMTP when set; otherwise it waits in the outbox, which admins can read. */
  mail: { smtpUrl: string | undefined; from: string };
  /** The SMTP receiver for mail to the service desk: off unless a port is set. */
  mailIn: { port: number; host: string; maxBytes: number } | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Steward's settings are not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(projectRoot, e.STEWARD_DATA_DIR);
  const sqliteFromUrl = e.DATABASE_URL?.toLowerCase().startsWith('sqlite:') ? path.resolve(projectRoot, e.DATABASE_URL.slice('sqlite:'.length)) : undefined;
  const publicUrl = e.STEWARD_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: sqliteFromUrl ? undefined : e.DATABASE_URL,
    dataDir,
    sqliteFile: sqliteFromUrl ?? path.join(dataDir, 'steward.sqlite'),
    admin: e.STEWARD_ADMIN_EMAIL && e.STEWARD_ADMIN_PASSWORD ? { email: e.STEWARD_ADMIN_EMAIL, password: e.STEWARD_ADMIN_PASSWORD } : undefined,
    demo: e.STEWARD_DEMO,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    session: { idleMinutes: e.STEWARD_SESSION_IDLE_MINUTES, maxHours: e.STEWARD_SESSION_MAX_HOURS },
    passwordCost: e.STEWARD_PASSWORD_COST,
    trustProxy: e.STEWARD_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    mail: { smtpUrl: e.SMTP_URL, from: e.STEWARD_MAIL_FROM },
    mailIn: e.STEWARD_MAIL_IN_PORT
      ? { port: e.STEWARD_MAIL_IN_PORT, host: e.STEWARD_MAIL_IN_HOST ?? e.HOST, maxBytes: e.STEWARD_MAIL_IN_MAX_MB * 1024 * 1024 }
      : undefined,
  };
}
