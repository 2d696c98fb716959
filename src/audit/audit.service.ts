import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppealCaseContext, CaseDeadlines, appealCaseMachines, caseStateName } from '../../workflows';
import { permits } from '../auth/policy';
import { AuthenticatedAccount } from '../auth/authenticated-account';
import { CaseEntity } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReadDb } from '../database/read-db';
import { UnitOfWork } from '../database/unit-of-work';
import { RefusalEntity } from '../events/event.entity';
import { refusalPayload } from '../workflow-runtime/refusal-log';
import type { StoredEvent } from '../events/event-catalogue';
import { EventStore } from '../events/event-store';
import { LedgerDigestEntity } from './ledger-digest.entity';
import { RecordedDigest, VerificationReport, verifyLedger } from './ledger-verifier';
import { closeVerifyWorkers, verifyLedgerParallel } from './parallel-verify';
import { StreamHead, inclusionProof, leafHash, merkleRoot, sortHeads } from './merkle';
import { StreamReplay, openingWorkflowVersion } from './stream-replay';
import { text } from '../i18n/text';

/** How often the service records a ledger digest on its own (SPEC §6 "recorded periodically"). */
export const DIGEST_INTERVAL_MS = 10 * 60_000;

export const BUNDLE_FORMAT = 'appeals-audit-bundle/1';

/** From this many events on, `verify` splits the log over worker threads (below, starting them costs more). */
export const PARALLEL_VERIFY_EVENTS = 50_000;

/** The deadlines D1–D4, which event answers each, and the point of the law it comes from. */
const TERMS: {
  key: 'D1' | 'D2' | 'D3' | 'D4';
  name: keyof CaseDeadlines;
  law: string;
  answeredBy: string[];
  firedBy: string;
  overdueKind?: string;
}[] = [
  {
    key: 'D1',
    name: 'objection',
    law: 'p.98/p.99',
    answeredBy: ['OBJECTION.FILE', 'NO_OBJECTION.FILE'],
    firedBy: 'DEADLINE.OBJECTION',
    overdueKind: 'noObjectionNotice',
  },
  {
    key: 'D2',
    name: 'table',
    law: 'p.102',
    answeredBy: ['TABLE.SUBMIT'],
    firedBy: 'DEADLINE.TABLE',
    overdueKind: 'table',
  },
  {
    key: 'D3',
    name: 'result',
    law: 'p.106',
    answeredBy: ['RESULTS.DISPATCH'],
    firedBy: 'DEADLINE.RESULT',
    overdueKind: 'result',
  },
  { key: 'D4', name: 'escalation', law: 'p.108', answeredBy: ['ESCALATION.FILE'], firedBy: 'DEADLINE.ESCALATION' },
];

export type StateQuery = { seq: number } | { at: string };

/**
 * What auditors do with the log (SPEC §6): replay a case to any event or moment, draw its timeline
 * against its deadlines, verify every chain and the recorded ledger digests, export a case as a bundle
 * that verifies offline (tools/verify-bundle.js), and read refusals across all cases.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  private timer: NodeJS.Timeout | undefined;
  private recording: Promise<unknown> | undefined;

  constructor(
    private readonly reader: ReadDb,
    private readonly unitOfWork: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly events: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workers === false) return;
    this.timer = setInterval(() => void this.periodicDigest(), DIGEST_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.recording?.catch(() => undefined);
    await closeVerifyWorkers();
  }

  private async periodicDigest(): Promise<void> {
    try {
      const latest = await this.latestDigest();
      const heads = await this.streamHeads();
      // Nothing appended since the last digest: recording the same root again adds nothing.
      if (latest && latest.root === merkleRoot(heads)) return;
      const recorded = await this.recordDigest();
      this.logger.log({
        msg: 'ledger digest recorded',
        id: recorded.id,
        root: recorded.root,
        streams: recorded.streamCount,
      });
    } catch (error) {
      this.logger.error({ msg: 'ledger digest failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  // ---------------------------------------------------------------- ledger digests

  /** Every stream's head (cases and commissions), sorted by streamId: the leaves of the digest. */
  async streamHeads(): Promise<StreamHead[]> {
    const rows: { id: string; version: number | string; last_hash: string }[] = await this.reader.query(
      'SELECT id, version, last_hash FROM cases UNION ALL SELECT id, version, last_hash FROM commissions UNION ALL SELECT id, version, last_hash FROM accounts WHERE version > 0',
    );
    return sortHeads(rows.map((r) => ({ streamId: r.id, lastSeq: Number(r.version), lastHash: r.last_hash })));
  }

  /** Computes the Merkle root over every stream's latest hash now and records it. */
  async recordDigest() {
    const run = (async () => {
      const heads = await this.streamHeads();
      const fields = {
        root: merkleRoot(heads),
        streamCount: heads.length,
        eventCount: heads.reduce((n, h) => n + h.lastSeq, 0),
        recordedAt: this.clock.now().toISOString(),
        leaves: JSON.stringify(heads),
      };
      const id = await this.unitOfWork.run(async (m) => {
        const result = await m.insert(LedgerDigestEntity, fields);
        return Number(result.identifiers[0].id);
      });
      return this.digestView({ id, ...fields });
    })();
    this.recording = run;
    return run;
  }

  async latestDigest(): Promise<RecordedDigest | null> {
    const [row] = await this.reader.manager.find(LedgerDigestEntity, { order: { id: 'DESC' }, take: 1 });
    return row
      ? { id: row.id, root: row.root, recordedAt: row.recordedAt, leaves: JSON.parse(row.leaves) as StreamHead[] }
      : null;
  }

  /** Recorded digests, newest first. */
  async digests(page: { limit: number; offset: number }) {
    const [rows, total] = await this.reader.manager.findAndCount(LedgerDigestEntity, {
      order: { id: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items: rows.map((r) => this.digestView(r)), total, ...page };
  }

  async digest(id: number) {
    const row = await this.reader.manager.findOneBy(LedgerDigestEntity, { id });
    if (!row) throw new DomainError('not-found', `No recorded digest ${id}`);
    return this.digestView(row);
  }

  private digestView(row: LedgerDigestEntity) {
    return {
      id: row.id,
      root: row.root,
      streamCount: row.streamCount,
      eventCount: row.eventCount,
      recordedAt: row.recordedAt,
    };
  }

  // ---------------------------------------------------------------- verification

  /** Every chain, every replay, every case's deadline rows and the latest digest; on every core for a large log. */
  async verify(): Promise<VerificationReport> {
    const options = { checkedAt: this.clock.now().toISOString(), latestDigest: await this.latestDigest() };
    const [{ n }] = await this.reader.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM events');
    return Number(n) >= PARALLEL_VERIFY_EVENTS
      ? verifyLedgerParallel(this.reader.dataSource, this.config.databaseUrl, options)
      : verifyLedger(this.reader.dataSource, options);
  }

  // ---------------------------------------------------------------- one case

  private async visibleCase(id: string, account: AuthenticatedAccount): Promise<CaseEntity> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.reader.manager.findOneBy(CaseEntity, { id }) : null;
    if (
      !row ||
      !permits(account, 'audit.case', {
        bodyCode: row.bodyCode,
        authorityCode: row.authorityCode,
        escalated: Boolean(row.escalated),
      })
    ) {
      throw new DomainError('not-found', text('refusals.common.noCase', { id }));
    }
    return row;
  }

  /**
   * The case as it was after event `seq`, or at a moment: the events recorded at or before `at`
   * (recorded time = when the service knew the fact; a later-recorded fact with an earlier business
   * time was not yet known then). Replayed from seq 1 with the case's own workflow version.
   */
  async stateAt(id: string, query: StateQuery, account: AuthenticatedAccount) {
    const row = await this.visibleCase(id, account);
    const all = await this.events.read(this.reader.manager, id);
    let upTo: StoredEvent[];
    if ('seq' in query) {
      if (query.seq > all.length)
        throw new DomainError('not-found', text('refusals.misc.noEvent', { id, count: all.length, seq: query.seq }));
      upTo = all.slice(0, query.seq);
    } else {
      const limit = Date.parse(query.at);
      const firstLater = all.findIndex((e) => Date.parse(e.recordedTime) > limit);
      upTo = firstLater < 0 ? all : all.slice(0, firstLater);
      if (upTo.length === 0)
        throw new DomainError(
          'not-found',
          text('refusals.misc.openedAfter', {
            id,
            opened: all[0] ? { at: all[0].recordedTime } : '—',
            at: { at: query.at },
          }),
        );
    }
    const workflowVersion = openingWorkflowVersion(upTo[0], row.workflowVersion);
    const replay = new StreamReplay(appealCaseMachines[workflowVersion]);
    for (const e of upTo) replay.apply(e);
    const snapshot = replay.current;
    replay.stop();
    const last = upTo[upTo.length - 1];
    return {
      caseId: id,
      seq: last.seq,
      at: 'at' in query ? query.at : last.recordedTime,
      state: caseStateName(snapshot),
      outcome: (snapshot.context as AppealCaseContext).outcome ?? null,
      context: snapshot.context as AppealCaseContext,
      workflowVersion,
      lastEvent: {
        seq: last.seq,
        type: last.type,
        businessTime: last.businessTime,
        recordedTime: last.recordedTime,
        hash: last.hash,
      },
    };
  }

  /**
   * The case's events against its deadlines, for a page to draw. Each answering event is judged
   * against the deadline in force just before it (replayed), so a later recomputation (SPEC §3) does
   * not rewrite whether an earlier act was on time.
   */
  async timeline(id: string, account: AuthenticatedAccount) {
    const row = await this.visibleCase(id, account);
    const all = await this.events.read(this.reader.manager, id);
    const replay = new StreamReplay(appealCaseMachines[openingWorkflowVersion(all[0], row.workflowVersion)]);
    const answered = new Map<string, { seq: number; type: string; at: string; due: string; onTime: boolean }>();
    const fired = new Map<string, { seq: number; at: string }>();
    const events = all.map((e) => {
      const before: CaseDeadlines | undefined =
        e.seq > 1 ? (replay.current.context as AppealCaseContext).deadlines : undefined;
      replay.apply(e);
      const term = TERMS.find((t) => t.answeredBy.includes(e.type));
      const due = term && before ? before[term.name] : undefined;
      const onTime = due ? Date.parse(e.businessTime) <= Date.parse(due) : null;
      if (term && due && !answered.has(term.key))
        answered.set(term.key, { seq: e.seq, type: e.type, at: e.businessTime, due, onTime: onTime! });
      const firing = TERMS.find((t) => t.firedBy === e.type);
      if (firing && !fired.has(firing.key)) fired.set(firing.key, { seq: e.seq, at: e.businessTime });
      return {
        seq: e.seq,
        type: e.type,
        actorRole: e.actorRole,
        businessTime: e.businessTime,
        recordedTime: e.recordedTime,
        ...(term ? { deadline: term.key, due: due ?? null, onTime } : {}),
        ...(firing ? { firesDeadline: firing.key } : {}),
      };
    });
    const snapshot = replay.current;
    replay.stop();
    const context = snapshot.context as AppealCaseContext;
    const closed = snapshot.status === 'done';
    const deadlines = TERMS.map((t) => {
      const due = context.deadlines[t.name] ?? null;
      const answer = answered.get(t.key) ?? null;
      const breach = context.overdue.find((o) => o.kind === t.overdueKind) ?? null;
      const status = answer
        ? answer.onTime
          ? 'met'
          : 'late'
        : fired.has(t.key) || breach
          ? 'missed'
          : !due
            ? 'not-set'
            : closed
              ? 'moot'
              : 'open';
      return {
        key: t.key,
        name: t.name,
        law: t.law,
        due,
        status,
        answeredBy: answer,
        firedAt: fired.get(t.key) ?? null,
      };
    });
    return {
      caseId: id,
      state: caseStateName(snapshot),
      outcome: context.outcome ?? null,
      version: row.version,
      deadlines,
      events,
      overdue: context.overdue,
    };
  }

  /**
   * A self-contained proof of one case's history: every stored field of every event, the documents,
   * and the inclusion proof of the case's head in a recorded ledger digest (docs/audit-algorithm.md).
   */
  async exportBundle(id: string, account: AuthenticatedAccount) {
    const row = await this.visibleCase(id, account);
    // A GET writes nothing (issue 12): the latest RECORDED digest when it covers the case's head; otherwise a root
    // computed now over every head, marked as not recorded (an auditor records one with POST /audit/digests).
    let digest: { id: number | null; root: string; recordedAt: string | null; leaves: StreamHead[] } | null =
      await this.latestDigest();
    let leafIndex = digest
      ? digest.leaves.findIndex((l) => l.streamId === id && l.lastSeq === row.version && l.lastHash === row.lastHash)
      : -1;
    if (!digest || leafIndex < 0) {
      const heads = await this.streamHeads();
      digest = { id: null, root: merkleRoot(heads), recordedAt: null, leaves: heads };
      leafIndex = heads.findIndex((l) => l.streamId === id);
      if (leafIndex < 0) throw new DomainError('not-found', text('refusals.common.noCase', { id }));
    }
    // Only auditors and administrators learn how many streams the whole ledger has.
    const wholeLedger = account.role === 'auditor' || account.role === 'administrator';
    const head = digest.leaves[leafIndex];
    // Events are immutable: the first head.lastSeq events are exactly the ones the digest saw, even if more arrived since.
    const events = await this.events.read(this.reader.manager, id, head.lastSeq);
    const context = (JSON.parse(row.snapshot) as { context: AppealCaseContext }).context;
    return {
      format: BUNDLE_FORMAT,
      exportedAt: this.clock.now().toISOString(),
      case: {
        id: row.id,
        bodyCode: row.bodyCode,
        direction: row.direction,
        cycle: row.cycleCode,
        authority: row.authorityCode,
        workflowVersion: row.workflowVersion,
        state: row.state,
        outcome: row.outcome,
        version: row.version,
        lastHash: row.lastHash,
      },
      events,
      documents: context.documents.map((d) => ({ name: d.name, sha256: d.sha256 })),
      digest: {
        id: digest.id,
        root: digest.root,
        recordedAt: digest.recordedAt,
        recorded: digest.id !== null,
        ...(wholeLedger ? { leafCount: digest.leaves.length, leafIndex } : {}),
      },
      leaf: { ...head, hash: leafHash(head) },
      inclusionProof: inclusionProof(digest.leaves, leafIndex),
    };
  }

  // ---------------------------------------------------------------- refusals across cases

  async refusals(since: string | undefined, page: { limit: number; offset: number }) {
    const qb = this.reader.manager
      .createQueryBuilder(RefusalEntity, 'r')
      .orderBy('r.recorded_time', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (since) qb.where('r.recorded_time >= :since', { since: new Date(Date.parse(since)).toISOString() });
    const total = await qb.getCount();
    const rows = await qb.take(page.limit).skip(page.offset).getMany();
    return {
      since: since ?? null,
      total,
      ...page,
      items: rows.map((r) => ({
        id: r.id,
        streamId: r.streamId,
        command: r.command,
        actorId: r.actorId,
        actorRole: r.actorRole,
        problemType: r.problemType,
        law: r.law,
        detail: r.detail,
        payload: refusalPayload(r.payload),
        recordedTime: r.recordedTime,
      })),
    };
  }
}
