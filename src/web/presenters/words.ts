import type { Language } from '../../common/i18n';
import { MessageKey, MessageParams, lawPoint, t } from '../../i18n/catalogue';
import { formatDate, formatDateTime } from '../../i18n/time';
import type { TermStanding } from './terms';

/** A key built from data (a state, an event type): typed as a catalogue key; the words unit test checks every one exists. */
export const dynamicKey = (key: string) => key as MessageKey;

export interface BodyNames {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn?: string | null;
}

/**
 * The words of the pages in one language: names of states, outcomes, directions, terms and actions, law points,
 * the short reference of a case and where a term stands. Never an internal code, UUID or event type name.
 */
export class Words {
  constructor(readonly lang: Language) {}

  t(key: MessageKey, params?: MessageParams): string {
    return t(this.lang, key, params);
  }

  /** A key built from data; the unit test `words.spec.ts` holds every such key to exist in the catalogue. */
  d(key: string, params?: MessageParams): string {
    return t(this.lang, dynamicKey(key), params);
  }

  bodyName(body: BodyNames | null | undefined, code?: string): string {
    if (!body) return code ?? '';
    if (this.lang === 'kk') return body.nameKk;
    if (this.lang === 'ru') return body.nameRu;
    return body.nameEn || body.nameRu;
  }

  direction(direction: string): string {
    return direction === 'personnel' || direction === 'it' ? this.d(`directions.${direction}`) : direction;
  }

  /** The short reference people use for a case: body code · direction · cycle (e.g. "MZ · Персоналды басқару · 2026"). */
  caseRef(c: { bodyCode: string; direction: string; cycle: string }): string {
    return `${c.bodyCode} · ${this.direction(c.direction)} · ${c.cycle}`;
  }

  state(state: string): string {
    return this.d(`caseStates.${state}`);
  }

  outcome(outcome: string | null | undefined): string | null {
    return outcome ? this.d(`outcomes.${outcome}`) : null;
  }

  role(role: string): string {
    return role === 'system' ? this.t('people.system') : this.d(`roles.${role}`);
  }

  /** "p.98/p.99" → «98-тармақ / 99-тармақ», «пункт 98 / пункт 99», "point 98 / point 99". */
  law(law: string | null | undefined): string {
    if (!law) return '';
    const points = [...law.matchAll(/\d+/g)].map((m) => m[0]);
    return points.map((p) => lawPoint(this.lang, p)).join(' / ');
  }

  /** A term by its kind: «D1 — қарсылық беру мерзімі (98, 99-тармақтар)». */
  term(kind: string): string {
    return this.d(`termKinds.${kind}`);
  }

  /** Whose move a term is: the body's or the authority's. */
  whose(kind: string): string {
    return this.d(`termWhose.${kind}`);
  }

  dateTime(iso: string | null | undefined): string {
    return iso ? formatDateTime(iso) : '—';
  }

  date(isoOrDate: string | null | undefined): string {
    return isoOrDate ? formatDate(isoOrDate) : '—';
  }

  /** Where a term stands in words, with the style the page gives it (overdue is red, the last day is orange). */
  standing(s: TermStanding): { text: string; tone: 'overdue' | 'urgent' | 'running' } {
    if (s.overdue) return { text: this.t('terms.overdue', { date: formatDate(s.lastDay) }), tone: 'overdue' };
    if (s.lastDayToday) return { text: this.t('terms.lastDayToday'), tone: 'urgent' };
    if (s.workingDaysLeft === null)
      return { text: this.t('terms.until', { date: formatDate(s.lastDay) }), tone: 'running' };
    return {
      text: this.t('terms.workingDaysLeft', { count: s.workingDaysLeft }),
      tone: s.workingDaysLeft <= 2 ? 'urgent' : 'running',
    };
  }
}
