import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { isConstituted, quorumMet, whyCommissionRefused, type SpecialCommissionEvent } from '../../../workflows';
import { AccountEntity } from '../../auth/account.entity';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { permits } from '../../auth/policy';
import { CalendarService } from '../../calendar/calendar.service';
import { CaseEntity } from '../../cases/case.entity';
import { ConclusionStore } from '../../cases/conclusions';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { CommissionEntity } from '../../commissions/commission.entity';
import { CommissionReader } from '../../commissions/commission-reader';
import { ReadDb } from '../../database/read-db';
import { maskIin } from '../../reference/iin';
import { CycleEntity, PersonEntity } from '../../reference/reference.entities';
import { ReferenceService } from '../../reference/reference.service';
import { LoadedCommission, StreamLoader } from '../../workflow-runtime/streams';
import { termStanding } from './terms';
import { BodyNames, Words } from './words';

/** The states of a case whose body's objection is before the commission (p.102–p.105): their terms run now. */
const BEFORE_COMMISSION = ['objectionReceived', 'tablePreparation', 'commissionReview', 'signing'];

/** A person of the directory as a candidate member, with the conflict check of p.100 worked out before submitting. */
export interface Candidate {
  iin: string;
  name: string;
  position: string | null;
  /** Bodies of this direction and cycle this person took part in evaluating (the same query the command uses). */
  evaluated: string[];
  /** Those of them that objected: the machine refuses this person (p.100/p.101). */
  conflict: string[];
}

/**
 * What the commission's forms need to know (issue 15): the commission as the person may see it, the people who may be
 * added with the conflict check of p.100 shown before submitting (computed with the machine's own guard on the event
 * the command would send), whom a meeting invites under p.103, the members for the attendance, and the terms of the
 * cases before the commission (its forms run against those).
 */
@Injectable()
export class CommissionFormsPresenter {
  constructor(
    private readonly reader: ReadDb,
    private readonly loader: StreamLoader,
    private readonly commissions: CommissionReader,
    private readonly conclusions: ConclusionStore,
    private readonly reference: ReferenceService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** The commission, if this person may read it (else the same 404 as the API). */
  async visible(id: string, account: AuthenticatedAccount): Promise<LoadedCommission> {
    const loaded = /^[0-9a-f-]{36}$/i.test(id) ? await this.loader.loadCommission(this.reader.manager, id) : null;
    if (!loaded || !permits(account, 'commission.read', { authorityCode: loaded.row.authorityCode }))
      throw new DomainError('not-found', `No commission ${id}`);
    return loaded;
  }

  /** The actions the policy AND the machine offer this person on the commission now (`allowedActions`). */
  allowed(loaded: LoadedCommission, account: AuthenticatedAccount): Set<string> {
    return new Set(this.commissions.allowedActions(loaded, account).map((a) => a.action));
  }

  now(): string {
    return this.clock.now().toISOString();
  }

  async bodyNames(): Promise<Map<string, BodyNames>> {
    return new Map((await this.reference.listBodies()).map((b) => [b.code, b]));
  }

  /**
   * p.100/p.101: the people of the authority's directory who are not members yet, each with the bodies they evaluated
   * in this direction and cycle and — asked of the machine with the MEMBER.ADD event the command would send — whether
   * the conflict rule refuses them. Others of the directory follow (a member need not be of the authority's staff).
   */
  async candidates(loaded: LoadedCommission): Promise<{ own: Candidate[]; others: Candidate[] }> {
    const context = loaded.snapshot.context;
    const people = await this.reader.manager.find(PersonEntity, { order: { fullName: 'ASC' } });
    const sitting = new Set(context.members.map((m) => m.iin));
    const out: { own: Candidate[]; others: Candidate[] } = { own: [], others: [] };
    const at = this.clock.now().toISOString();
    for (const p of people) {
      if (sitting.has(p.iin)) continue;
      const evaluated = await this.conclusions.bodiesEvaluatedBy(
        this.reader.manager,
        p.iin,
        loaded.row.direction,
        loaded.row.cycleCode,
      );
      const event: SpecialCommissionEvent = {
        type: 'MEMBER.ADD',
        at,
        iin: p.iin,
        role: 'member',
        evaluatedBodies: evaluated,
      };
      const refused =
        loaded.snapshot.status === 'active' && !loaded.snapshot.can(event)
          ? whyCommissionRefused(loaded.machine, loaded.snapshot, event)
          : null;
      const conflict =
        refused?.guard === 'notEvaluatorOfObjectingBody'
          ? evaluated.filter((b) => context.objectingBodies.includes(b))
          : [];
      (p.bodyCode === loaded.row.authorityCode ? out.own : out.others).push({
        iin: p.iin,
        name: p.fullName,
        position: p.position,
        evaluated,
        conflict,
      });
    }
    return out;
  }

  /** The roles still open: one chair and one secretary (p.100, SPEC §4); members without limit. */
  openRoles(loaded: LoadedCommission): Array<'chair' | 'secretary' | 'member'> {
    const taken = new Set(loaded.snapshot.context.members.map((m) => m.role));
    return (['chair', 'secretary', 'member'] as const).filter((r) => r === 'member' || !taken.has(r));
  }

  /**
   * p.103: whom a meeting invites — the representative of each objecting body whose objection is before the commission
   * (naming the body), and every employee who evaluated that body (by IIN). Representatives are named by their
   * accounts.
   */
  async invitees(loaded: LoadedCommission, words: Words) {
    const m = this.reader.manager;
    const scope = {
      authorityCode: loaded.row.authorityCode,
      direction: loaded.row.direction,
      cycleCode: loaded.row.cycleCode,
    };
    const cases = await m.findBy(CaseEntity, scope);
    const open = new Set(cases.filter((c) => BEFORE_COMMISSION.includes(c.state)).map((c) => c.bodyCode));
    const objecting = await this.conclusions.objectingBodies(m, scope);
    const bodies = await this.bodyNames();
    const codes = [...new Set(objecting.map((o) => o.bodyCode))].sort();
    const reps = codes.length
      ? await m.find(AccountEntity, { where: { role: 'agencyRepresentative', bodyCode: In(codes) } })
      : [];
    const evaluatorIins = [...new Set(objecting.flatMap((o) => o.evaluators))];
    const people = evaluatorIins.length ? await m.find(PersonEntity, { where: { iin: In(evaluatorIins) } }) : [];
    const nameOf = (iin: string) => people.find((p) => p.iin === iin)?.fullName ?? iin;
    return codes.map((code) => {
      const rep = reps.find((r) => r.bodyCode === code);
      const evaluators = [...new Set(objecting.filter((o) => o.bodyCode === code).flatMap((o) => o.evaluators))];
      return {
        code,
        body: words.bodyName(bodies.get(code), code),
        before: open.has(code),
        representative:
          rep?.displayName ??
          words.t('commissionForms.meeting.representativeOf', { body: words.bodyName(bodies.get(code), code) }),
        evaluators: evaluators.map((iin) => ({ iin, name: nameOf(iin) })),
      };
    });
  }

  /** The members by name (the attendance form and the vote), in the order they joined. */
  async members(loaded: LoadedCommission, words: Words) {
    const raw = loaded.snapshot.context.members;
    const missing = raw.filter((mm) => !mm.name).map((mm) => mm.iin);
    const people = missing.length ? await this.reader.manager.find(PersonEntity, { where: { iin: In(missing) } }) : [];
    return raw.map((mm) => ({
      iin: mm.iin,
      role: mm.role,
      roleText: words.d(`memberRoles.${mm.role}`),
      name: mm.name ?? people.find((p) => p.iin === mm.iin)?.fullName ?? words.t('people.unknown'),
    }));
  }

  /** The IINs of everybody in the people directory. */
  async directory(): Promise<string[]> {
    return (await this.reader.manager.find(PersonEntity, { select: { iin: true } })).map((p) => p.iin);
  }

  async personName(iin: string): Promise<string> {
    return (await this.reader.manager.findOneBy(PersonEntity, { iin }))?.fullName ?? maskIin(iin);
  }

  /** The quorum of p.104 (SPEC §2 default: more than the fraction of the members present) in numbers. */
  quorum(present: number, members: number, fraction: number): { met: boolean; needed: number; short: number } {
    const needed = Math.floor(members * fraction) + 1;
    return { met: quorumMet(present, members, fraction), needed, short: Math.max(0, needed - present) };
  }

  async quorumFraction(): Promise<number> {
    try {
      return (await this.reference.ruleSetInForceAt(this.clock.now().toISOString())).rules.quorumFraction;
    } catch {
      return 0.5; // no rule set in force today: the SPEC §2 default
    }
  }

  /**
   * The terms the commission's work runs against: the nearest running D2 (p.102, the table goes to a constituted
   * commission) or D3 (p.106, the results) of the cases before this commission that the person may see.
   */
  async terms(scope: { authorityCode: string; direction: string; cycleCode: string }, words: Words) {
    const cases = (await this.reader.manager.findBy(CaseEntity, scope)).filter((c) =>
      BEFORE_COMMISSION.includes(c.state),
    );
    const now = this.clock.now().toISOString();
    const calendar = await this.calendar.current();
    const out: Array<{
      ref: string;
      href: string;
      name: string;
      due: string;
      text: string;
      tone: string;
      dueMs: number;
    }> = [];
    for (const c of cases) {
      const deadlines =
        (JSON.parse(c.snapshot) as { context?: { deadlines?: Record<string, string | undefined> } }).context
          ?.deadlines ?? {};
      const kinds =
        c.state === 'objectionReceived' || c.state === 'tablePreparation' ? ['table', 'result'] : ['result'];
      const running = kinds
        .map((kind) => ({ kind, due: deadlines[kind] }))
        .filter((d): d is { kind: string; due: string } => !!d.due);
      const next = running.find((d) => Date.parse(d.due) >= Date.parse(now)) ?? running[running.length - 1];
      if (!next) continue;
      out.push({
        ref: words.caseRef({ bodyCode: c.bodyCode, direction: c.direction, cycle: c.cycleCode }),
        href: `/case/${c.id}`,
        name: words.term(next.kind),
        due: words.dateTime(next.due),
        ...words.standing(termStanding(calendar, now, next.due)),
        dueMs: Date.parse(next.due),
      });
    }
    return out.sort((a, b) => a.dueMs - b.dueMs);
  }

  /** The cycles a commission may be formed for, newest first. */
  async cycles(): Promise<string[]> {
    return (await this.reader.manager.find(CycleEntity, { order: { year: 'DESC', code: 'DESC' } })).map((c) => c.code);
  }

  /** The commission of a scope, if one was formed (the form for a new one links to it instead). */
  async existing(authorityCode: string, direction: string, cycleCode: string): Promise<string | null> {
    const row = await this.reader.manager.findOneBy(CommissionEntity, { authorityCode, direction, cycleCode });
    return row?.id ?? null;
  }

  /** Whether the commission can rule on tables (p.100/p.101). */
  constituted(loaded: LoadedCommission): boolean {
    return isConstituted(loaded.snapshot);
  }
}
