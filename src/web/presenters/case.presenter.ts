import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AppealCaseContext } from '../../../workflows';
import { AuditService } from '../../audit/audit.service';
import { AccountEntity } from '../../auth/account.entity';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { permits } from '../../auth/policy';
import { CalendarService } from '../../calendar/calendar.service';
import { DeadlineResult, Term } from '../../calendar/calendar-rules';
import { CaseQueueReader, CaseReader, factsOf } from '../../cases/case-reader';
import { ConclusionStore } from '../../cases/conclusions';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { CommissionReader } from '../../commissions/commission-reader';
import { ReadDb } from '../../database/read-db';
import { DeadlinesService } from '../../deadlines/deadlines.service';
import { EventStore } from '../../events/event-store';
import { PersonEntity } from '../../reference/reference.entities';
import { ReferenceService } from '../../reference/reference.service';
import { buildDisagreementTable } from '../../table-render/disagreement-table.model';
import { LoadedCommission, StreamLoader } from '../../workflow-runtime/streams';
import { formFor } from '../step-forms';
import { termStanding } from './terms';
import { timelineOf } from './timeline';
import { BodyNames, Words } from './words';

/** The terms of a case in order: D1–D4 of SPEC §4, and (workflow v2) the representative's signature term. */
const TERMS = [
  { kind: 'objection', key: 'D1', law: 'p.98/p.99' },
  { kind: 'table', key: 'D2', law: 'p.102' },
  { kind: 'result', key: 'D3', law: 'p.106' },
  { kind: 'signature', key: null, law: 'p.105' },
  { kind: 'escalation', key: 'D4', law: 'p.108' },
] as const;

/** Fields a later workflow version adds to the case (issue 13); shown when present, never required. */
interface LaterFields {
  signedTable?: { sha256: string };
  dispatch?: { recipients?: { kind: string; code: string }[]; note?: string };
  escalation?: { reason?: string; documents?: { name: string; sha256: string }[] };
  transmitted?: { to: string; law: string; conclusionVersion: number };
  delivery?: { recordedAt?: string; reference?: string; document?: { name: string; sha256: string } };
  withdrawals?: string[];
}
type Context = AppealCaseContext &
  LaterFields & { signatures: AppealCaseContext['signatures'] & { agencyNonSignature?: { at: string; due: string } } };

export interface CaseFacts {
  id: string;
  bodyCode: string;
  direction: string;
  cycle: string;
  authority: string;
  state: string;
  outcome: string | null;
}

type ConclusionVersion = Awaited<ReturnType<ConclusionStore['versions']>>[number];

/**
 * The case page (issue 14, item 3): everything about one case, in words, in the reader's language — built from the
 * read side in-process (the case view with its allowedActions, conclusions, events, deadline rows, the commission),
 * and the same sections for a case replayed to a moment (the auditor's page).
 */
@Injectable()
export class CasePresenter {
  constructor(
    private readonly cases: CaseReader,
    private readonly conclusions: ConclusionStore,
    private readonly events: EventStore,
    private readonly deadlines: DeadlinesService,
    private readonly calendar: CalendarService,
    private readonly commissions: CommissionReader,
    private readonly reference: ReferenceService,
    private readonly audit: AuditService,
    private readonly reader: ReadDb,
    private readonly clock: Clock,
    private readonly loader: StreamLoader,
    private readonly queue: CaseQueueReader,
  ) {}

  async page(id: string, account: AuthenticatedAccount, words: Words) {
    const stream = await this.cases.visible(id, account); // another body's case: 404
    const m = this.reader.manager;
    const [view, versions, events, rows, timeline, calendar] = await Promise.all([
      this.cases.view(m, stream, account),
      this.conclusions.versions(m, id),
      this.events.read(m, id),
      this.deadlines.openFor(m, id),
      this.audit.timeline(id, account),
      this.calendar.current(),
    ]);
    const context = stream.snapshot.context as Context;
    const facts: CaseFacts = {
      id,
      bodyCode: view.bodyCode,
      direction: view.direction,
      cycle: view.cycle,
      authority: view.authority,
      state: view.state,
      outcome: view.outcome,
    };
    const now = this.clock.now().toISOString();
    const [body, authority] = await Promise.all([this.bodyOf(view.bodyCode), this.bodyOf(view.authority)]);
    const latest = versions[versions.length - 1];
    const titleOf = (code: string) => latest?.items.find((i) => i.code === code)?.title ?? '';
    const documentHref = (sha256: string) => `/case/${id}/documents/${sha256}`;
    const citedDocuments = new Set(
      [
        ...context.documents,
        ...(context.escalation?.documents ?? []),
        ...(context.delivery?.document ? [context.delivery.document] : []),
      ].map((d) => d.sha256),
    );

    const actors = await this.actorNames(events.map((e) => e.actorId));
    const reveal = account.role === 'administrator' || account.role === 'auditor';

    return {
      facts,
      title: words.caseRef(facts),
      bodyName: words.bodyName(body, view.bodyCode),
      summary: this.summary(facts, context, words, body, authority, view.conclusionVersion),
      allowed: view.allowedActions.map((a) => ({
        text: words.d(`actions.${a.action}`),
        // Issue 15: the form of the step, when the web has one (src/web/step-forms).
        href: formFor(a.action)
          ? `/case/${id}/forms/${formFor(a.action)!.name}${a.row !== undefined ? `?n=${a.row}` : ''}`
          : null,
        term: a.term
          ? {
              name: words.term(a.term.kind),
              due: words.dateTime(a.term.due),
              ...words.standing(termStanding(calendar, now, a.term.due)),
            }
          : null,
      })),
      terms: await this.terms(context, facts, rows, timeline.deadlines, words, now, calendar),
      breaches: this.breaches(context, facts, words),
      conclusions: this.conclusionVersions(versions, words),
      objection: this.objection(context, words, titleOf, documentHref),
      table: this.table(
        context,
        view,
        facts,
        body,
        authority,
        latest,
        stream.commission?.snapshot.context.members ?? [],
        words,
      ),
      signatures: this.signatures(context, words, latest, stream.commission?.snapshot.context.members ?? []),
      afterDispatch: this.afterDispatch(context, words, documentHref),
      commission: stream.commission
        ? await this.commission(stream.commission, account, words, stream.rules.quorumFraction)
        : null,
      timeline: timelineOf(events, words, {
        caseId: id,
        actors,
        indicatorTitle: titleOf,
        documentHref: (sha) => (citedDocuments.has(sha) ? documentHref(sha) : null),
      }),
      links: {
        replay: permits(account, 'audit.case', factsOf(stream.row)) ? `/case/${id}/replay` : null,
        bundle: reveal ? `/case/${id}/export` : null,
      },
    };
  }

  /** A special commission's own page: the commission section, and the cases it rules on that the reader may see. */
  async commissionPage(
    id: string,
    view: { authority: string; direction: string; cycle: string },
    account: AuthenticatedAccount,
    words: Words,
  ) {
    const loaded = await this.loader.loadCommission(this.reader.manager, id);
    if (!loaded) throw new DomainError('not-found', `No commission ${id}`);
    let quorumFraction = 0.5;
    try {
      quorumFraction = (await this.reference.ruleSetInForceAt(this.clock.now().toISOString())).rules.quorumFraction;
    } catch {
      // no rule set in force today: the SPEC §2 default
    }
    const authority = await this.bodyOf(view.authority);
    const cases = (
      await this.queue.search({ direction: view.direction, cycle: view.cycle, limit: 500, offset: 0 }, account)
    ).items.filter((c) => c.authority === view.authority);
    return {
      title: `${words.t('commission.title')} · ${words.direction(view.direction)} · ${view.cycle}`,
      authority: words.bodyName(authority, view.authority),
      commission: await this.commission(loaded, account, words, quorumFraction),
      cases: cases.map((c) => ({
        href: `/case/${c.id}`,
        ref: words.caseRef(c),
        state: words.state(c.state),
        stateValue: c.state,
      })),
    };
  }

  /** The sections of a case as it was after an event or at a moment (AuditService.stateAt), as of that moment. */
  async replayed(facts: CaseFacts, context: Context, at: string, words: Words) {
    const calendar = await this.calendar.current();
    const [body, authority] = await Promise.all([this.bodyOf(facts.bodyCode), this.bodyOf(facts.authority)]);
    const versions = (await this.conclusions.versions(this.reader.manager, facts.id)).filter(
      (v) => v.version <= context.conclusionVersion,
    );
    const latest = versions[versions.length - 1];
    const titleOf = (code: string) => latest?.items.find((i) => i.code === code)?.title ?? '';
    return {
      summary: this.summary(facts, context, words, body, authority, context.conclusionVersion),
      terms: TERMS.filter((t) => (context.deadlines as unknown as Record<string, string | undefined>)[t.kind]).map(
        (t) => {
          const due = (context.deadlines as unknown as Record<string, string>)[t.kind];
          return {
            name: words.term(t.kind),
            law: words.law(t.law),
            whose: words.whose(t.kind),
            due: words.dateTime(due),
            standing: words.standing(termStanding(calendar, at, due)),
            status: null,
            explanation: null,
          };
        },
      ),
      breaches: this.breaches(context, facts, words),
      objection: this.objection(context, words, titleOf, () => null),
      table: this.table(context, { documents: context.documents }, facts, body, authority, latest, [], words),
      signatures: this.signatures(context, words, latest, []),
    };
  }

  private async bodyOf(code: string): Promise<BodyNames | null> {
    try {
      return await this.reference.body(code);
    } catch {
      return null;
    }
  }

  private async actorNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (unique.length === 0) return new Map();
    const rows = await this.reader.manager.find(AccountEntity, {
      select: { id: true, displayName: true },
      where: { id: In(unique) },
    });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  private summary(
    facts: CaseFacts,
    context: Context,
    words: Words,
    body: BodyNames | null,
    authority: BodyNames | null,
    conclusionVersion: number,
  ) {
    const rows: { key: string; value: string }[] = [
      { key: words.t('case.body'), value: words.bodyName(body, facts.bodyCode) },
      { key: words.t('case.authority'), value: words.bodyName(authority, facts.authority) },
      { key: words.t('case.direction'), value: words.direction(facts.direction) },
      { key: words.t('case.cycle'), value: facts.cycle },
      { key: words.t('case.delivered'), value: words.dateTime(context.issuedAt) },
    ];
    if (context.delivery?.recordedAt && context.delivery.recordedAt !== context.issuedAt)
      rows.push({ key: words.t('case.deliveryRecorded'), value: words.dateTime(context.delivery.recordedAt) });
    if (context.delivery?.reference)
      rows.push({ key: words.t('case.deliveryReference'), value: context.delivery.reference });
    rows.push({ key: words.t('case.conclusionVersion'), value: String(conclusionVersion) });
    if (context.objectionAt)
      rows.push({ key: words.t('case.objectionAt'), value: words.dateTime(context.objectionAt) });
    if (context.dispatchedAt)
      rows.push({ key: words.t('case.dispatchedAt'), value: words.dateTime(context.dispatchedAt) });
    if (context.escalatedAt)
      rows.push({ key: words.t('case.escalatedAt'), value: words.dateTime(context.escalatedAt) });
    if (context.transmitted)
      rows.push({
        key: words.t('case.transmitted'),
        value: words.t('case.transmittedValue', {
          version: context.transmitted.conclusionVersion,
          law: words.law(context.transmitted.law),
        }),
      });
    return { state: words.state(facts.state), stateValue: facts.state, outcome: words.outcome(facts.outcome), rows };
  }

  /** D1–D4 with days left, whose move, the calendar version and why each skipped day was skipped. */
  private async terms(
    context: Context,
    facts: CaseFacts,
    rows: Awaited<ReturnType<DeadlinesService['openFor']>>,
    statuses: {
      key: string;
      status: string;
      answeredBy: { type: string; at: string; onTime: boolean } | null;
      firedAt: { at: string } | null;
    }[],
    words: Words,
    now: string,
    calendar: Awaited<ReturnType<CalendarService['current']>>,
  ) {
    const out = [];
    for (const term of TERMS) {
      const due = (context.deadlines as unknown as Record<string, string | undefined>)[term.kind];
      const row = [...rows].reverse().find((r) => r.kind === term.kind);
      if (!due && !row) continue;
      const status = term.key ? statuses.find((s) => s.key === term.key) : undefined;
      const dueAt = due ?? row!.dueAt;
      let standing: { text: string; tone: string } | null = null;
      let statusText: string;
      if (status?.status === 'met' || status?.status === 'late') {
        statusText = words.t(status.status === 'met' ? 'terms.met' : 'terms.late', {
          what: words.d(`answers.${status.answeredBy!.type.replace('.', '_')}`),
          time: words.dateTime(status.answeredBy!.at),
        });
      } else if (status?.status === 'missed') {
        statusText = words.t('terms.missed', {
          date: words.date(status.firedAt ? new Date(Date.parse(status.firedAt.at) - 1).toISOString() : dueAt),
        });
      } else if (facts.state === 'closed' || status?.status === 'moot' || (row && row.status === 'closed')) {
        statusText = words.t('terms.moot');
      } else {
        standing = words.standing(termStanding(calendar, now, dueAt));
        statusText = words.t('terms.running');
      }
      out.push({
        name: words.term(term.kind),
        law: words.law(term.law),
        whose: words.whose(term.kind),
        due: words.dateTime(dueAt),
        status: statusText,
        standing,
        explanation: row ? await this.explain(row, words) : null,
      });
    }
    return out;
  }

  /** Why a term ends when it does: counted from when, how many days, and each day skipped with its reason and act. */
  private async explain(row: { termFrom: string; term: string; calendarVersion: number; dueAt: string }, words: Words) {
    let result: DeadlineResult;
    try {
      result = this.calendar.compute(
        await this.calendar.version(row.calendarVersion),
        row.termFrom,
        JSON.parse(row.term) as Term,
      );
    } catch {
      return null;
    }
    const term =
      result.term.workingDays !== undefined
        ? words.t('terms.workingDays', { count: result.term.workingDays })
        : words.t('terms.calendarDays', { count: result.term.calendarDays ?? 0 });
    return {
      calendarVersion: result.calendarVersion,
      counted: words.t('terms.counted', {
        from: words.dateTime(result.from),
        first: words.date(result.firstDay),
        term,
        last: words.date(result.lastDay),
      }),
      rolled: result.nominalLastDay
        ? words.t('terms.rolled', { nominal: words.date(result.nominalLastDay), last: words.date(result.lastDay) })
        : null,
      forecast: result.forecast === true,
      skipped: result.skipped.map((s) => ({
        date: words.date(s.date),
        reason: s.reason[words.lang],
        act: s.act ?? null,
      })),
    };
  }

  /** Breaches: live on a running case (red), recorded on a closed one (grey) — never painted alike. */
  private breaches(context: Context, facts: CaseFacts, words: Words) {
    const live = facts.state !== 'closed';
    return context.overdue.map((o) => ({
      text: words.d(`breaches.${o.kind}`),
      law: words.law(o.law),
      live,
      detail: words.t('breaches.detail', { due: words.dateTime(o.due), at: words.dateTime(o.at) }),
    }));
  }

  /** Every version of the conclusion; each later one marks what changed from the one before (p.107, p.108). */
  private conclusionVersions(versions: ConclusionVersion[], words: Words) {
    return versions.map((v, i) => {
      const before = i > 0 ? versions[i - 1] : null;
      const items = v.items.map((item) => {
        const old = before?.items.find((x) => x.code === item.code);
        const changed = before !== null && old?.score !== item.score;
        return {
          code: item.code,
          title: item.title,
          score: item.score,
          max: item.maxScore ?? null,
          changed,
          previous: changed ? (old?.score ?? null) : null,
        };
      });
      return {
        version: v.version,
        issuedAt: words.dateTime(v.issuedAt),
        reason: v.reason,
        items,
        changes: items.filter((x) => x.changed).length,
        first: i === 0,
      };
    });
  }

  private objection(
    context: Context,
    words: Words,
    titleOf: (code: string) => string,
    href: (sha256: string) => string | null,
  ) {
    if (!context.objectionAt && context.disputedItems.length === 0) return null;
    return {
      at: words.dateTime(context.objectionAt),
      items: context.disputedItems.map((d) => ({
        code: d.indicatorCode,
        title: titleOf(d.indicatorCode),
        claimed: d.claimedScore ?? null,
        argument: d.argument,
      })),
      documents: context.documents.map((d) => ({ name: d.name, sha256: d.sha256, href: href(d.sha256) })),
      withdrawals: (context.withdrawals ?? []).map((at) => words.dateTime(at)),
    };
  }

  private table(
    context: Context,
    view: { documents: { name: string; sha256: string }[] },
    facts: CaseFacts,
    body: BodyNames | null,
    authority: BodyNames | null,
    latest: ConclusionVersion | undefined,
    members: { name?: string; role: 'chair' | 'secretary' | 'member' }[],
    words: Words,
  ) {
    if (context.rows.length === 0) return null;
    const model = buildDisagreementTable(
      {
        view: {
          id: facts.id,
          cycle: facts.cycle,
          direction: facts.direction,
          bodyCode: facts.bodyCode,
          authority: facts.authority,
          documents: view.documents,
          table: { rows: context.rows, signatures: context.signatures },
        },
        conclusion: latest ? { version: latest.version, issuedAt: latest.issuedAt, items: latest.items } : null,
        members: members.map((mm) => ({ role: mm.role, ...(mm.name ? { name: mm.name } : {}) })),
        body: body ?? { code: facts.bodyCode, nameKk: facts.bodyCode, nameRu: facts.bodyCode },
        authority,
        generatedAt: this.clock.now().toISOString(),
      },
      words.lang,
    );
    return {
      rows: model.rows.map((r) => ({
        n: r.n,
        indicator: `${r.indicatorCode} ${r.indicatorTitle}`.trim(),
        authorityScore: r.authorityScore,
        max: r.maxScore,
        claimed: r.claimedScore,
        argument: r.argument,
        position: r.authorityPosition,
        decision: r.decision,
        decisionText: r.decisionText,
        vote: r.vote?.lines ?? [],
        revised: r.revisedScore,
        rationale: r.rationale,
        decidedAt: r.decidedAt,
      })),
      decided: model.rows.filter((r) => r.decision).length,
      downloads: {
        pdf: `/case/${facts.id}/table.pdf`,
        xlsx: `/case/${facts.id}/table.xlsx`,
      },
    };
  }

  /** The signatures of p.105 — and the representative's refusal shown as a refusal, never as a signature. */
  private signatures(
    context: Context,
    words: Words,
    latest: ConclusionVersion | undefined,
    members: { name?: string; role: string }[],
  ) {
    if (context.rows.length === 0) return null;
    const s = context.signatures;
    const chairName = s.chair?.name ?? members.find((mm) => mm.role === 'chair')?.name ?? '';
    void latest;
    return {
      chair: s.chair
        ? {
            status: 'signed',
            text: words.t('signatures.chairSigned', { name: chairName, time: words.dateTime(s.chair.at) }),
          }
        : { status: 'pending', text: words.t('signatures.chairPending') },
      agency: s.agency
        ? {
            status: 'signed',
            text: words.t('signatures.agencySigned', { name: s.agency.name ?? '', time: words.dateTime(s.agency.at) }),
          }
        : s.agencyRefusal
          ? {
              status: 'refused',
              text: words.t('signatures.agencyRefused', { time: words.dateTime(s.agencyRefusal.at) }),
              reason: s.agencyRefusal.reason,
            }
          : s.agencyNonSignature
            ? {
                status: 'lapsed',
                text: words.t('signatures.agencyLapsed', { due: words.dateTime(s.agencyNonSignature.due) }),
              }
            : { status: 'pending', text: words.t('signatures.agencyPending') },
      hash: context.signedTable?.sha256 ?? null,
    };
  }

  /** Dispatch (p.106), correction (p.107), the appeal to the Presidential Administration and its outcome (p.108). */
  private afterDispatch(context: Context, words: Words, href: (sha256: string) => string) {
    if (!context.dispatchedAt) return null;
    return {
      dispatched: words.t('results.dispatched', { time: words.dateTime(context.dispatchedAt) }),
      recipients: (context.dispatch?.recipients ?? []).map((r) =>
        words.d(`results.recipient.${r.kind}`, { code: r.code }),
      ),
      note: context.dispatch?.note ?? null,
      final: words.t('results.final'),
      escalation: context.escalatedAt
        ? {
            at: words.dateTime(context.escalatedAt),
            reason: context.escalation?.reason ?? null,
            documents: (context.escalation?.documents ?? []).map((d) => ({ name: d.name, href: href(d.sha256) })),
          }
        : null,
      outcome: context.outcome === 'upheld' || context.outcome === 'revised' ? words.outcome(context.outcome) : null,
    };
  }

  /**
   * The special commission of the case (p.100–p.104): members with roles, recusals, meetings, invitees, attendance
   * and quorum. Those who may read the commission (its authority's staff, auditors, administrators) see all of it;
   * a body's representative and the working body see the members, and of each meeting its date, attendance and
   * quorum — not whom else it invited nor which other bodies' evaluators were recused (that would tell them who
   * else objected). IINs never appear but to administrators and auditors (in full).
   */
  private async commission(
    loaded: LoadedCommission,
    account: AuthenticatedAccount,
    words: Words,
    quorumFraction: number,
  ) {
    const view = this.commissions.view(loaded, account);
    const full = permits(account, 'commission.read', { authorityCode: loaded.row.authorityCode });
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    const raw = loaded.snapshot.context;
    const names = new Map<string, string>(raw.members.filter((mm) => mm.name).map((mm) => [mm.iin, mm.name!]));
    const missing = [
      ...new Set([
        ...raw.members.map((mm) => mm.iin),
        ...raw.recusals.map((r) => r.iin),
        ...raw.meetings.flatMap((mt) => mt.present ?? []),
      ]),
    ].filter((iin) => !names.has(iin));
    if (missing.length)
      for (const p of await this.reader.manager.find(PersonEntity, { where: { iin: In(missing) } }))
        names.set(p.iin, p.fullName);
    const memberCount = raw.members.length;
    return {
      id: full ? view.id : null,
      state: words.d(`commissionStates.${view.state}`),
      full,
      reveal,
      minimum: view.minMembers,
      members: raw.members.map((mm) => ({
        name: names.get(mm.iin) ?? words.t('people.unknown'),
        role: words.d(`memberRoles.${mm.role}`),
        iin: reveal ? mm.iin : null,
      })),
      recusals: full
        ? raw.recusals.map((r) => ({
            name: names.get(r.iin) ?? words.t('people.unknown'),
            body: r.bodyCode,
            at: words.dateTime(r.at),
            iin: reveal ? r.iin : null,
          }))
        : [],
      recusalCount: raw.recusals.length,
      meetings: raw.meetings.map((mt) => {
        const present = mt.present?.length;
        const quorum = present === undefined ? null : present > quorumFraction * memberCount;
        return {
          at: words.dateTime(mt.scheduledFor),
          invitees: full ? mt.invitees.map((i) => ({ name: i.name, kind: words.d(`invitees.${i.kind}`) })) : [],
          inviteeCount: mt.invitees.length,
          attendance:
            present === undefined
              ? words.t('commission.attendanceNotRecorded')
              : words.t('commission.attendance', { present, members: memberCount }),
          presentNames: full && mt.present ? mt.present.map((iin) => names.get(iin) ?? words.t('people.unknown')) : [],
          quorum: quorum === null ? null : words.t(quorum ? 'commission.quorumMet' : 'commission.quorumNotMet'),
          quorumMet: quorum,
        };
      }),
      quorumRule: words.t('commission.quorumRule', { percent: Math.round(quorumFraction * 100) }),
    };
  }
}
