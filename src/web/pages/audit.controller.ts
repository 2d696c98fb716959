import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { In } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AccountEntity } from '../../auth/account.entity';
import { CaseEntity } from '../../cases/case.entity';
import { PROBLEM_TYPES, ProblemType } from '../../common/problem-types';
import { CommissionEntity } from '../../commissions/commission.entity';
import { ReadDb } from '../../database/read-db';
import { EventEntity, RefusalEntity } from '../../events/event.entity';
import { toStored } from '../../events/event-store';
import { timelineOf } from '../presenters/timeline';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebPage } from '../web-page';
import { WebViews } from '../web-views';

const AUDITORS = { roles: ['auditor', 'administrator'] as ('auditor' | 'administrator')[] };
const REFUSALS_PAGE = 50;

/**
 * The auditor's pages (issue 14, item 4): verification of the whole log with its result in words (or the first
 * broken link of each stream), refused actions (who, what, why), and the verification of an exported bundle in the
 * browser. The replay of one case to a moment is on the case (`/case/:id/replay`).
 */
@ApiExcludeController()
@Controller('audit')
export class AuditPagesController {
  constructor(
    private readonly views: WebViews,
    private readonly audit: AuditService,
    private readonly reader: ReadDb,
  ) {}

  @Get()
  @WebPage(AUDITORS)
  async hub(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const digests = (await this.audit.digests({ limit: 5, offset: 0 })).items.map((d) => ({
      ...d,
      recordedAt: words.dateTime(d.recordedAt),
    }));
    return this.views.send(reply, request, 'audit', { digests });
  }

  /** Verification of every chain, replay, deadline row and the latest recorded digest — run when asked (it reads the whole log). */
  @Get('verification')
  @WebPage(AUDITORS)
  async verification(@Query('run') run: string | undefined, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    if (run === undefined) return this.views.send(reply, request, 'audit-verification', { report: null });
    const report = await this.audit.verify();
    const broken = await Promise.all(report.broken.map((b) => this.brokenLink(b, words)));
    return this.views.send(reply, request, 'audit-verification', {
      report: {
        ok: report.ok,
        summary: words.t(report.ok ? 'verify.ok' : 'verify.broken', {
          streams: report.streams,
          events: report.events,
          count: report.broken.length,
        }),
        checkedAt: words.dateTime(report.checkedAt),
        root: report.digest,
        recorded: report.recordedDigest
          ? words.t('verify.recordedDigest', {
              id: report.recordedDigest.id,
              time: words.dateTime(report.recordedDigest.recordedAt),
              root: report.recordedDigest.root,
            })
          : words.t('verify.noRecordedDigest'),
        broken,
      },
    });
  }

  /** Refused actions across all cases and commissions, newest first: who, what, on which case, why. */
  @Get('refused')
  @WebPage(AUDITORS)
  async refused(@Query('page') pageText: string | undefined, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const total = await this.reader.manager.count(RefusalEntity);
    const pages = Math.max(1, Math.ceil(total / REFUSALS_PAGE));
    const page = Math.min(pages, /^[1-9]\d{0,6}$/.test(pageText ?? '') ? Number(pageText) : 1);
    const rows = await this.reader.manager.find(RefusalEntity, {
      order: { id: 'DESC' },
      take: REFUSALS_PAGE,
      skip: (page - 1) * REFUSALS_PAGE,
    });
    const actors = await this.names(rows.map((r) => r.actorId).filter((id): id is string => !!id));
    const streamIds = [...new Set(rows.map((r) => r.streamId).filter((id): id is string => !!id))];
    const cases = streamIds.length ? await this.reader.manager.find(CaseEntity, { where: { id: In(streamIds) } }) : [];
    const caseById = new Map(cases.map((c) => [c.id, c]));
    const items = rows.map((r) => {
      const c = r.streamId ? caseById.get(r.streamId) : undefined;
      const title = PROBLEM_TYPES[r.problemType as ProblemType]?.title[words.lang];
      return {
        when: words.dateTime(r.recordedTime),
        who: `${(r.actorId && actors.get(r.actorId)) || words.t('people.unknown')}${r.actorRole ? ` (${words.role(r.actorRole)})` : ''}`,
        what: words.d(`actions.${r.command}`),
        case: c
          ? {
              href: `/case/${c.id}`,
              ref: words.caseRef({ bodyCode: c.bodyCode, direction: c.direction, cycle: c.cycleCode }),
            }
          : null,
        why: title ?? words.t('refused.otherReason'),
        law: words.law(r.law),
        // The service's own explanation, as recorded (English, for the technical record), without the event's name.
        detail: r.detail.replace(/^[A-Z_]+\.[A-Z_]+: /, ''),
      };
    });
    const first = total === 0 ? 0 : (page - 1) * REFUSALS_PAGE + 1;
    return this.views.send(reply, request, 'audit-refused', {
      items,
      shown: words.t('refused.showing', { from: first, to: first === 0 ? 0 : first + items.length - 1, total }),
      pagination:
        pages > 1
          ? {
              previous:
                page > 1 ? { href: `/audit/refused?page=${page - 1}`, text: words.t('queue.previous') } : undefined,
              next: page < pages ? { href: `/audit/refused?page=${page + 1}`, text: words.t('queue.next') } : undefined,
              landmarkLabel: words.t('refused.pagesLabel'),
            }
          : null,
    });
  }

  /** Verification of an exported bundle in the browser (Web Crypto); the command-line verifier is the way without JavaScript. */
  @Get('bundle-check')
  @WebPage(AUDITORS)
  bundleCheck(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const words = new Words(request.web!.lang);
    const keys = [
      'formatWrong',
      'formatOk',
      'noEvents',
      'brokenStream',
      'brokenSeq',
      'brokenPrev',
      'brokenHash',
      'chainBroken',
      'chainOk',
      'leafNotLast',
      'leafHashWrong',
      'leafOk',
      'noProof',
      'proofMalformed',
      'proofWrong',
      'proofOk',
      'trustedOk',
      'trustedWrong',
      'headOk',
      'headMovedOn',
      'headWrong',
      'eventNamed',
      'verified',
      'notVerified',
      'compareRoot',
      'chooseFile',
      'noWebCrypto',
      'rootInvalid',
      'notJson',
      'ok',
      'failed',
    ];
    const texts: Record<string, unknown> = Object.fromEntries(keys.map((k) => [k, words.d(`bundle.js.${k}`)]));
    const events: Record<string, string> = { '*': words.t('timeline.other') };
    for (const type of EVENT_TYPES) events[type] = words.d(`bundle.events.${type.replace('.', '_')}`);
    texts.events = events;
    return this.views.send(reply, request, 'audit-bundle', { texts: JSON.stringify(texts).replace(/</g, '\\u003c') });
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (unique.length === 0) return new Map();
    const rows = await this.reader.manager.find(AccountEntity, {
      select: { id: true, displayName: true },
      where: { id: In(unique) },
    });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** The first broken link of a stream in words: which case or commission, which event, what is wrong. */
  private async brokenLink(
    b: {
      streamId: string;
      streamType: string | null;
      seq: number;
      problem: string;
      expected: unknown;
      actual: unknown;
    },
    words: Words,
  ) {
    let where: string;
    let href: string | null = null;
    const digest = /^ledger_digests\/(\d+)$/.exec(b.streamId);
    if (digest) where = words.t('verify.digest', { id: digest[1] });
    else {
      const c = await this.reader.manager.findOneBy(CaseEntity, { id: b.streamId });
      const k = c ? null : await this.reader.manager.findOneBy(CommissionEntity, { id: b.streamId });
      if (c) {
        where = words.caseRef({ bodyCode: c.bodyCode, direction: c.direction, cycle: c.cycleCode });
        href = `/case/${c.id}`;
      } else if (k) where = `${words.t('commission.title')} · ${words.direction(k.direction)} · ${k.cycleCode}`;
      else where = words.t('verify.unknownStream');
    }
    let event: string | null = null;
    if (!digest && b.seq > 0) {
      const row = await this.reader.manager.findOneBy(EventEntity, { streamId: b.streamId, seq: b.seq });
      event = row
        ? words.t('verify.event', {
            seq: b.seq,
            what: timelineOf([toStored(row)], words, {
              caseId: b.streamId,
              actors: new Map(),
              indicatorTitle: () => '',
            })[0].title,
          })
        : words.t('verify.eventMissing', { seq: b.seq });
    }
    return { where, href, event, problem: words.d(`verify.problems.${b.problem}`) };
  }
}

/** The events a bundle of a case may hold, named in the page's language for the in-browser verification. */
const EVENT_TYPES = [
  'CASE.OPENED',
  'OBJECTION.FILE',
  'NO_OBJECTION.FILE',
  'DEADLINE.OBJECTION',
  'OBJECTION.WITHDRAW',
  'TABLE.DRAFT',
  'TABLE.SUBMIT',
  'DEADLINE.TABLE',
  'DEADLINE.RESULT',
  'ROW.DECIDE',
  'TABLE.SIGN',
  'RESULTS.DISPATCH',
  'CONCLUSION.CORRECT',
  'ESCALATION.FILE',
  'ESCALATION.OUTCOME',
  'DEADLINE.ESCALATION',
  'DEADLINES.RECOMPUTED',
];
