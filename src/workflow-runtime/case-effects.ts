import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CaseEffect, SpecialCommissionEvent, TermKind } from '../../workflows';
import { ConclusionStore } from '../cases/conclusions';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { Actor } from '../events/event-store';
import { NotificationsService } from '../notifications/notifications.service';
import { TransmissionStore } from '../transmissions/transmission-store';
import type { Prepared } from './command';
import type { LoadedCase, LoadedCommission } from './streams';

/** How the runtime steps another stream inside the same transaction (the commission an objection concerns). */
export type StepCommission = (commission: LoadedCommission, event: SpecialCommissionEvent) => Promise<void>;

/**
 * Applies what an appeal case step causes, as its machine declared it (workflows/effects.ts), in the
 * transaction of the step: the rows of its terms, the outbox, the recusals in the commission, the conclusion
 * versions. Effects are applied in the order emitted; consecutive effects of one kind go in one statement.
 */
@Injectable()
export class CaseEffects {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly conclusions: ConclusionStore,
    private readonly transmissions: TransmissionStore,
  ) {}

  async apply(
    m: EntityManager,
    stream: LoadedCase,
    effects: readonly CaseEffect[],
    prepared: Prepared,
    context: { at: string; actor: Actor; stepCommission: StepCommission },
  ): Promise<void> {
    const row = stream.row;
    const ref = { id: row.id, bodyCode: row.bodyCode, authorityCode: row.authorityCode };
    for (const group of runs(effects)) {
      const first = group[0];
      switch (first.type) {
        case 'term.close':
          await this.deadlines.close(m, row.id, kinds(group));
          break;
        case 'term.open':
          await this.deadlines.open(
            m,
            ref,
            group.map((e) => {
              const open = e as Extract<CaseEffect, { type: 'term.open' }>;
              return { kind: open.kind, result: computed(prepared, open.kind, open.due) };
            }),
          );
          break;
        case 'term.fire':
          for (const kind of kinds(group)) {
            if (!prepared.firing) throw new Error(`term.fire ${kind}: no deadline row was given`);
            await this.deadlines.fire(m, ref, kind, prepared.firing);
          }
          break;
        case 'term.move':
          for (const e of group) {
            const move = e as Extract<CaseEffect, { type: 'term.move' }>;
            await this.deadlines.move(m, row.id, move.kind, computed(prepared, move.kind, move.due));
          }
          break;
        case 'notify.resultsDispatched': {
          // Workflow v2: D4 may start later (with the correction owed, p.108) or not at all (p.91).
          const due = stream.snapshot.context.deadlines.escalation;
          if (!due && stream.row.workflowVersion < 2) throw new Error('notify.resultsDispatched without D4');
          await this.notifications.resultsDispatched(m, ref, due);
          break;
        }
        case 'commission.objection':
          // p.100: no commission yet — the bodies that objected count from its opening instead.
          if (stream.commission && stream.commission.snapshot.status !== 'done') {
            for (const e of group) {
              const objection = e as Extract<CaseEffect, { type: 'commission.objection' }>;
              await context.stepCommission(stream.commission, {
                type: 'OBJECTION.REGISTERED',
                at: context.at,
                bodyCode: objection.bodyCode,
                evaluators: [...(prepared.evaluators ?? [])],
              });
            }
          }
          break;
        case 'conclusion.version':
          for (const e of group) {
            const version = e as Extract<CaseEffect, { type: 'conclusion.version' }>;
            if (!prepared.conclusion)
              throw new Error(`conclusion.version ${version.version}: no conclusion was prepared`);
            await this.conclusions.insert(m, {
              caseId: row.id,
              version: version.version,
              items: prepared.conclusion.items,
              evaluators: prepared.conclusion.evaluators,
              reason: prepared.conclusion.reason,
              issuedBy: context.actor.id,
              issuedAt: context.at,
            });
          }
          break;
        case 'conclusion.transmit':
          // p.92/p.94/p.96: the register row of the informatization authority, and its notification (p.97: its own
          // conclusion is recorded in its register; nothing is sent to itself).
          for (const e of group) {
            const t = e as Extract<CaseEffect, { type: 'conclusion.transmit' }>;
            await this.transmissions.insert(m, {
              caseId: row.id,
              recipientCode: t.to,
              law: t.law,
              cycleCode: row.cycleCode,
              direction: row.direction,
              bodyCode: row.bodyCode,
              authorityCode: row.authorityCode,
              conclusionVersion: t.version,
              outcome: stream.snapshot.context.outcome ?? 'final',
              transmittedAt: context.at,
            });
            if (t.law !== 'p.97') await this.notifications.conclusionTransmitted(m, ref, t);
          }
          break;
      }
    }
  }
}

/** Consecutive effects of one type, in order. */
function runs(effects: readonly CaseEffect[]): CaseEffect[][] {
  const out: CaseEffect[][] = [];
  for (const e of effects) {
    const last = out[out.length - 1];
    if (last && last[0].type === e.type) last.push(e);
    else out.push([e]);
  }
  return out;
}

function kinds(group: CaseEffect[]): TermKind[] {
  return group.map((e) => (e as { kind: TermKind }).kind);
}

/** The term the handler computed for an effect; the machine and the handler must agree on its due time. */
function computed(prepared: Prepared, kind: TermKind, due: string) {
  const result = prepared.terms?.[kind];
  if (!result) throw new Error(`term ${kind}: the handler computed no term`);
  if (result.deadline !== due)
    throw new Error(`term ${kind}: the machine says ${due}, the calendar ${result.deadline}`);
  return result;
}
