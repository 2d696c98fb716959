import { LoggerService } from '@nestjs/common';
import { SystemClock } from './clock';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];
const clock = new SystemClock();

/** Structured JSON log lines on stdout (one object a line), for Nest's own messages. */
export class JsonLogger implements LoggerService {
  private readonly min: number;

  constructor(level: string) {
    this.min = level === 'silent' ? Infinity : LEVELS.indexOf(level as Level);
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext);
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

  private write(level: Level, message: unknown, context?: string): void {
    if (LEVELS.indexOf(level) < this.min) return;
    const fields = typeof message === 'object' && message !== null ? message : { msg: String(message) };
    process.stdout.write(JSON.stringify({ level, time: clock.now().toISOString(), context, ...fields }) + '\n');
  }
}
