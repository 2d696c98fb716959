import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * One log format (issue 11): pino JSON lines, the logger Fastify itself runs on. The same instance is handed to
 * Fastify (`loggerInstance`: one line per request, below) and wrapped for Nest (application logs), so every
 * line on stdout has the same fields: `level` (name), `time` (ISO 8601), `msg`, and `reqId` where a request is
 * concerned. Bearer tokens and idempotency keys are redacted wherever they would appear.
 */
export function createLogger(level: string, stream?: { write(line: string): void }): Logger {
  return pino(
    {
      level: level === 'silent' ? 'silent' : level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["idempotency-key"]',
          'headers.authorization',
          'authorization',
          'token',
        ],
        censor: '[redacted]',
      },
    },
    stream ? stream : pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest's LoggerService over the same pino instance: `context` and the message's own fields become fields. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors it catches, (message, context) otherwise.
    const stack = context !== undefined ? stackOrContext : undefined;
    this.write('error', message, context ?? stackOrContext, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal',
    message: unknown,
    context?: string,
    stack?: string,
  ): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> =
      message instanceof Error
        ? { msg: message.message, error: message.name, ...(stack ? {} : { stack: message.stack }) }
        : typeof message === 'object' && message !== null
          ? { ...(message as Record<string, unknown>) }
          : { msg: String(message) };
    const msg = typeof fields.msg === 'string' ? fields.msg : undefined;
    delete fields.msg;
    this.logger[level]({ context, ...fields, ...(stack ? { stack } : {}) }, msg);
  }
}

/** A database URL fit for a log line: the password masked, a SQLite path as given. */
export function maskDatabaseUrl(databaseUrl: string): string {
  if (!/^postgres(ql)?:/.test(databaseUrl)) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
  }
}
