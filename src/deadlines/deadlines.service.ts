import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppealCaseContext, caseStateName } from '../../workflows';
import { DeadlineResult } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { NotificationsService } from '../notifications/notifications.service';
import { DEADLINE_LAW, DeadlineEntity, DeadlineKind } from './deadline.entity';

/**
 * The rows of the open legal terms, always written in the transaction of the event that opens or
 * ends them, so the rows and the log never disagree.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly notifications: NotificationsService,
  ) {}

  /** Opens a term, and in the same transaction its notifications: term-opened and the two reminders. */
  async open(m: EntityManager, caseId: string, kind: DeadlineKind, result: DeadlineResult): Promise<void> {
    const id = this.ids.uuid();
    await m.insert(DeadlineEntity, {
      id,
      caseId,
      kind,
      law: DEADLINE_LAW[kind],
      termFrom: result.from,
      term: JSON.stringify(result.term),
      dueAt: result.deadline,
      dueMs: Date.parse(result.deadline),
      calendarVersion: result.calendarVersion,
      status: 'open',
      leaseOwner: null,
      leaseUntil: null,
      firedAt: null,
      createdAt: this.clock.now().toISOString(),
    });
    await this.notifications.termOpened(m, { id, caseId, kind, law: DEADLINE_LAW[kind], dueAt: result.deadline }, result);
  }

  /** Closes the open terms the case no longer runs, after any event (an objection ends D1, a dispatch D2/D3 …). */
  async closeEnded(m: EntityManager, caseId: string, snapshot: any, previous?: any): Promise<void> {
    const live = liveTerms(snapshot);
    // Nothing ended if every term that ran before the event still runs.
    if (previous && [...liveTerms(previous)].every((k) => live.has(k))) return;
    const open = await m.findBy(DeadlineEntity, { caseId, status: 'open' });
    for (const row of open) {
      if (!live.has(row.kind)) {
        await m.update(DeadlineEntity, { id: row.id, status: 'open' }, { status: 'closed', leaseOwner: null, leaseUntil: null });
        await this.notifications.cancelPendingFor(m, row.id);
      }
    }
  }

  openFor(m: EntityManager, caseId: string): Promise<DeadlineEntity[]> {
    return m.find(DeadlineEntity, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  /**
   * Claims up to `limit` due rows for this sweep with a lease, so several instances sharing the
   * database never work on one row at once; an expired lease (a crashed instance) is claimed again.
   */
  async claimDue(m: EntityManager, owner: string, nowMs: number, leaseMs: number, limit: number): Promise<DeadlineEntity[]> {
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const pick = `SELECT id FROM deadlines WHERE status = 'open' AND due_ms < ${p(3)} AND (lease_until IS NULL OR lease_until < ${p(4)}) ORDER BY due_ms LIMIT ${p(5)}${pg ? ' FOR UPDATE SKIP LOCKED' : ''}`;
    await m.query(`UPDATE deadlines SET lease_owner = ${p(1)}, lease_until = ${p(2)} WHERE id IN (${pick})`, [owner, nowMs + leaseMs, nowMs, nowMs, limit]);
    return m.find(DeadlineEntity, { where: { leaseOwner: owner, status: 'open' }, order: { dueMs: 'ASC' } });
  }

  async markFired(m: EntityManager, id: string, owner: string): Promise<boolean> {
    const result = await m.update(DeadlineEntity, { id, status: 'open', leaseOwner: owner }, { status: 'fired', firedAt: this.clock.now().toISOString(), leaseOwner: null, leaseUntil: null });
    return result.affected === 1;
  }

  async markClosed(m: EntityManager, id: string): Promise<void> {
    await m.update(DeadlineEntity, { id }, { status: 'closed', leaseOwner: null, leaseUntil: null });
    await this.notifications.cancelPendingFor(m, id);
  }

  async release(m: EntityManager, id: string, owner: string): Promise<void> {
    await m.update(DeadlineEntity, { id, leaseOwner: owner }, { leaseOwner: null, leaseUntil: null });
  }

  openComputedBefore(m: EntityManager, calendarVersion: number): Promise<DeadlineEntity[]> {
    return m
      .createQueryBuilder(DeadlineEntity, 'd')
      .where("d.status = 'open' AND d.calendar_version < :v", { v: calendarVersion })
      .orderBy('d.case_id')
      .getMany();
  }

  /** Moves a term (a calendar change) and its pending reminders with it. */
  async moveDue(m: EntityManager, id: string, result: DeadlineResult): Promise<void> {
    await m.update(DeadlineEntity, { id }, { dueAt: result.deadline, dueMs: Date.parse(result.deadline), calendarVersion: result.calendarVersion });
    const row = await m.findOneByOrFail(DeadlineEntity, { id });
    await this.notifications.rescheduleReminders(m, row, result);
  }
}

/** Which terms a case still runs, read from its snapshot. */
export function liveTerms(snapshot: any): Set<DeadlineKind> {
  const state = caseStateName(snapshot);
  const ctx = snapshot.context as AppealCaseContext;
  const breached = (kind: string) => ctx.overdue.some((o) => o.kind === kind);
  const live = new Set<DeadlineKind>();
  if (state === 'closed') return live;
  if (state === 'issued') live.add('objection');
  if ((state === 'objectionReceived' || state === 'tablePreparation') && !breached('table')) live.add('table');
  if (ctx.objectionAt && !ctx.dispatchedAt && !breached('result')) live.add('result');
  if (ctx.dispatchedAt && !ctx.escalatedAt) live.add('escalation');
  return live;
}
