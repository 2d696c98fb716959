import { Body, Controller, Delete, Get, Param, Put, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Public, Access } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { isIsoDate } from '../common/validators/iso-instant';
import { CalendarService } from './calendar.service';
import { CalendarEntryBodyDto, CalendarYearBodyDto, RemoveEntryQueryDto } from './dto/calendar-entry.dto';
import { DeadlineQueryDto, termOf } from './dto/deadline-query.dto';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { Created } from '../common/answers';
import { PageQueryDto, pageOf } from '../common/paging';

function dateParam(date: string): string {
  if (!isIsoDate(date))
    throw DomainError.validation([{ name: 'date', reason: 'must be an existing date in the form YYYY-MM-DD' }]);
  return date;
}

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @Public()
  @ApiOperation({ summary: 'When a term of N working or calendar days that starts with an event ends (SPEC §3)' })
  @ApiAnswer('Deadline')
  deadline(@Query() query: DeadlineQueryDto) {
    return this.calendar.deadline(query.from, termOf(query));
  }

  @Get('days/:date')
  @Public()
  @ApiOperation({ summary: 'Whether a date is a working day in Kazakhstan, and why' })
  @ApiAnswer('CalendarDay')
  day(@Param('date') date: string) {
    return this.calendar.day(dateParam(date));
  }

  @Get('years/:year')
  @Public()
  @ApiOperation({ summary: 'Every day off, moved day off and working weekend day of a year, with its act' })
  @ApiAnswer('CalendarYear')
  year(@Param('year') year: string) {
    if (!/^\d{4}$/.test(year)) throw DomainError.validation([{ name: 'year', reason: 'must be a four-digit year' }]);
    return this.calendar.year(Number(year));
  }

  @Get('versions')
  @Public()
  @ApiOperation({ summary: 'The versions of the official calendar, newest first' })
  @ApiAnswer(page('CalendarVersion', 'Calendar versions, newest first'))
  async versions(@Query() query: PageQueryDto) {
    return pageOf(await this.calendar.versions(), query);
  }

  @Get('imports')
  @Public()
  @ApiOperation({
    summary:
      'The shipped calendar files met at start, newest first: which file content (SHA-256) made which calendar version',
  })
  @ApiAnswer(page('CalendarImport', 'Shipped calendar files as imported'))
  async imports(@Query() query: PageQueryDto) {
    return pageOf(await this.calendar.imports(), query);
  }

  @Get('import-conflicts')
  @Access('calendar.import-conflicts')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Dates a newer shipped calendar file would have changed but an administrator had corrected later: the correction was kept, not overwritten',
  })
  @ApiAnswer(page('CalendarImportConflict', 'Dates kept against a shipped file'))
  async importConflicts(@Query() query: PageQueryDto) {
    return pageOf(await this.calendar.importConflicts(), query);
  }

  @Put('entries/:date')
  @Access('calendar.write')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add or correct one day of the calendar (creates a new calendar version)' })
  @ApiAnswer('CalendarChange')
  setEntry(
    @Param('date') date: string,
    @Body() body: CalendarEntryBodyDto,
    @CurrentAccount() account: AuthenticatedAccount,
  ) {
    const { note, ...fields } = body;
    return this.calendar.setEntry({ date: dateParam(date), ...fields }, account.displayName, note);
  }

  @Delete('entries/:date')
  @Access('calendar.write')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove the entry of one day (creates a new calendar version)' })
  @ApiAnswer('CalendarChange')
  removeEntry(
    @Param('date') date: string,
    @Query() query: RemoveEntryQueryDto,
    @CurrentAccount() account: AuthenticatedAccount,
  ) {
    return this.calendar.removeEntry(dateParam(date), account.displayName, query.note);
  }

  @Post('years')
  @Access('calendar.write')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a whole year of the official calendar (creates a new calendar version)' })
  @ApiCreated('CalendarChange')
  @Created((change: { year: number }) => `/api/v1/calendar/years/${change.year}`)
  async addYear(@Body() body: CalendarYearBodyDto, @CurrentAccount() account: AuthenticatedAccount) {
    return {
      year: body.year,
      ...(await this.calendar.addYear(body.year, body.source, body.entries, account.displayName)),
    };
  }
}
