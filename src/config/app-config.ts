import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
  registerDecorator,
  validateSync,
} from 'class-validator';
import { isIP } from 'node:net';

/**
 * The service's environment (SPEC §8), validated once at start-up.
 * A bad value stops the start with a message naming the variable.
 */
export class EnvironmentVariables {
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT: number = 3000;

  @ValidateBy(
    {
      name: 'isListenAddress',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (value === 'localhost' || isIP(value) !== 0),
      },
    },
    { message: 'HOST must be an IP address (127.0.0.1, 0.0.0.0, ::1, ::) or localhost' },
  )
  HOST: string = '127.0.0.1';

  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:PATH (e.g. sqlite:data/appeals.sqlite) or postgres://USER@HOST:PORT/DB',
  })
  DATABASE_URL: string = 'sqlite:data/appeals.sqlite';

  @IsOptional()
  @MinLength(24, { message: 'APPEALS_ADMIN_TOKEN must be at least 24 characters long' })
  @Matches(/^[A-Za-z0-9._~+/=-]+$/, { message: 'APPEALS_ADMIN_TOKEN may contain only letters, digits and ._~+/=-' })
  @IsStrongSecret({
    message:
      'APPEALS_ADMIN_TOKEN is too easy to guess: use a random value of at least 128 bits (e.g. `openssl rand -base64 32`)',
  })
  APPEALS_ADMIN_TOKEN?: string;

  @IsOptional()
  @IsIn(['0', '1'], {
    message: 'APPEALS_ADMIN_TOKEN_ROTATE must be 1 (make APPEALS_ADMIN_TOKEN the administrator’s token) or 0',
  })
  APPEALS_ADMIN_TOKEN_ROTATE?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  @IsOptional()
  @Matches(/^\S+$/, { message: 'APPEALS_DATA_DIR must be a path without spaces' })
  APPEALS_DATA_DIR?: string;

  @IsOptional()
  @IsInt({ message: 'APPEALS_REFUSAL_RETENTION_DAYS must be a whole number of days from 30 to 36500' })
  @Min(30, { message: 'APPEALS_REFUSAL_RETENTION_DAYS must be a whole number of days from 30 to 36500' })
  @Max(36_500, { message: 'APPEALS_REFUSAL_RETENTION_DAYS must be a whole number of days from 30 to 36500' })
  APPEALS_REFUSAL_RETENTION_DAYS?: number;

  @IsOptional()
  @IsInt({ message: 'APPEALS_FAULT_ANSWER_DELAY_MS must be a whole number of milliseconds from 0 to 10000' })
  @Min(0, { message: 'APPEALS_FAULT_ANSWER_DELAY_MS must be a whole number of milliseconds from 0 to 10000' })
  @Max(10_000, { message: 'APPEALS_FAULT_ANSWER_DELAY_MS must be a whole number of milliseconds from 0 to 10000' })
  APPEALS_FAULT_ANSWER_DELAY_MS?: number;

  @IsOptional()
  @IsInt({ message: 'APPEALS_RATE_LIMIT must be a whole number of requests a minute per account (0 = off)' })
  @Min(0, { message: 'APPEALS_RATE_LIMIT must be a whole number of requests a minute per account (0 = off)' })
  APPEALS_RATE_LIMIT?: number;

  @IsOptional()
  @IsInt({ message: 'APPEALS_SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Min(1, { message: 'APPEALS_SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  @Max(1440, { message: 'APPEALS_SESSION_IDLE_MINUTES must be a whole number of minutes between 1 and 1440' })
  APPEALS_SESSION_IDLE_MINUTES?: number;

  @IsOptional()
  @IsInt({ message: 'APPEALS_SESSION_MAX_HOURS must be a whole number of hours between 1 and 168' })
  @Min(1, { message: 'APPEALS_SESSION_MAX_HOURS must be a whole number of hours between 1 and 168' })
  @Max(168, { message: 'APPEALS_SESSION_MAX_HOURS must be a whole number of hours between 1 and 168' })
  APPEALS_SESSION_MAX_HOURS?: number;

  @IsOptional()
  @IsInt({
    message: 'APPEALS_RATE_LIMIT_ADDRESS must be a whole number of requests a minute per client address (0 = off)',
  })
  @Min(0, {
    message: 'APPEALS_RATE_LIMIT_ADDRESS must be a whole number of requests a minute per client address (0 = off)',
  })
  APPEALS_RATE_LIMIT_ADDRESS?: number;

  @IsOptional()
  @IsInt({
    message:
      'APPEALS_AUTH_FAILURE_LIMIT must be a whole number of failed authentications a minute per client address (0 = off)',
  })
  @Min(0, {
    message:
      'APPEALS_AUTH_FAILURE_LIMIT must be a whole number of failed authentications a minute per client address (0 = off)',
  })
  APPEALS_AUTH_FAILURE_LIMIT?: number;

  @IsOptional()
  @IsInt({ message: 'APPEALS_REQUEST_TIMEOUT must be a whole number of seconds from 5 to 600' })
  @Min(5, { message: 'APPEALS_REQUEST_TIMEOUT must be a whole number of seconds from 5 to 600' })
  @Max(600, { message: 'APPEALS_REQUEST_TIMEOUT must be a whole number of seconds from 5 to 600' })
  APPEALS_REQUEST_TIMEOUT?: number;

  @IsOptional()
  @ValidateBy(
    {
      name: 'isProxyList',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.split(',').every((part) => {
            const [address, bits, ...rest] = part.trim().split('/');
            if (['loopback', 'linklocal', 'uniquelocal'].includes(address) && bits === undefined) return true;
            const family = isIP(address);
            return (
              family !== 0 &&
              rest.length === 0 &&
              (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
            );
          }),
      },
    },
    {
      message:
        'APPEALS_TRUST_PROXY must be a comma-separated list of proxy addresses or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8 (or loopback, linklocal, uniquelocal)',
    },
  )
  APPEALS_TRUST_PROXY?: string;
}

export class ConfigurationError extends Error {}

/**
 * A secret that is hard to guess: its estimated strength (length × log2 of the alphabet its characters come
 * from, counting only distinct characters as spread) is at least 128 bits, it uses at least 12 distinct
 * characters, and no character makes up more than a quarter of it. `aaaaaaaaaaaaaaaaaaaaaaaa` fails; a 32-byte
 * random base64url value passes.
 */
export function secretStrengthBits(secret: string): number {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];
  const alphabet = [26, 26, 10, 32].reduce((n, size, i) => (classes[i].test(secret) ? n + size : n), 0);
  const distinct = new Set(secret).size;
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const most = Math.max(...counts.values());
  if (distinct < 12 || most * 4 > secret.length) return 0;
  return Math.floor(secret.length * Math.log2(Math.max(alphabet, 2)));
}

function IsStrongSecret(options: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStrongSecret',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: (value: unknown) => typeof value !== 'string' || secretStrengthBits(value) >= 128 },
    });
}

export interface AppConfig {
  port: number;
  /** The address to listen on (HOST; default 127.0.0.1: expose it through a TLS proxy, docs/operations.md). */
  host?: string;
  databaseUrl: string;
  adminToken?: string;
  /** APPEALS_ADMIN_TOKEN_ROTATE=1: a changed APPEALS_ADMIN_TOKEN replaces the first administrator's token (audited). */
  adminTokenRotate?: boolean;
  logLevel: string;
  /** Where the SQLite file (by default), documents and generated secrets live. */
  dataDir: string;
  /** Background workers (deadline scheduler, outbox); off for the CLI. */
  workers?: boolean;
  /** How often the deadline scheduler sweeps (ms). */
  sweepIntervalMs?: number;
  /** Requests a minute per bearer token (0 = no limit); anonymous requests at most 120 a minute per address. */
  rateLimitPerMinute?: number;
  /** Where the shipped official calendar is read from at start (default: config/calendar of the installation). */
  calendarDir?: string;
  /**
   * Fault injection for the crash test: every write holds its answer this long AFTER it committed, so a kill
   * lands between the commit and the answer often (0 = off; never set it in production).
   */
  faultAnswerDelayMs?: number;
  /** How long refused actions are kept (days; default three years). */
  refusalRetentionDays?: number;
  /** Sees every SQL statement (bench/commands counts statements per command); not for production. */
  queryLogger?: import('typeorm').Logger;
  /** Web sessions end after this many minutes without a request (default 30) … */
  sessionIdleMinutes?: number;
  /** … and this many hours after sign-in in any case (default 12). */
  sessionMaxHours?: number;
  /** Requests a minute per client address, whatever the token (0 = no limit). */
  rateLimitPerAddress?: number;
  /** Failed authentications (401) a minute per client address before the address is answered 429 (0 = no limit). */
  authFailureLimit?: number;
  /** The rate-limit window (ms); a minute except in tests. */
  rateLimitWindowMs?: number;
  /** The longest time a client may take to send a whole request, headers and body (ms). */
  requestTimeoutMs?: number;
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges); none by default. */
  trustProxy?: string[];
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads and validates the environment; throws ConfigurationError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of [
    'PORT',
    'HOST',
    'DATABASE_URL',
    'APPEALS_ADMIN_TOKEN',
    'APPEALS_ADMIN_TOKEN_ROTATE',
    'LOG_LEVEL',
    'APPEALS_DATA_DIR',
    'APPEALS_RATE_LIMIT',
    'APPEALS_RATE_LIMIT_ADDRESS',
    'APPEALS_AUTH_FAILURE_LIMIT',
    'APPEALS_REQUEST_TIMEOUT',
    'APPEALS_TRUST_PROXY',
    'APPEALS_FAULT_ANSWER_DELAY_MS',
    'APPEALS_REFUSAL_RETENTION_DAYS',
    'APPEALS_SESSION_IDLE_MINUTES',
    'APPEALS_SESSION_MAX_HOURS',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const numeric of [
    'PORT',
    'APPEALS_RATE_LIMIT',
    'APPEALS_RATE_LIMIT_ADDRESS',
    'APPEALS_AUTH_FAILURE_LIMIT',
    'APPEALS_REQUEST_TIMEOUT',
    'APPEALS_FAULT_ANSWER_DELAY_MS',
    'APPEALS_REFUSAL_RETENTION_DAYS',
    'APPEALS_SESSION_IDLE_MINUTES',
    'APPEALS_SESSION_MAX_HOURS',
  ]) {
    const text = raw[numeric];
    if (typeof text === 'string') raw[numeric] = /^\d+$/.test(text) ? Number(text) : text;
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${[...new Set(Object.values(e.constraints ?? {}))].join('; ')}`);
    throw new ConfigurationError(`Invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    adminToken: vars.APPEALS_ADMIN_TOKEN,
    ...(vars.APPEALS_ADMIN_TOKEN_ROTATE === '1' ? { adminTokenRotate: true } : {}),
    logLevel: vars.LOG_LEVEL,
    dataDir: vars.APPEALS_DATA_DIR ?? defaultDataDir(vars.DATABASE_URL),
    ...(vars.APPEALS_RATE_LIMIT !== undefined ? { rateLimitPerMinute: vars.APPEALS_RATE_LIMIT } : {}),
    ...(vars.APPEALS_FAULT_ANSWER_DELAY_MS ? { faultAnswerDelayMs: vars.APPEALS_FAULT_ANSWER_DELAY_MS } : {}),
    ...(vars.APPEALS_REFUSAL_RETENTION_DAYS !== undefined
      ? { refusalRetentionDays: vars.APPEALS_REFUSAL_RETENTION_DAYS }
      : {}),
    ...(vars.APPEALS_SESSION_IDLE_MINUTES !== undefined
      ? { sessionIdleMinutes: vars.APPEALS_SESSION_IDLE_MINUTES }
      : {}),
    ...(vars.APPEALS_SESSION_MAX_HOURS !== undefined ? { sessionMaxHours: vars.APPEALS_SESSION_MAX_HOURS } : {}),
    ...(vars.APPEALS_RATE_LIMIT_ADDRESS !== undefined ? { rateLimitPerAddress: vars.APPEALS_RATE_LIMIT_ADDRESS } : {}),
    ...(vars.APPEALS_AUTH_FAILURE_LIMIT !== undefined ? { authFailureLimit: vars.APPEALS_AUTH_FAILURE_LIMIT } : {}),
    ...(vars.APPEALS_REQUEST_TIMEOUT !== undefined ? { requestTimeoutMs: vars.APPEALS_REQUEST_TIMEOUT * 1000 } : {}),
    ...(vars.APPEALS_TRUST_PROXY !== undefined
      ? { trustProxy: vars.APPEALS_TRUST_PROXY.split(',').map((p) => p.trim()) }
      : {}),
  };
}

function defaultDataDir(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    const slash = file.lastIndexOf('/');
    return slash > 0 ? file.slice(0, slash) : '.';
  }
  return 'data';
}
