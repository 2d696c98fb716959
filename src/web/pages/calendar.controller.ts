import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import type { Role } from '../../auth/roles';
import { CalendarEntryBodyDto, RemoveEntryQueryDto } from '../../calendar/dto/calendar-entry.dto';
import { CalendarService } from '../../calendar/calendar.service';
import { CalendarYearUnknownError, KZ_ZONE, dayInfo, localDateOf } from '../../calendar/calendar-rules';
import { CaseQueueReader } from '../../cases/case-reader';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isIsoDate } from '../../common/validators/iso-instant';
import { refusalToForm, validateForm, withoutBlanks } from '../forms';
import { Words } from '../presenters/words';
import { WebRequest, formField } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

const ADMIN = { roles: ['administrator'] as Role[] };
const CATEGORIES = ['holiday', 'religious', 'moved', 'transfer', 'workingWeekend'] as const;

function dateParam(date: string): string {
  if (!isIsoDate(date)) throw new DomainError('not-found', `No day ${String(date)}`);
  return date;
}

/**
 * The official calendar as people read it (issue 14, item 5): a month with each day off and its act, a day with
 * why it is or is not a working day, and — for administrators — corrections (add, change, remove, with a reason),
 * each a new calendar version whose page shows which open deadlines it moved (the DEADLINES.RECOMPUTED events
 * written in the correction's transaction).
 */
@ApiExcludeController()
@Controller()
export class CalendarPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly calendar: CalendarService,
    private readonly queue: CaseQueueReader,
    private readonly clock: Clock,
  ) {}

  @Get('calendar')
  @WebPage()
  async month(@Query('month') monthText: string | undefined, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const today = localDateOf(this.clock.now().toISOString());
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthText ?? '') ? monthText! : today.slice(0, 7);
    const first = DateTime.fromISO(`${month}-01`, { zone: KZ_ZONE });
    const data = await this.calendar.current();
    const known = data.years.has(first.year);
    const weeks: Array<
      Array<{ date: string; day: number; tone: string; label: string | null; today: boolean } | null>
    > = [];
    const entries: Array<{
      date: string;
      href: string;
      working: boolean;
      reason: string;
      act: string | null;
      actLang: string | null;
      forecast: boolean;
    }> = [];
    if (known) {
      let week: (typeof weeks)[number] = Array<null>(first.weekday - 1).fill(null);
      for (let d = first; d.month === first.month; d = d.plus({ days: 1 })) {
        const date = d.toISODate()!;
        const info = dayInfo(data, date);
        const entry = data.entries.get(date);
        const tone = info.working ? (entry ? 'working' : d.weekday >= 6 ? 'working' : '') : entry ? 'off' : 'weekend';
        week.push({
          date,
          day: d.day,
          tone,
          label: entry ? words.d(`calendar.short.${entry.category}`) : null,
          today: date === today,
        });
        if (entry)
          entries.push({
            date: words.date(date),
            href: `/day/${date}`,
            working: info.working,
            reason: info.reason[words.lang],
            act: entry.act,
            actLang: /[\u0400-\u04FF]/.test(entry.act) ? null : 'en',
            forecast: !!entry.forecast,
          });
        if (week.length === 7) {
          weeks.push(week);
          week = [];
        }
      }
      if (week.length) weeks.push([...week, ...Array<null>(7 - week.length).fill(null)]);
    }
    const shift = (n: number) => first.plus({ months: n }).toFormat('yyyy-MM');
    return this.views.send(reply, request, 'calendar', {
      title: words.t('calendar.monthTitle', { month: words.d(`calendar.months.m${first.month}`), year: first.year }),
      known,
      weeks,
      entries,
      weekdays: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
        short: words.d(`calendar.weekdays.d${n}`),
        long: words.d(`calendar.weekdaysLong.d${n}`),
      })),
      previous: `/calendar?month=${shift(-1)}`,
      next: `/calendar?month=${shift(1)}`,
      previousText: words.t('calendar.monthTitle', {
        month: words.d(`calendar.months.m${first.minus({ months: 1 }).month}`),
        year: first.minus({ months: 1 }).year,
      }),
      nextText: words.t('calendar.monthTitle', {
        month: words.d(`calendar.months.m${first.plus({ months: 1 }).month}`),
        year: first.plus({ months: 1 }).year,
      }),
      version: data.version,
      forecastYear: data.forecastYears?.has(first.year) ?? false,
    });
  }

  @Get('day/:date')
  @WebPage()
  async day(@Param('date') date: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    return this.views.send(reply, request, 'calendar-day', {
      ...(await this.dayModel(dateParam(date), words)),
      errors: new FormErrors(words.lang),
    });
  }

  /** Adds or changes the entry of a day: a new calendar version; open deadlines are recomputed in the same transaction. */
  @Post('day/:date')
  @WebPage(ADMIN)
  async setDay(@Param('date') date: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    dateParam(date);
    const values = Object.fromEntries(
      ['kind', 'category', 'nameKk', 'nameRu', 'nameEn', 'act', 'note'].map((n) => [n, formField(request, n).trim()]),
    );
    const errors = new FormErrors(words.lang);
    const fieldOf = (path: string) =>
      path.startsWith('name.') ? `name${path[5].toUpperCase()}${path.slice(6)}` : path === 'name' ? 'nameKk' : path;
    const dto = await validateForm(
      CalendarEntryBodyDto,
      withoutBlanks({
        kind: values.kind,
        category: values.category,
        name: withoutBlanks({ kk: values.nameKk, ru: values.nameRu, en: values.nameEn }),
        act: values.act,
        note: values.note,
      }),
      errors,
      words.lang,
      fieldOf,
    );
    if (dto) {
      try {
        const { note, ...entry } = dto;
        const { calendarVersion } = await this.calendar.setEntry(
          { date, ...entry, name: { ...entry.name } },
          request.web!.session!.account.displayName,
          note,
        );
        return this.views.redirect(reply, `/calendar-change/${calendarVersion}`);
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, fieldOf, 'kind')) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'calendar-day',
      { ...(await this.dayModel(date, words)), values, errors },
      422,
    );
  }

  @Post('day/:date/removal')
  @WebPage(ADMIN)
  async removeDay(@Param('date') date: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    dateParam(date);
    const note = formField(request, 'removeNote').trim();
    const errors = new FormErrors(words.lang);
    const dto = await validateForm(
      RemoveEntryQueryDto,
      withoutBlanks({ note }),
      errors,
      words.lang,
      () => 'removeNote',
    );
    if (dto) {
      try {
        const { calendarVersion } = await this.calendar.removeEntry(
          date,
          request.web!.session!.account.displayName,
          dto.note,
        );
        return this.views.redirect(reply, `/calendar-change/${calendarVersion}`);
      } catch (error) {
        if (!refusalToForm(error, errors, words.lang, () => 'removeNote', 'removeNote')) throw error;
      }
    }
    return this.views.send(
      reply,
      request,
      'calendar-day',
      { ...(await this.dayModel(date, words)), removeNote: note, errors },
      422,
    );
  }

  @Get('calendar-changes')
  @WebPage()
  async changes(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const versions = (await this.calendar.versions()).map((v) => ({
      id: v.id,
      href: `/calendar-change/${v.id}`,
      at: words.dateTime(v.createdAt),
      actor: v.actor === 'system' ? words.t('people.system') : v.actor,
      note: v.note,
    }));
    return this.views.send(reply, request, 'calendar-changes', { versions });
  }

  /** One calendar version: what changed, who changed it and why, and which open deadlines it moved (in the cases the reader may see). */
  @Get('calendar-change/:version')
  @WebPage()
  async change(@Param('version') versionText: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const id = /^[1-9]\d{0,8}$/.test(versionText) ? Number(versionText) : NaN;
    const version = (await this.calendar.versions()).find((v) => v.id === id);
    if (!version) throw new DomainError('not-found', `No calendar version ${versionText}`);
    const moved = await this.queue.movedByCalendarVersion(id, request.web!.session!.account);
    return this.views.send(reply, request, 'calendar-change', {
      version: {
        id,
        at: words.dateTime(version.createdAt),
        actor: version.actor === 'system' ? words.t('people.system') : version.actor,
        note: version.note,
      },
      moved: moved.map((m) => ({
        href: `/case/${m.case.id}`,
        ref: words.caseRef(m.case),
        terms: m.terms.map((term) => ({
          name: words.term(term.kind),
          from: term.previous ? words.dateTime(term.previous) : '—',
          to: words.dateTime(term.due),
        })),
      })),
    });
  }

  private async dayModel(date: string, words: Words) {
    const data = await this.calendar.current();
    let info;
    try {
      info = dayInfo(data, date);
    } catch (error) {
      if (!(error instanceof CalendarYearUnknownError)) throw error;
      info = null;
    }
    const entry = data.entries.get(date) ?? null;
    return {
      date,
      title: words.t('calendar.dayTitle', { date: words.date(date) }),
      month: `/calendar?month=${date.slice(0, 7)}`,
      known: info !== null,
      working: info?.working ?? null,
      reason: info?.reason[words.lang] ?? null,
      act: info?.act ?? null,
      actLang: info?.act && !/[\u0400-\u04FF]/.test(info.act) ? 'en' : null,
      forecast: info?.forecast ?? false,
      entry,
      version: data.version,
      values: entry
        ? {
            kind: entry.kind,
            category: entry.category,
            nameKk: entry.name.kk,
            nameRu: entry.name.ru,
            nameEn: entry.name.en,
            act: entry.act,
            note: '',
          }
        : {},
      kinds: [
        { value: 'dayOff', text: words.t('calendar.kinds.dayOff') },
        { value: 'workingDay', text: words.t('calendar.kinds.workingDay') },
      ],
      categories: CATEGORIES.map((c) => ({ value: c, text: words.d(`calendar.categories.${c}`) })),
    };
  }
}
