import { Injectable } from '@nestjs/common';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CalendarService } from '../../calendar/calendar.service';
import { AllowedAction, CaseQueueReader, CaseSearch } from '../../cases/case-reader';
import { Clock } from '../../common/clock';
import { CommissionReader } from '../../commissions/commission-reader';
import { ReferenceService } from '../../reference/reference.service';
import { permits } from '../../auth/policy';
import { termStanding } from './terms';
import { BodyNames, Words } from './words';

/** Actions a person may take but that wait for nobody (withdrawing an objection): offered on the case, not queued. */
const NOT_QUEUED = new Set(['case.withdrawal']);
/** Commission actions that are work waiting (the rest — adding members, calling meetings — are always open). */
const COMMISSION_QUEUED = new Set(['commission.constitution', 'commission.attendance']);

/** The term that runs for a case in each state (the list's "next term" column). */
const STATE_TERMS: Record<string, string[]> = {
  issued: ['objection'],
  objectionReceived: ['table', 'result'],
  tablePreparation: ['table', 'result'],
  commissionReview: ['result'],
  signing: ['signature', 'result'],
  dispatch: ['result'],
  correction: ['escalation'],
  escalationWindow: ['escalation'],
};

export const CASE_STATES = ['issued', 'objectionReceived', 'tablePreparation', 'commissionReview', 'signing', 'dispatch', 'correction', 'escalationWindow', 'escalated', 'closed'] as const;
export const PAGE_SIZE = 20;

export interface QueueFilter {
  cycle: string;
  direction: string;
  state: string;
  breaches: string;
  body: string;
  page: number;
}

type Summary = ReturnType<import('../../cases/case-reader').CaseReader['summary']>;

/** The home page (issue 14, item 2): what waits for this person's action, then every case they may see. */
@Injectable()
export class QueuePresenter {
  constructor(
    private readonly queue: CaseQueueReader,
    private readonly commissions: CommissionReader,
    private readonly reference: ReferenceService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  /** Reads the query string: values that are not among the choices are dropped (a GET filter never fails). */
  filterOf(query: Record<string, unknown>, cycles: string[]): QueueFilter {
    const text = (name: string) => (typeof query[name] === 'string' ? (query[name]).trim().slice(0, 100) : '');
    const pick = (name: string, allowed: readonly string[]) => (allowed.includes(text(name)) ? text(name) : '');
    const page = Number(text('page'));
    return {
      cycle: pick('cycle', cycles),
      direction: pick('direction', ['personnel', 'it']),
      state: pick('state', CASE_STATES),
      breaches: pick('breaches', ['live', 'past', 'none']),
      body: text('body'),
      page: Number.isInteger(page) && page >= 1 ? page : 1,
    };
  }

  async page(account: AuthenticatedAccount, words: Words, query: Record<string, unknown>) {
    const now = this.clock.now().toISOString();
    const [calendar, bodies, cycles] = await Promise.all([this.calendar.current(), this.reference.listBodies(), this.queue.cycles(account)]);
    const bodyByCode = new Map<string, BodyNames>(bodies.map((b) => [b.code, b]));
    const standing = (due: string) => {
      const s = termStanding(calendar, now, due);
      return { ...words.standing(s), due: words.dateTime(due) };
    };

    // ---- what waits for this person
    const running = await this.queue.running(account);
    const waiting = running
      .map(({ summary, allowedActions }) => {
        const actions = allowedActions.filter((a) => !NOT_QUEUED.has(a.action));
        if (actions.length === 0) return null;
        const dated = actions.filter((a): a is AllowedAction & { term: NonNullable<AllowedAction['term']> } => !!a.term).sort((a, b) => Date.parse(a.term.due) - Date.parse(b.term.due));
        const term = dated[0]?.term;
        return {
          href: `/case/${summary.id}`,
          ref: words.caseRef(summary),
          body: words.bodyName(bodyByCode.get(summary.bodyCode), summary.bodyCode),
          state: words.state(summary.state),
          actions: [...new Set(actions.map((a) => words.d(`actions.${a.action}`)))],
          term: term ? { name: words.term(term.kind), law: words.law(term.law), ...standing(term.due) } : null,
          dueMs: term ? Date.parse(term.due) : Number.POSITIVE_INFINITY,
          updatedAt: summary.updatedAt,
        };
      })
      .filter((item): item is NonNullable<typeof item> => item !== null);

    const commissionWork = [
      ...(await this.commissionsToForm(running.map((r) => r.summary), account, words, bodyByCode, standing)),
      ...(await this.commissionWork(account, words, now, bodyByCode)).map((item) => ({ ...item, dueMs: Number.POSITIVE_INFINITY })),
    ];
    const items = [...waiting, ...commissionWork].sort((a, b) => a.dueMs - b.dueMs || String(a.updatedAt).localeCompare(String(b.updatedAt)));

    // ---- every case this person may see, filtered and paged
    const filter = this.filterOf(query, cycles);
    const search: CaseSearch = { limit: PAGE_SIZE, offset: 0 };
    if (filter.cycle) search.cycle = filter.cycle;
    if (filter.direction) search.direction = filter.direction;
    if (filter.state) search.state = filter.state;
    if (filter.breaches) search.breaches = filter.breaches as CaseSearch['breaches'];
    if (filter.body) {
      const needle = filter.body.toLocaleLowerCase(words.lang);
      search.bodyCodes = bodies
        .filter((b) => [b.code, b.nameKk, b.nameRu, b.nameEn ?? ''].some((name) => name.toLocaleLowerCase(words.lang).includes(needle)))
        .map((b) => b.code);
    }
    let result = await this.queue.search({ ...search, offset: (filter.page - 1) * PAGE_SIZE }, account);
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    if (filter.page > pages) {
      // A page past the end (the list shrank meanwhile) shows the last page, and says which it is.
      filter.page = pages;
      result = await this.queue.search({ ...search, offset: (pages - 1) * PAGE_SIZE }, account);
    }
    const rows = result.items.map((c) => this.row(c, words, bodyByCode, standing));
    const from = result.total === 0 ? 0 : (filter.page - 1) * PAGE_SIZE + 1;
    const filtered = !!(filter.cycle || filter.direction || filter.state || filter.breaches || filter.body);

    return {
      waiting: items,
      cases: rows,
      total: result.total,
      shown: { from, to: from === 0 ? 0 : from + rows.length - 1 },
      pagination: this.pagination(filter, pages, words),
      filter,
      filtered,
      choices: {
        cycles,
        states: CASE_STATES.map((s) => ({ value: s, text: words.state(s) })),
      },
      anyQuery: Object.keys(query).length > 0,
    };
  }

  private row(c: Summary, words: Words, bodies: Map<string, BodyNames>, standing: (due: string) => { text: string; tone: string; due: string }) {
    const deadlines = c.deadlines as Record<string, string | null | undefined>;
    const kinds = STATE_TERMS[c.state] ?? [];
    // The first of the state's terms that still runs; else the last one (overdue).
    const dues = kinds.map((kind) => ({ kind, due: deadlines[kind] })).filter((d): d is { kind: string; due: string } => !!d.due);
    const next = dues.find((d) => Date.parse(d.due) >= Date.parse(this.clock.now().toISOString())) ?? dues[dues.length - 1];
    const closed = c.state === 'closed';
    return {
      href: `/case/${c.id}`,
      ref: words.caseRef(c),
      body: words.bodyName(bodies.get(c.bodyCode), c.bodyCode),
      state: words.state(c.state),
      stateValue: c.state,
      outcome: words.outcome(c.outcome),
      breaches: c.overdue.map((o) => ({ text: words.d(`breaches.${o.kind}`), law: words.law(o.law), live: !closed })),
      term: next && !closed ? { name: words.term(next.kind), ...standing(next.due) } : null,
      updated: words.dateTime(c.updatedAt),
    };
  }

  private pagination(filter: QueueFilter, pages: number, words: Words) {
    const href = (page: number) => {
      const q = new URLSearchParams();
      for (const key of ['cycle', 'direction', 'state', 'breaches', 'body'] as const) if (filter[key]) q.set(key, filter[key]);
      if (page > 1) q.set('page', String(page));
      const s = q.toString();
      return `/${s ? `?${s}` : ''}#cases-count`;
    };
    if (pages <= 1) return null;
    const numbers = [...new Set([1, filter.page - 1, filter.page, filter.page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
    const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
    numbers.forEach((n, i) => {
      if (i > 0 && n - numbers[i - 1] > 1) items.push({ ellipsis: true });
      items.push({ number: n, href: href(n), current: n === filter.page });
    });
    return {
      items,
      previous: filter.page > 1 ? { href: href(filter.page - 1), text: words.t('queue.previous') } : undefined,
      next: filter.page < pages ? { href: href(filter.page + 1), text: words.t('queue.next') } : undefined,
      landmarkLabel: words.t('queue.pagesLabel'),
    };
  }

  /**
   * Issue 15: a special commission to form (p.100/p.101) — objections arrived in a direction and cycle of the person's
   * authority and no commission exists for it; the table cannot go to the commission until it is constituted (p.102).
   */
  private async commissionsToForm(
    running: Summary[],
    account: AuthenticatedAccount,
    words: Words,
    bodies: Map<string, BodyNames>,
    standing: (due: string) => { text: string; tone: string; due: string },
  ) {
    const authority = account.authorityCode;
    if (!authority || !permits(account, 'commission.open', { authorityCode: authority })) return [];
    const formed = new Set((await this.commissions.list(account)).map((k) => `${k.direction}|${k.cycle}`));
    const waiting = new Map<string, { direction: string; cycle: string; due: string | null; updatedAt: string }>();
    for (const c of running) {
      if (c.authority !== authority || !['objectionReceived', 'tablePreparation'].includes(c.state)) continue;
      const key = `${c.direction}|${c.cycle}`;
      if (formed.has(key)) continue;
      const due = (c.deadlines as Record<string, string | null | undefined>).table ?? null;
      const known = waiting.get(key);
      if (!known || (due && (!known.due || Date.parse(due) < Date.parse(known.due)))) waiting.set(key, { direction: c.direction, cycle: c.cycle, due, updatedAt: c.updatedAt });
    }
    return [...waiting.values()].map((w) => ({
      href: `/new-commission?direction=${encodeURIComponent(w.direction)}&cycle=${encodeURIComponent(w.cycle)}`,
      ref: `${words.t('commission.title')} · ${words.direction(w.direction)} · ${w.cycle}`,
      body: words.bodyName(bodies.get(authority), authority),
      state: words.t('commission.none'),
      actions: [words.t('actions.commission.open')],
      term: w.due ? { name: words.term('table'), law: words.law('p.102'), ...standing(w.due) } : null,
      dueMs: w.due ? Date.parse(w.due) : Number.POSITIVE_INFINITY,
      updatedAt: w.updatedAt,
    }));
  }

  /** Commission work that waits (constituting a commission that can be, recording the attendance of a meeting held). */
  private async commissionWork(account: AuthenticatedAccount, words: Words, now: string, bodies: Map<string, BodyNames>) {
    if (!['commissionSecretary', 'authorityOfficer', 'presidentialAdministration'].includes(account.role)) return [];
    const out = [];
    for (const k of await this.commissions.list(account)) {
      for (const action of k.allowedActions.filter((a) => COMMISSION_QUEUED.has(a.action))) {
        const held = k.meetings.filter((m) => m.present === undefined && Date.parse(m.scheduledFor) <= Date.parse(now));
        if (action.action === 'commission.attendance' && held.length === 0) continue;
        out.push({
          href: `/commission/${k.id}`,
          ref: `${words.t('commission.title')} · ${words.direction(k.direction)} · ${k.cycle}`,
          body: words.bodyName(bodies.get(k.authority), k.authority),
          state: words.d(`commissionStates.${k.state}`),
          actions: action.action === 'commission.attendance' ? held.map((m) => words.t('actions.commission.attendanceOf', { date: words.dateTime(m.scheduledFor) })) : [words.d(`actions.${action.action}`)],
          term: null,
          updatedAt: k.updatedAt,
        });
      }
    }
    return out;
  }
}
