import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppModule } from './app.module';
import { AuditService } from './audit/audit.service';
import { CalendarService } from './calendar/calendar.service';
import { DeadlineQueryDto, termOf } from './calendar/dto/deadline-query.dto';
import { DomainError } from './common/domain-error';
import { PROBLEM_TYPES, problemTypeUri } from './common/problem-types';
import { flattenValidationErrors } from './common/validation';
import { ConfigurationError, loadConfig } from './config/app-config';

const USAGE = `Usage:
  npm run -s cli -- deadline --from ISO (--working-days N | --calendar-days N)
  npm run -s cli -- day YYYY-MM-DD
  npm run -s cli -- audit verify      (exit 0: the log is intact; 1: a broken link was found)`;

/** Parses `--name value` pairs; a flag given twice or without a value is an error naming it. */
export function parseFlags(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw DomainError.validation([{ name: arg, reason: 'unexpected argument' }]);
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? args[++i];
    if (value === undefined || value.startsWith('--'))
      throw DomainError.validation([{ name: `--${name}`, reason: 'needs a value' }]);
    if (name in flags) throw DomainError.validation([{ name: `--${name}`, reason: 'given twice' }]);
    flags[name] = value;
  }
  return flags;
}

const CLI_NAMES: Record<string, string> = {
  from: '--from',
  workingDays: '--working-days',
  calendarDays: '--calendar-days',
};

function deadlineQuery(flags: Record<string, string>): DeadlineQueryDto {
  const known = new Set(['from', 'working-days', 'calendar-days']);
  const unknown = Object.keys(flags).filter((k) => !known.has(k));
  if (unknown.length) throw DomainError.validation(unknown.map((k) => ({ name: `--${k}`, reason: 'unknown option' })));
  const dto = plainToInstance(DeadlineQueryDto, {
    from: flags['from'],
    workingDays: flags['working-days'],
    calendarDays: flags['calendar-days'],
  });
  const errors = validateSync(dto);
  if (errors.length) {
    throw DomainError.validation(
      flattenValidationErrors(errors).map((p) => ({ ...p, name: CLI_NAMES[p.name] ?? p.name })),
    );
  }
  return dto;
}

function printProblem(error: DomainError): void {
  const body = {
    type: problemTypeUri(error.type),
    code: error.type,
    title: PROBLEM_TYPES[error.type].title.en,
    titles: PROBLEM_TYPES[error.type].title,
    status: error.status,
    detail: error.detail,
    ...error.extra,
  };
  process.stderr.write(JSON.stringify(body, null, 2) + '\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 64;
  }
  const config = { ...loadConfig(), logLevel: 'silent', workers: false };
  const run = async <T>(
    work: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>,
  ) => {
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  };
  try {
    if (command === 'deadline') {
      const query = deadlineQuery(parseFlags(rest));
      const term = termOf(query);
      const result = await run((app) => app.get(CalendarService).deadline(query.from, term));
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    if (command === 'day') {
      const result = await run((app) => app.get(CalendarService).day(rest[0] ?? ''));
      process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      return 0;
    }
    if (command === 'audit') {
      if (rest[0] !== 'verify' || rest.length > 1)
        throw DomainError.validation([{ name: rest[0] ?? 'audit', reason: 'the audit command is: audit verify' }]);
      const report = await run((app) => app.get(AuditService).verify());
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return report.ok ? 0 : 1;
    }
    process.stderr.write(`Unknown command "${command}"\n${USAGE}\n`);
    return 64;
  } catch (error) {
    if (error instanceof DomainError) {
      printProblem(error);
      return 2;
    }
    if (error instanceof ConfigurationError) {
      process.stderr.write(error.message + '\n');
      return 78;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
