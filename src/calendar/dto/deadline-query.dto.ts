import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryInteger } from '../../common/validators/bounds';
import { DomainError, invalidParam } from '../../common/domain-error';
import { IsIsoInstant, RestorePlusInOffset } from '../../common/validators/iso-instant';
import { Term } from '../calendar-rules';

export const MAX_TERM_DAYS = 366;

export class DeadlineQueryDto {
  @ApiProperty({
    example: '2025-02-03T10:00:00+05:00',
    description: 'The event that starts the term (ISO 8601 with offset)',
  })
  @RestorePlusInOffset()
  @IsIsoInstant()
  from: string;

  @ApiPropertyOptional({
    example: 5,
    minimum: 1,
    maximum: MAX_TERM_DAYS,
    description: 'A term of N working days (p.98, p.99, p.102, p.108)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'workingDays must be a whole number' })
  @Min(1, { message: 'workingDays must be at least 1' })
  @Max(MAX_TERM_DAYS, { message: `workingDays must be at most ${MAX_TERM_DAYS}` })
  workingDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TERM_DAYS, description: 'A term of N calendar days (p.106)' })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'calendarDays must be a whole number' })
  @Min(1, { message: 'calendarDays must be at least 1' })
  @Max(MAX_TERM_DAYS, { message: `calendarDays must be at most ${MAX_TERM_DAYS}` })
  calendarDays?: number;
}

/** Exactly one of the two term kinds; the error names both parameters. */
export function termOf(query: { workingDays?: number; calendarDays?: number }): Term {
  const hasWorking = query.workingDays !== undefined;
  const hasCalendar = query.calendarDays !== undefined;
  if (hasWorking && hasCalendar) {
    throw DomainError.validation([
      invalidParam('workingDays', 'refusals.misc.daysBoth'),
      invalidParam('calendarDays', 'refusals.misc.daysBoth'),
    ]);
  }
  if (!hasWorking && !hasCalendar) {
    throw DomainError.validation([
      invalidParam('workingDays', 'refusals.misc.daysNone'),
      invalidParam('calendarDays', 'refusals.misc.daysNone'),
    ]);
  }
  return hasWorking ? { workingDays: query.workingDays! } : { calendarDays: query.calendarDays! };
}
