import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TERM_LAW, type TermKind } from '../../workflows';
import { DeadlineResult } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { IdGenerator } from '../common/id-generator';
import { CaseRef, NotificationsService } from '../notifications/notifications.service';
import { DeadlineEntity } from './deadline.entity';

/**
 * The rows of the legal terms of cases — what the machines' `term.*` effects do (workflows/effects.ts),
 * always in the transaction of the event that causes them, so the rows and the log never disagree
 * (`audit verify` replays the effects and compares). Each operation is one or two statements for all the
 * terms it touches.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly notifications: NotificationsService,
  ) {}

  /** `term.open`: the terms' rows, and their notifications (term-opened and the two reminders) in one more statement. */
  async open(m: EntityManager, c: CaseRef, terms: { kind: TermKind; result: DeadlineResult }[]): Promise<void> {
    if (terms.length === 0) return;
    const now = this.clock.now().toISOString();
    const rows = terms.map(({ kind, result }) =>
      Object.assign(new DeadlineEntity(), {
        id: this.ids.uuid(),
        caseId: c.id,
        kind,
        law: TERM_LAW[kind],
        termFrom: result.from,
        term: JSON.stringify(result.term),
        dueAt: result.deadline,
        dueMs: Date.parse(result.deadline),
        calendarVersion: result.calendarVersion,
        status: 'open' as const,
        leaseOwner: null,
        leaseUntil: null,
        firedAt: null,
        createdAt: now,
      }),
    );
    await m.insert(DeadlineEntity, rows);
    await this.notifications.termsOpened(
      m,
      c,
      rows.map((row, i) => ({
        deadline: { id: row.id, caseId: c.id, kind: row.kind, law: row.law, dueAt: row.dueAt },
        result: terms[i].result,
      })),
    );
  }

  /** `term.close`: the terms stop running (and so do their reminders, see LIVE_REMINDER). A term not open is left as it is. */
  async close(m: EntityManager, caseId: string, kinds: TermKind[]): Promise<void> {
    if (kinds.length === 0) return;
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const list = kinds.map((_, i) => p(i + 2)).join(', ');
    await m.query(
      `UPDATE deadlines SET status = 'closed', lease_owner = NULL, lease_until = NULL WHERE case_id = ${p(1)} AND status = 'open' AND kind IN (${list})`,
      [caseId, ...kinds],
    );
  }

  /**
   * `term.fire`: the scheduler's row ran out unanswered: fired (its reminders end with it), `missed` enqueued.
   * Only under the sweep's lease: if another instance took the row over meanwhile, nothing is written here and
   * the whole step is undone (LeaseLostError).
   */
  async fire(
    m: EntityManager,
    c: CaseRef,
    kind: TermKind,
    firing: { deadlineId: string; leaseOwner: string; law: string; dueAt: string },
  ): Promise<void> {
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : `?${i}`);
    const result = (await m.queryRunner!.query(
      `UPDATE deadlines SET status = 'fired', fired_at = ${p(1)}, lease_owner = NULL, lease_until = NULL WHERE id = ${p(2)} AND case_id = ${p(3)} AND kind = ${p(4)} AND status = 'open' AND lease_owner = ${p(5)}`,
      [this.clock.now().toISOString(), firing.deadlineId, c.id, kind, firing.leaseOwner],
      true,
    )) as { affected?: number };
    if (result.affected !== 1) throw new LeaseLostError(firing.deadlineId);
    await this.notifications.missed(m, c, {
      id: firing.deadlineId,
      caseId: c.id,
      kind,
      law: firing.law,
      dueAt: firing.dueAt,
    });
  }

  /** `term.move`: a calendar change moved a running term; its pending reminders move with it. */
  async move(m: EntityManager, caseId: string, kind: TermKind, result: DeadlineResult): Promise<void> {
    const row = await m.findOneBy(DeadlineEntity, { caseId, kind, status: 'open' });
    if (!row) throw new Error(`term.move ${kind} of case ${caseId}: no open row`);
    await m.update(
      DeadlineEntity,
      { id: row.id },
      { dueAt: result.deadline, dueMs: Date.parse(result.deadline), calendarVersion: result.calendarVersion },
    );
    await this.notifications.rescheduleReminders(
      m,
      { id: row.id, caseId, kind, law: row.law, dueAt: result.deadline },
      result,
    );
  }

  /**
   * A term whose due time a new calendar leaves as it was: it now counts as computed with that calendar (its
   * reminders follow, e.g. `two-days-left` when a day off was added before the last day).
   */
  async confirm(m: EntityManager, row: DeadlineEntity, result: DeadlineResult): Promise<void> {
    await m.update(DeadlineEntity, { id: row.id }, { calendarVersion: result.calendarVersion });
    await this.notifications.rescheduleReminders(
      m,
      { id: row.id, caseId: row.caseId, kind: row.kind, law: row.law, dueAt: row.dueAt },
      result,
    );
  }

  openFor(m: EntityManager, caseId: string): Promise<DeadlineEntity[]> {
    return m.find(DeadlineEntity, { where: { caseId }, order: { createdAt: 'ASC', kind: 'ASC' } });
  }

  /**
   * Claims up to `limit` due rows for this sweep with a lease, so several instances sharing the
   * database never work on one row at once; an expired lease (a crashed instance) is claimed again.
   */
  async claimDue(
    m: EntityManager,
    owner: string,
    nowMs: number,
    leaseMs: number,
    limit: number,
  ): Promise<DeadlineEntity[]> {
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const pick = `SELECT id FROM deadlines WHERE status = 'open' AND due_ms < ${p(3)} AND (lease_until IS NULL OR lease_until < ${p(4)}) ORDER BY due_ms LIMIT ${p(5)}${pg ? ' FOR UPDATE SKIP LOCKED' : ''}`;
    await m.query(`UPDATE deadlines SET lease_owner = ${p(1)}, lease_until = ${p(2)} WHERE id IN (${pick})`, [
      owner,
      nowMs + leaseMs,
      nowMs,
      nowMs,
      limit,
    ]);
    return m.find(DeadlineEntity, { where: { leaseOwner: owner, status: 'open' }, order: { dueMs: 'ASC' } });
  }

  /** A row the machine no longer accepts the firing of (the term was met or moved): closed without an event. */
  async closeStale(m: EntityManager, id: string, leaseOwner: string): Promise<void> {
    await m.update(
      DeadlineEntity,
      { id, status: 'open', leaseOwner },
      { status: 'closed', leaseOwner: null, leaseUntil: null },
    );
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
}

/** The deadline row is no longer this sweep's to fire (another instance's lease, or it was closed meanwhile). */
export class LeaseLostError extends Error {
  constructor(readonly deadlineId: string) {
    super(`deadline ${deadlineId} is no longer leased to this sweep`);
  }
}
