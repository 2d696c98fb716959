import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { AuditService } from '../../audit/audit.service';
import { KZ_ZONE } from '../../calendar/calendar-rules';
import { CaseReader } from '../../cases/case-reader';
import { DomainError } from '../../common/domain-error';
import { contentDisposition } from '../../documents/content-disposition';
import { ReadDb } from '../../database/read-db';
import { EventStore } from '../../events/event-store';
import { TableRenderService } from '../../table-render/table-render.service';
import { CASE_FORMS, OPENING_FORM_NAMES } from '../step-forms';
import { CasePresenter, CaseFacts } from '../presenters/case.presenter';
import { timelineOf } from '../presenters/timeline';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebPage } from '../web-page';
import { FormErrors, WebViews } from '../web-views';

/** A download of a page route: no caching, never framed, named in UTF-8. */
function download(reply: FastifyReply, type: string, name: string, body: Buffer | string | NodeJS.ReadableStream) {
  return reply
    .header('content-type', type)
    .header('content-disposition', contentDisposition(name))
    .header('cache-control', 'private, no-store')
    .send(body);
}

/**
 * The case page and what hangs off it (issue 14, items 3 and 4): the page, its documents, the disagreement table
 * as PDF/XLSX, the case replayed to an event or a moment, and the export bundle. Every read goes through the read
 * side in-process under the person's access (another body's case is 404, as in the API).
 */
@ApiExcludeController()
@Controller()
export class CaseController {
  constructor(
    private readonly views: WebViews,
    private readonly presenter: CasePresenter,
    private readonly cases: CaseReader,
    private readonly tables: TableRenderService,
    private readonly audit: AuditService,
    private readonly events: EventStore,
    private readonly reader: ReadDb,
  ) {}

  @Get('case/:id')
  @WebPage()
  async page(
    @Param('id') id: string,
    @Query('done') done: unknown,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const { lang, session } = request.web!;
    const words = new Words(lang);
    const model = await this.presenter.page(id, session!.account, words);
    // Issue 15: after a form, the confirmation and the next term that runs (its due time and whose move it is).
    const known = typeof done === 'string' && [...CASE_FORMS.map((f) => f.name), ...OPENING_FORM_NAMES].includes(done);
    const next = model.terms.find((term) => term.standing);
    const confirmation = known
      ? {
          text: words.d(`commandForms.done.${done}`),
          next: next
            ? words.t('commandForms.nextTerm', { term: next.name, due: next.due, whose: next.whose })
            : words.t('commandForms.noNextTerm'),
          standing: next?.standing ?? null,
        }
      : null;
    return this.views.send(reply, request, 'case', {
      ...model,
      confirmation,
      allFormed: model.allowed.every((a) => a.href),
    });
  }

  @Get('case/:id/documents/:sha256')
  @WebPage()
  async document(
    @Param('id') id: string,
    @Param('sha256') sha256: string,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const { record, stream } = await this.cases.document(id, sha256, request.web!.session!.account);
    void reply.header('x-content-sha256', record.sha256);
    return download(reply, record.mediaType, record.originalName, stream);
  }

  @Get('case/:id/table.pdf')
  @WebPage()
  async tablePdf(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const rendered = await this.tables.render(id, 'pdf', request.web!.lang, request.web!.session!.account);
    return download(reply, rendered.contentType, rendered.fileName!, rendered.body);
  }

  @Get('case/:id/table.xlsx')
  @WebPage()
  async tableXlsx(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const rendered = await this.tables.render(id, 'xlsx', request.web!.lang, request.web!.session!.account);
    return download(reply, rendered.contentType, rendered.fileName!, rendered.body);
  }

  @Get('case/:id/export')
  @WebPage()
  async exportBundle(@Param('id') id: string, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const bundle = await this.audit.exportBundle(id, request.web!.session!.account);
    const name = `audit-bundle ${bundle.case.bodyCode} ${bundle.case.direction} ${bundle.case.cycle} seq-${bundle.leaf.lastSeq}.json`;
    return download(reply, 'application/json; charset=utf-8', name, JSON.stringify(bundle, null, 2));
  }

  /**
   * The case as it was after an event (`?seq=N`, picked from the list of events) or at a moment (`?at=` a local
   * Astana date and time from the form): replayed from its events by the workflow version it was opened with.
   */
  @Get('case/:id/replay')
  @WebPage()
  async replay(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const { lang, session } = request.web!;
    const account = session!.account;
    const words = new Words(lang);
    const stream = await this.cases.visible(id, account);
    const events = await this.events.read(this.reader.manager, id);
    const errors = new FormErrors(lang);
    const seqText = typeof query.seq === 'string' ? query.seq.trim() : '';
    const atText = typeof query.at === 'string' ? query.at.trim() : '';
    let state: Awaited<ReturnType<AuditService['stateAt']>> | null = null;
    let asOf: string | null = null;
    if (atText) {
      const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(atText) ? DateTime.fromISO(atText, { zone: KZ_ZONE }) : null;
      if (!at || !at.isValid) errors.add('at', 'replay.atInvalid');
      else {
        asOf = at.toISO()!;
        try {
          state = await this.audit.stateAt(id, { at: asOf }, account);
        } catch (error) {
          if (!(error instanceof DomainError) || error.type !== 'not-found') throw error;
          errors.add('at', 'replay.atBeforeCase', { time: words.dateTime(events[0].recordedTime) });
        }
      }
    } else {
      const seq = /^[1-9]\d{0,8}$/.test(seqText) ? Number(seqText) : events.length;
      if (seqText && (!/^[1-9]\d{0,8}$/.test(seqText) || seq > events.length))
        errors.add('seq', 'replay.seqInvalid', { count: events.length });
      else {
        state = await this.audit.stateAt(id, { seq }, account);
        asOf = state.lastEvent.recordedTime;
      }
    }
    const row = stream.row;
    const facts: CaseFacts = {
      id,
      bodyCode: row.bodyCode,
      direction: row.direction,
      cycle: row.cycleCode,
      authority: row.authorityCode,
      state: state?.state ?? row.state,
      outcome: state?.outcome ?? null,
    };
    const actors = new Map<string, string>();
    const list = timelineOf(events, words, { caseId: id, actors, indicatorTitle: () => '' }).map((e) => ({
      seq: e.seq,
      title: e.title,
      when: e.when,
      href: `/case/${id}/replay?seq=${e.seq}#state`,
    }));
    const sections = state ? await this.presenter.replayed(facts, state.context, asOf!, words) : null;
    return this.views.send(
      reply,
      request,
      'replay',
      {
        id,
        title: words.caseRef(facts),
        events: list,
        seq: state?.seq ?? null,
        asOf: asOf ? words.dateTime(asOf) : null,
        atValue: atText || (asOf ? DateTime.fromISO(asOf).setZone(KZ_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") : ''),
        sections,
        errors,
        picked: !!(seqText || atText),
      },
      errors.any ? 422 : 200,
    );
  }
}
