import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AppealCaseEvent,
  AppealCaseMachine,
  SpecialCommissionEvent,
  AppealCaseSnapshot,
  CommissionMachine,
  SpecialCommissionSnapshot,
  appealCaseMachines,
  caseStateName,
  commissionMachines,
  commissionStateName,
  whyCommissionRefused,
  whyRefused,
  type Refusal,
} from '../../workflows';
import { CaseEntity } from '../cases/case.entity';
import { CommissionEntity } from '../commissions/commission.entity';
import { ReferenceService } from '../reference/reference.service';
import { Rules } from '../reference/rule-set';
import { caseStepper, commissionStepper } from './stepper';

export interface LoadedCommission {
  kind: 'commission';
  row: CommissionEntity;
  machine: CommissionMachine;
  snapshot: SpecialCommissionSnapshot;
}

export interface LoadedCase {
  kind: 'case';
  row: CaseEntity;
  machine: AppealCaseMachine;
  snapshot: AppealCaseSnapshot;
  /** The rule set the case is pinned to. */
  rules: Rules;
  /** The special commission of the case's authority, direction and cycle, read with the case (or null). */
  commission: LoadedCommission | null;
}

export type LoadedStream = LoadedCase | LoadedCommission;

/** What a stream load also answers, in the same statement: the current calendar and an idempotency record. */
export interface LoadExtras {
  calendarVersion: number | null;
  idempotency: { requestHash: string; status: number; response: string } | null;
}

const CASE_COLUMNS = [
  'id',
  'body_code',
  'direction',
  'cycle_code',
  'authority_code',
  'workflow_version',
  'rule_set_id',
  'state',
  'outcome',
  'overdue_count',
  'escalated',
  'snapshot',
  'version',
  'last_hash',
  'created_at',
  'updated_at',
] as const;
const COMMISSION_COLUMNS = [
  'id',
  'authority_code',
  'direction',
  'cycle_code',
  'workflow_version',
  'state',
  'snapshot',
  'version',
  'last_hash',
  'created_at',
  'updated_at',
] as const;

type Raw = Record<string, unknown>;

function caseOf(raw: Raw, prefix = ''): CaseEntity {
  const v = (c: string) => raw[prefix + c];
  return Object.assign(new CaseEntity(), {
    id: v('id'),
    bodyCode: v('body_code'),
    direction: v('direction'),
    cycleCode: v('cycle_code'),
    authorityCode: v('authority_code'),
    workflowVersion: Number(v('workflow_version')),
    ruleSetId: Number(v('rule_set_id')),
    state: v('state'),
    outcome: v('outcome') ?? null,
    overdueCount: Number(v('overdue_count')),
    escalated: v('escalated') === true || v('escalated') === 1 || v('escalated') === '1',
    snapshot: v('snapshot'),
    version: Number(v('version')),
    lastHash: v('last_hash'),
    createdAt: v('created_at'),
    updatedAt: v('updated_at'),
  });
}

function commissionOf(raw: Raw, prefix = ''): CommissionEntity {
  const v = (c: string) => raw[prefix + c];
  return Object.assign(new CommissionEntity(), {
    id: v('id'),
    authorityCode: v('authority_code'),
    direction: v('direction'),
    cycleCode: v('cycle_code'),
    workflowVersion: Number(v('workflow_version')),
    state: v('state'),
    snapshot: v('snapshot'),
    version: Number(v('version')),
    lastHash: v('last_hash'),
    createdAt: v('created_at'),
    updatedAt: v('updated_at'),
  });
}

export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * Loads streams for the runtime and the read side: the projection row, the machine of the workflow version
 * it was opened with, the restored snapshot. A case is read with its commission (the commands that need one
 * — submission, decisions, signatures, the recusals an objection causes — find it without another query).
 */
@Injectable()
export class StreamLoader {
  constructor(private readonly reference: ReferenceService) {}

  /**
   * One statement: the case (locked FOR UPDATE on PostgreSQL when `lock`), its commission, the current
   * calendar version and — on SQLite, where transactions run one at a time — the caller's idempotency record.
   */
  async loadCase(
    m: EntityManager,
    id: string,
    options: { lock?: boolean; idempotency?: { accountId: string; key: string } } = {},
  ): Promise<{ stream: LoadedCase; extras: LoadExtras } | null> {
    if (!isUuid(id)) return null;
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    // Placeholders in the order they appear (SQLite's are positional): the key's join, then the case id.
    const keyJoin = options.idempotency && !pg ? `LEFT JOIN idempotency_keys i ON i.account_id = ? AND i.key = ?` : '';
    const params: unknown[] = keyJoin ? [options.idempotency!.accountId, options.idempotency!.key, id] : [id];
    const sql =
      `SELECT ${CASE_COLUMNS.map((c) => `c.${c}`).join(', ')}, ${COMMISSION_COLUMNS.map((c) => `k.${c} AS k_${c}`).join(', ')}, ` +
      `(SELECT MAX(id) FROM calendar_versions) AS calendar_version` +
      (keyJoin ? ', i.request_hash AS i_request_hash, i.status AS i_status, i.response AS i_response' : '') +
      ` FROM cases c LEFT JOIN commissions k ON k.authority_code = c.authority_code AND k.direction = c.direction AND k.cycle_code = c.cycle_code ` +
      keyJoin +
      ` WHERE c.id = ${keyJoin ? '?' : p(1)}` +
      (options.lock && pg ? ' FOR UPDATE OF c' : '');
    const [raw] = await m.query<Raw[]>(sql, params);
    if (!raw) return null;
    const row = caseOf(raw);
    const commission = raw.k_id ? this.commission(commissionOf(raw, 'k_')) : null;
    const stream = await this.caseStream(row, commission);
    let idempotency: LoadExtras['idempotency'] = null;
    if (options.idempotency && pg) {
      idempotency = await this.idempotencyRecord(m, options.idempotency.accountId, options.idempotency.key);
    } else if (raw.i_request_hash) {
      idempotency = {
        requestHash: raw.i_request_hash as string,
        status: Number(raw.i_status),
        response: String(raw.i_response),
      };
    }
    return {
      stream,
      extras: { calendarVersion: raw.calendar_version == null ? null : Number(raw.calendar_version), idempotency },
    };
  }

  async loadCommission(
    m: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<LoadedCommission | null> {
    if (!isUuid(id)) return null;
    const pg = m.connection.options.type === 'postgres';
    const [raw] = await m.query<Raw[]>(
      `SELECT ${COMMISSION_COLUMNS.join(', ')} FROM commissions WHERE id = ${pg ? '$1' : '?'}${options.lock && pg ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return raw ? this.commission(commissionOf(raw)) : null;
  }

  async commissionOfScope(
    m: EntityManager,
    scope: { authorityCode: string; direction: string; cycleCode: string },
    options: { lock?: boolean } = {},
  ) {
    const pg = m.connection.options.type === 'postgres';
    const p = (i: number) => (pg ? `$${i}` : '?');
    const [raw] = await m.query<Raw[]>(
      `SELECT ${COMMISSION_COLUMNS.join(', ')} FROM commissions WHERE authority_code = ${p(1)} AND direction = ${p(2)} AND cycle_code = ${p(3)}${options.lock && pg ? ' FOR UPDATE' : ''}`,
      [scope.authorityCode, scope.direction, scope.cycleCode],
    );
    return raw ? this.commission(commissionOf(raw)) : null;
  }

  async idempotencyRecord(m: EntityManager, accountId: string, key: string): Promise<LoadExtras['idempotency']> {
    const pg = m.connection.options.type === 'postgres';
    const [raw] = await m.query<Raw[]>(
      `SELECT request_hash, status, response FROM idempotency_keys WHERE account_id = ${pg ? '$1' : '?'} AND key = ${pg ? '$2' : '?'}`,
      [accountId, key],
    );
    return raw
      ? { requestHash: String(raw.request_hash), status: Number(raw.status), response: String(raw.response) }
      : null;
  }

  /** A case row (already read) as a stream, with its commission if given. */
  async caseStream(row: CaseEntity, commission: LoadedCommission | null): Promise<LoadedCase> {
    const machine = appealCaseMachines[row.workflowVersion];
    if (!machine) throw new Error(`case ${row.id}: no appeal case workflow version ${row.workflowVersion}`);
    const rules = (await this.reference.ruleSet(row.ruleSetId)).rules;
    return {
      kind: 'case',
      row,
      machine,
      snapshot: caseStepper(machine).restore(JSON.parse(row.snapshot)),
      rules,
      commission,
    };
  }

  commission(row: CommissionEntity): LoadedCommission {
    const machine = commissionMachines[row.workflowVersion];
    if (!machine)
      throw new Error(`commission ${row.id}: no special commission workflow version ${row.workflowVersion}`);
    return { kind: 'commission', row, machine, snapshot: commissionStepper(machine).restore(JSON.parse(row.snapshot)) };
  }
}

/** The projection columns of a stream's table, derived from its snapshot (lists and filters read them). */
export function projectionOf(
  stream: LoadedStream,
  snapshot: AppealCaseSnapshot | SpecialCommissionSnapshot,
): Record<string, unknown> {
  if (stream.kind === 'commission') return { state: commissionStateName(snapshot as SpecialCommissionSnapshot) };
  const s = snapshot as AppealCaseSnapshot;
  return {
    state: caseStateName(s),
    outcome: s.context.outcome ?? null,
    overdue_count: s.context.overdue.length,
    escalated: s.context.escalatedAt !== undefined,
  };
}

/** A stream with an event of its own workflow: the pair the runtime decides on. */
export type StreamStep =
  | { kind: 'case'; stream: LoadedCase; event: AppealCaseEvent }
  | { kind: 'commission'; stream: LoadedCommission; event: SpecialCommissionEvent };

/** Why the stream's machine refuses an event: the problem type, the point of the law, the guard. */
export function refusalOf(step: StreamStep): Refusal {
  return step.kind === 'commission'
    ? whyCommissionRefused(step.stream.machine, step.stream.snapshot, step.event)
    : whyRefused(step.stream.machine, step.stream.snapshot, step.event);
}
