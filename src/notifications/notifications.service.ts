import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { EntityManager, In, Not } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import {
  CalendarData,
  CalendarYearUnknownError,
  DeadlineResult,
  KZ_ZONE,
  dateOfDayNumber,
  dayInfo,
  dayNumber,
  localDateOf,
} from '../calendar/calendar-rules';
import { CaseEntity } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { IdGenerator } from '../common/id-generator';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { DeadlineEntity, DeadlineKind } from '../deadlines/deadline.entity';
import { NotificationListQueryDto, WebhookCreateDto } from './dto/notifications.dto';
import { notificationText } from './notification-texts';
import {
  NotificationDeliveryEntity,
  NotificationEntity,
  NotificationKind,
  REMINDER_KINDS,
  WebhookEntity,
} from './notification.entity';
import { text } from '../i18n/text';
import { pageParams } from '../common/paging';

/** The case facts every notification carries. */
export interface CaseRef {
  id: string;
  bodyCode: string;
  authorityCode: string;
}

/** The deadline row a notification is about. */
export interface DeadlineRef {
  id: string;
  caseId: string;
  kind: DeadlineKind;
  law: string;
  dueAt: string;
}

/** Reminders go out at 09:00 local time (Asia/Almaty). */
export const REMINDER_HOUR = 9;

interface Draft {
  kind: NotificationKind;
  law: string;
  dueMs: number;
  deadline?: DeadlineRef | null;
  /** The term the text speaks of, with its due instant (defaults to the deadline's). */
  deadlineKind?: DeadlineKind;
  dueAt?: string;
  /** Facts the notification carries besides the case's (a transmission's recipient and conclusion version). */
  extra?: Record<string, unknown>;
}

/**
 * The outbox (issue 5, reminders). Every `enqueue…` runs INSIDE the caller's transaction, so a
 * notification exists iff the event it reports committed; delivery is NotificationDispatcher's work.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly calendar: CalendarService,
  ) {}

  // ---------------------------------------------------------------- the outbox, written in the event's transaction

  /** Adds one notification to the outbox in `m`'s transaction; returns its stable id. */
  async enqueue(m: EntityManager, c: CaseRef | string, draft: Draft): Promise<string> {
    const ref = typeof c === 'string' ? await this.caseRef(m, c) : c;
    const row = this.row(ref, draft);
    await m.insert(NotificationEntity, row);
    return row.id;
  }

  /**
   * Terms have opened (p.99, p.102, p.106, p.108): for each, `term-opened` now and the reminders
   * `two-days-left` (09:00 local on the working day before the last day) and `last-day` (09:00 local on the
   * last day), computed with the calendar version the term was computed with; a reminder already past is
   * skipped. One statement for all of them.
   */
  async termsOpened(
    m: EntityManager,
    ref: CaseRef,
    terms: { deadline: DeadlineRef; result: DeadlineResult }[],
  ): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const rows: NotificationEntity[] = [];
    for (const { deadline, result } of terms) {
      // The version is committed (the term was computed from the current calendar), so the cached copy will do.
      const times = reminderTimes(await this.calendar.version(result.calendarVersion), result);
      rows.push(this.row(ref, { kind: 'term-opened', law: deadline.law, dueMs: nowMs, deadline }));
      for (const kind of REMINDER_KINDS) {
        const at = times[kind];
        if (at !== undefined && at > nowMs) rows.push(this.row(ref, { kind, law: deadline.law, dueMs: at, deadline }));
      }
    }
    if (rows.length) await m.insert(NotificationEntity, rows);
  }

  /**
   * A term was moved (a calendar change): each reminder whose time changed is cancelled if still
   * pending and enqueued again at its new time (unless that is past). `m` may hold an uncommitted
   * calendar version, so it is read through `m`.
   */
  async rescheduleReminders(m: EntityManager, deadline: DeadlineRef, result: DeadlineResult): Promise<void> {
    const times = reminderTimes(await this.calendarIn(m, result.calendarVersion), result);
    const existing = await m.find(NotificationEntity, {
      where: { deadlineId: deadline.id, kind: In(REMINDER_KINDS), status: Not('cancelled') },
      order: { createdAt: 'DESC' },
    });
    const nowMs = this.clock.now().getTime();
    const moved = { ...deadline, dueAt: result.deadline };
    let ref: CaseRef | undefined;
    for (const kind of REMINDER_KINDS) {
      const at = times[kind];
      const current = existing.find((n) => n.kind === kind);
      if (current && current.dueMs === at) continue;
      if (current?.status === 'pending')
        await m.update(NotificationEntity, { id: current.id, status: 'pending' }, { status: 'cancelled' });
      if (at !== undefined && at > nowMs) {
        ref ??= await this.caseRef(m, deadline.caseId);
        await m.insert(NotificationEntity, this.row(ref, { kind, law: deadline.law, dueMs: at, deadline: moved }));
      }
    }
  }

  /**
   * The scheduler fired a term nobody met (p.99 for the agency, p.102/p.106 for the authority, p.108). Its
   * reminders need no write: a reminder is live only while its term runs (LIVE_REMINDER).
   */
  async missed(m: EntityManager, c: CaseRef, deadline: DeadlineRef): Promise<void> {
    await this.enqueue(m, c, { kind: 'missed', law: deadline.law, dueMs: this.clock.now().getTime(), deadline });
  }

  /** p.106: the results were dispatched; the text names the end of D4 (p.108) when it started with them. */
  async resultsDispatched(m: EntityManager, c: CaseRef, escalationDue: string | undefined): Promise<void> {
    await this.enqueue(m, c, {
      kind: 'results-dispatched',
      law: 'p.106',
      dueMs: this.clock.now().getTime(),
      deadlineKind: 'escalation',
      ...(escalationDue ? { dueAt: escalationDue } : {}),
    });
  }

  /**
   * p.92/p.94/p.96: the final conclusion (its last version) went to the informatization authority when the appeal
   * procedure ended. The recipient is named in the payload; its receivers (webhooks) route it.
   */
  async conclusionTransmitted(
    m: EntityManager,
    c: CaseRef,
    t: { to: string; law: string; version: number },
  ): Promise<void> {
    await this.enqueue(m, c, {
      kind: 'conclusion-transmitted',
      law: t.law,
      dueMs: this.clock.now().getTime(),
      extra: { recipient: t.to, conclusionVersion: t.version },
    });
  }

  /** Calendars read inside one transaction, kept only as long as its manager lives (a recompute moves many terms). */
  private readonly calendarsIn = new WeakMap<EntityManager, Map<number, CalendarData>>();

  private async calendarIn(m: EntityManager, version: number): Promise<CalendarData> {
    let byVersion = this.calendarsIn.get(m);
    if (!byVersion) this.calendarsIn.set(m, (byVersion = new Map<number, CalendarData>()));
    let data = byVersion.get(version);
    if (!data) byVersion.set(version, (data = await this.calendar.versionIn(m, version)));
    return data;
  }

  private async caseRef(m: EntityManager, caseId: string): Promise<CaseRef> {
    const row = await m.findOneOrFail(CaseEntity, {
      where: { id: caseId },
      select: { id: true, bodyCode: true, authorityCode: true },
    });
    return { id: row.id, bodyCode: row.bodyCode, authorityCode: row.authorityCode };
  }

  private row(c: CaseRef, d: Draft): NotificationEntity {
    const deadlineKind = d.deadlineKind ?? d.deadline?.kind;
    const dueAt = d.dueAt ?? d.deadline?.dueAt ?? null;
    const lastDay = dueAt ? localDateOf(dueAt) : undefined;
    const payload = {
      caseId: c.id,
      bodyCode: c.bodyCode,
      authority: c.authorityCode,
      deadlineKind: deadlineKind ?? null,
      dueAt,
      lastDay: lastDay ?? null,
      notBefore: new Date(d.dueMs).toISOString(),
      text: notificationText(d.kind, {
        caseId: c.id,
        bodyCode: c.bodyCode,
        law: d.law,
        deadlineKind,
        lastDay,
        ...(d.extra ?? {}),
      }),
      ...(d.extra ?? {}),
    };
    return Object.assign(new NotificationEntity(), {
      id: this.ids.uuid(),
      caseId: c.id,
      deadlineId: d.deadline?.id ?? null,
      kind: d.kind,
      law: d.law,
      payload: JSON.stringify(payload),
      dueMs: d.dueMs,
      status: 'pending' as const,
      createdAt: this.clock.now().toISOString(),
    });
  }

  // ---------------------------------------------------------------- reads and webhooks (administrators)

  async list(query: NotificationListQueryDto) {
    const qb = this.reader.manager
      .createQueryBuilder(NotificationEntity, 'n')
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.due_ms', 'ASC')
      .addOrderBy('n.id', 'ASC');
    if (query.caseId) qb.andWhere('n.case_id = :caseId', { caseId: query.caseId });
    if (query.status) qb.andWhere(`${STATUS_OF('n')} = :status`, { status: query.status });
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    const total = await qb.getCount();
    const { limit, offset } = pageParams(query);
    const rows = await qb.take(limit).skip(offset).getMany();
    const deliveries = rows.length
      ? await this.reader.manager.find(NotificationDeliveryEntity, {
          where: { notificationId: In(rows.map((r) => r.id)) },
        })
      : [];
    const deadlineIds = [...new Set(rows.map((r) => r.deadlineId).filter((id): id is string => id !== null))];
    const open = new Set(
      deadlineIds.length
        ? (
            await this.reader.manager.find(DeadlineEntity, {
              where: { id: In(deadlineIds), status: 'open' },
              select: { id: true },
            })
          ).map((d) => d.id)
        : [],
    );
    return {
      total,
      limit,
      offset,
      items: rows.map((r) => ({
        id: r.id,
        caseId: r.caseId,
        deadlineId: r.deadlineId,
        kind: r.kind,
        law: r.law,
        status:
          r.status === 'pending' && REMINDER_KINDS.includes(r.kind) && r.deadlineId && !open.has(r.deadlineId)
            ? 'cancelled'
            : r.status,
        dueAt: new Date(r.dueMs).toISOString(),
        createdAt: r.createdAt,
        payload: JSON.parse(r.payload) as unknown,
        deliveries: deliveries
          .filter((d) => d.notificationId === r.id)
          .map((d) => ({
            webhookId: d.webhookId,
            attempts: d.attempts,
            deliveredAt: d.deliveredAt,
            nextAttemptAt: d.deliveredAt ? null : new Date(d.nextAttemptMs).toISOString(),
            lastError: d.lastError,
          })),
      })),
    };
  }

  /** Registers a webhook. The secret is generated when absent; either way it is shown only in this answer. */
  async createWebhook(dto: WebhookCreateDto) {
    const url = checkWebhookUrl(dto.url);
    const row: WebhookEntity = Object.assign(new WebhookEntity(), {
      id: this.ids.uuid(),
      url,
      secret: dto.secret ?? randomBytes(32).toString('base64url'),
      active: true,
      createdAt: this.clock.now().toISOString(),
    });
    await this.unitOfWork.run((m) => m.insert(WebhookEntity, row));
    return { ...webhookView(row), secret: row.secret };
  }

  async webhooks() {
    const rows = await this.reader.manager.find(WebhookEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(webhookView);
  }

  /** Stops deliveries to a webhook (its history stays); notifications it alone still lacked count as delivered. */
  async deactivateWebhook(id: string) {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.reader.manager.findOneBy(WebhookEntity, { id }) : null;
    if (!row) throw new DomainError('not-found', text('refusals.misc.noWebhook', { id }));
    await this.unitOfWork.run((m) => m.update(WebhookEntity, { id }, { active: false }));
    return webhookView({ ...row, active: false });
  }
}

function webhookView(row: WebhookEntity) {
  return { id: row.id, url: row.url, active: Boolean(row.active), createdAt: row.createdAt };
}

/** http and https only. Delivery goes wherever the administrator points it: that is theirs to decide. */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw DomainError.field('url', 'refusals.misc.absoluteUrl');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw DomainError.field('url', 'refusals.misc.httpOnly');
  if (url.username || url.password) throw DomainError.field('url', 'refusals.misc.noCredentials');
  return url.toString();
}

/** 09:00 local (Asia/Almaty, with the offset in force that day) of a local date, as ms since the epoch. */
export function reminderInstant(date: string): number {
  return DateTime.fromISO(date, { zone: KZ_ZONE }).set({ hour: REMINDER_HOUR }).toMillis();
}

/**
 * When the reminders of a term are due: `last-day` at 09:00 on its last day; `two-days-left` at 09:00 on
 * the working day before it (two working days remain, that day included) — if that day is in the term.
 */
export function reminderTimes(
  calendar: CalendarData,
  result: Pick<DeadlineResult, 'firstDay' | 'lastDay'>,
): Partial<Record<NotificationKind, number>> {
  const times: Partial<Record<NotificationKind, number>> = { 'last-day': reminderInstant(result.lastDay) };
  try {
    for (let n = dayNumber(result.lastDay) - 1; n >= dayNumber(result.firstDay); n--) {
      const date = dateOfDayNumber(n);
      if (dayInfo(calendar, date).working) {
        times['two-days-left'] = reminderInstant(date);
        break;
      }
    }
  } catch (error) {
    if (!(error instanceof CalendarYearUnknownError)) throw error; // a year the calendar lacks: no such reminder
  }
  return times;
}

/**
 * A reminder (`two-days-left`, `last-day`) is live only while its term runs: when the term is met, moves on or
 * fires, its reminders are over without a write of their own (one statement less for every command that ends
 * a term). Reads and the dispatcher judge it with this condition on a notification row aliased `n`.
 */
export const LIVE_REMINDER = (n: string) =>
  `(${n}.kind NOT IN ('two-days-left', 'last-day') OR ${n}.deadline_id IS NULL OR EXISTS (SELECT 1 FROM deadlines dl WHERE dl.id = ${n}.deadline_id AND dl.status = 'open'))`;

/** The status a notification row is shown with: a pending reminder of a term that no longer runs is cancelled. */
export const STATUS_OF = (n: string) =>
  `(CASE WHEN ${n}.status = 'pending' AND NOT ${LIVE_REMINDER(n)} THEN 'cancelled' ELSE ${n}.status END)`;
