import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { TermKind } from '../../workflows';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarYearUnknownError, DeadlineResult, Term, computeDeadline } from '../calendar/calendar-rules';
import { Clock } from '../common/clock';
import { StreamRuntime } from '../workflow-runtime/stream-runtime';
import { StreamLoader } from '../workflow-runtime/streams';
import { DeadlineEntity } from './deadline.entity';
import { DeadlinesService } from './deadlines.service';

/** The calendar's actor in the log. */
export const CALENDAR = { id: 'calendar', role: 'system' } as const;

/**
 * SPEC §3: when the official calendar changes, every open term computed with an older version is computed
 * again, in the transaction of the change; a term that moved is a DEADLINES.RECOMPUTED event in its case
 * (the machine's `term.move` effect moves the row and its reminders), with the previous due times and the
 * change's note.
 */
@Injectable()
export class DeadlineRecomputation implements OnModuleInit {
  private readonly logger = new Logger(DeadlineRecomputation.name);

  constructor(
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
    private readonly loader: StreamLoader,
    private readonly runtime: StreamRuntime,
  ) {}

  onModuleInit(): void {
    this.calendar.onChange((change, m) => this.recompute(m, change.toVersion, change.note));
  }

  async recompute(m: EntityManager, calendarVersion: number, note: string): Promise<void> {
    const rows = await this.deadlines.openComputedBefore(m, calendarVersion);
    if (rows.length === 0) return;
    const calendar = await this.calendar.versionIn(m, calendarVersion);
    const byCase = new Map<string, DeadlineEntity[]>();
    for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), r]);
    const at = this.clock.now().toISOString();
    for (const [caseId, caseRows] of byCase) {
      const moved: Partial<Record<TermKind, string>> = {};
      const previous: Partial<Record<TermKind, string>> = {};
      const terms: Partial<Record<TermKind, DeadlineResult>> = {};
      for (const r of caseRows) {
        let result: DeadlineResult;
        try {
          result = computeDeadline(calendar, r.termFrom, JSON.parse(r.term) as Term);
        } catch (error) {
          if (error instanceof CalendarYearUnknownError) continue; // keep the old due time: the new calendar cannot say
          throw error;
        }
        if (result.deadline === r.dueAt) {
          await this.deadlines.confirm(m, r, result);
        } else {
          moved[r.kind] = result.deadline;
          previous[r.kind] = r.dueAt;
          terms[r.kind] = result;
        }
      }
      if (Object.keys(moved).length === 0) continue;
      const loaded = await this.loader.loadCase(m, caseId, { lock: true });
      if (!loaded) continue;
      const stepped = await this.runtime.system(
        m,
        loaded.stream,
        { type: 'DEADLINES.RECOMPUTED', at, deadlines: moved },
        { terms },
        { previous, calendarVersion, reason: note },
        CALENDAR,
      );
      if (!stepped) {
        // The case no longer runs these terms (it closed meanwhile): their rows move without an event.
        for (const [kind, result] of Object.entries(terms))
          await this.deadlines.move(m, caseId, kind as TermKind, result);
      } else {
        this.logger.log({ msg: 'deadlines moved by a calendar change', caseId, moved, previous, calendarVersion });
      }
    }
  }
}
