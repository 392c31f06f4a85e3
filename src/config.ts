import path from 'node:path';
import { z } from 'zod';
import { fromRoot } from './paths';

/**
 * Every setting the bot reads, validated once at start-up. A bad value stops
 * start-up with one line naming the setting, so a misconfigured deployment
 * fails loudly instead of answering staff wrongly later. `.env.example`
 * documents each key; keep the two in step.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
/** "a, b" → ["a", "b"], each checked by `item`. */
const commaList = (item: z.ZodString) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v), z.array(item).min(1));
const positiveInt = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

const schema = z
  .object({
    MICROSOFT_APP_ID: z.preprocess(emptyToUndefined, guid.optional()),
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TYPE: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
    MICROSOFT_APP_TENANT_ID: z.preprocess(emptyToUndefined, guid.optional()),
    BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    BOT_EMULATOR_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => /^(postgres(ql)?:\/\/|sqlite:)/.test(v), 'must start with postgres://, postgresql:// or sqlite:')
        .optional(),
    ),
    DIRECTORY_FILE: optionalString,
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    DEFAULT_SERVICE_URL: z.preprocess(emptyToUndefined, z.string().url().default('https://smba.trafficmanager.net/teams/')),
    OUTBOX_POLL_MS: positiveInt(1000),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8),
    OUTBOX_LEASE_MS: positiveInt(120_000),
    OUTBOX_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(4)),
    CONNECTOR_TIMEOUT_MS: positiveInt(15_000),
    REMINDER_BUSINESS_DAYS: positiveInt(2),
    ESCALATION_BUSINESS_DAYS: positiveInt(5),
    SHUTDOWN_GRACE_MS: positiveInt(10000),
    RATE_LIMIT_PER_MINUTE: positiveInt(20),
    RATE_LIMIT_BURST: positiveInt(10),
    TURN_LIMIT_PER_MINUTE: positiveInt(60),
    TURN_LIMIT_BURST: positiveInt(30),
    REQUEST_LIMIT_PER_HOUR: positiveInt(20),
    // The oversight tab's sign-in (Teams SSO). Empty: Microsoft Entra v2 for MICROSOFT_APP_TENANT_ID,
    // audience MICROSOFT_APP_ID. Tests point these at a local key.
    TAB_SSO_JWKS_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    TAB_SSO_ISSUER: z.preprocess(emptyToUndefined, commaList(z.string().url()).optional()),
    TAB_SSO_AUDIENCE: z.preprocess(emptyToUndefined, commaList(z.string().min(1)).optional()),
    ACCOUNT_INACTIVITY_DAYS: positiveInt(90),
    ACCOUNT_CHECK_MINUTES: positiveInt(60),
    // Prometheus figures are for the operators' scraper only: without a token /metrics is not served.
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 visible characters with no spaces (e.g. openssl rand -hex 32)')
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.MICROSOFT_APP_ID && v.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !v.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_APP_PASSWORD'], message: 'is required when MICROSOFT_APP_ID is set' });
    }
    // A connector call must end well inside the lease, or a second instance may take the row and post it again.
    if (v.CONNECTOR_TIMEOUT_MS * 2 > v.OUTBOX_LEASE_MS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['CONNECTOR_TIMEOUT_MS'], message: 'must be at most half of OUTBOX_LEASE_MS' });
    }
    if (v.MICROSOFT_APP_TYPE === 'SingleTenant' && v.MICROSOFT_APP_ID && !v.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MICROSOFT_APP_TENANT_ID'], message: 'is required for a SingleTenant app' });
    }
  });

export type RawConfig = z.infer<typeof schema>;

/** Every setting's name, so a test can hold `.env.example` and the README to documenting each one. */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.innerType().shape);

export interface Config {
  bot: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** Only for tests and sovereign clouds: where the channel's signing keys are published. */
    openIdMetadataUrl?: string;
    /** Only for tests and sovereign clouds: where the Bot Framework Emulator's signing keys are published. */
    emulatorOpenIdMetadataUrl?: string;
    defaultServiceUrl: string;
    /** The longest one Bot Connector call may take before it is aborted. */
    connectorTimeoutMs: number;
  };
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  directoryFile: string;
  logLevel: RawConfig['LOG_LEVEL'];
  publicBaseUrl?: string;
  /** Notification delivery: poll interval, attempts, how long a claim holds, deliveries in flight at once. */
  outbox: { pollMs: number; maxAttempts: number; leaseMs: number; concurrency: number };
  reminders: { reminderBusinessDays: number; escalationBusinessDays: number };
  shutdownGraceMs: number;
  /** Questions and draft checks per person: a burst, then this many a minute. */
  rateLimit: { perMinute: number; burst: number };
  /** Every message, card button and message-extension call per person: a burst, then this many a minute. */
  turnLimit: { perMinute: number; burst: number };
  /** New and resubmitted permission requests per person per hour: each one sends cards to the people who decide. */
  requestsPerHour: number;
  /** Teams SSO for the oversight tab; empty issuers or audiences mean sign-in is not configured. */
  tabSso: { jwksUrl?: string; issuers: string[]; audiences: string[] };
  /** School-account registry (4.10, 4.14): when an account counts as inactive, and how often accounts are checked. */
  accounts: { inactivityDays: number; checkIntervalMs: number };
  /** The bearer token /metrics asks for; unset, /metrics is not served at all. */
  metricsToken?: string;
}

export class ConfigError extends Error {
  constructor(readonly setting: string, problem: string) {
    super(`Configuration error: ${setting} ${problem}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'configuration'), issue.message.replace(/^(\w)/, (c) => c.toLowerCase()));
  }
  const v = parsed.data;
  const dataDir = path.resolve(v.DATA_DIR);
  return {
    bot: {
      appId: v.MICROSOFT_APP_ID,
      appPassword: v.MICROSOFT_APP_PASSWORD,
      appType: v.MICROSOFT_APP_TYPE,
      tenantId: v.MICROSOFT_APP_TENANT_ID,
      openIdMetadataUrl: v.BOT_OPENID_METADATA_URL,
      emulatorOpenIdMetadataUrl: v.BOT_EMULATOR_OPENID_METADATA_URL,
      defaultServiceUrl: v.DEFAULT_SERVICE_URL,
      connectorTimeoutMs: v.CONNECTOR_TIMEOUT_MS,
    },
    port: v.PORT,
    host: v.HOST,
    dataDir,
    databaseUrl: v.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'pr708.sqlite')}`,
    directoryFile: v.DIRECTORY_FILE ? path.resolve(v.DIRECTORY_FILE) : fromRoot('src', 'directory', 'sample-directory.yaml'),
    logLevel: v.LOG_LEVEL,
    publicBaseUrl: v.PUBLIC_BASE_URL,
    outbox: { pollMs: v.OUTBOX_POLL_MS, maxAttempts: v.OUTBOX_MAX_ATTEMPTS, leaseMs: v.OUTBOX_LEASE_MS, concurrency: v.OUTBOX_CONCURRENCY },
    reminders: { reminderBusinessDays: v.REMINDER_BUSINESS_DAYS, escalationBusinessDays: v.ESCALATION_BUSINESS_DAYS },
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    rateLimit: { perMinute: v.RATE_LIMIT_PER_MINUTE, burst: v.RATE_LIMIT_BURST },
    turnLimit: { perMinute: v.TURN_LIMIT_PER_MINUTE, burst: v.TURN_LIMIT_BURST },
    requestsPerHour: v.REQUEST_LIMIT_PER_HOUR,
    tabSso: tabSso(v),
    accounts: { inactivityDays: v.ACCOUNT_INACTIVITY_DAYS, checkIntervalMs: v.ACCOUNT_CHECK_MINUTES * 60_000 },
    metricsToken: v.METRICS_TOKEN,
  };
}

/** Entra v2 (and v1) token issuers for the tenant, and the app's id (and its api:// URI) as audience, unless set. */
function tabSso(v: RawConfig): Config['tabSso'] {
  const tenant = v.MICROSOFT_APP_TENANT_ID;
  const appId = v.MICROSOFT_APP_ID;
  const host = v.PUBLIC_BASE_URL ? new URL(v.PUBLIC_BASE_URL).host : undefined;
  return {
    jwksUrl: v.TAB_SSO_JWKS_URL ?? (tenant ? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys` : undefined),
    issuers: v.TAB_SSO_ISSUER ?? (tenant ? [`https://login.microsoftonline.com/${tenant}/v2.0`, `https://sts.windows.net/${tenant}/`] : []),
    audiences: v.TAB_SSO_AUDIENCE ?? (appId ? [appId, ...(host ? [`api://${host}/${appId}`] : [])] : []),
  };
}
