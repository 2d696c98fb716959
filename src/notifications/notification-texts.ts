import { I18nText, LANGUAGES, Language } from '../common/i18n';
import { MessageKey, lawPoint } from '../i18n/catalogue';
import { TextParam, renderText } from '../i18n/text';
import { DeadlineKind } from '../deadlines/deadline.entity';
import { NotificationKind } from './notification.entity';

export interface TextFacts {
  caseId: string;
  bodyCode: string;
  law: string;
  deadlineKind?: DeadlineKind;
  /** The last local day of the term (YYYY-MM-DD, Asia/Almaty). */
  lastDay?: string;
  /** p.92/p.94/p.96: who received the final conclusion, and its version. */
  recipient?: string;
  conclusionVersion?: number;
}

const KEYS: Record<NotificationKind, MessageKey> = {
  'term-opened': 'notifications.termOpened',
  'two-days-left': 'notifications.twoDaysLeft',
  'last-day': 'notifications.lastDay',
  missed: 'notifications.missed',
  'conclusion-transmitted': 'notifications.conclusionTransmitted',
  'results-dispatched': 'notifications.resultsDispatched',
};

/** `p.98` (or `p.92/p.94`) as the points of the law in words: «98-тармақ», «пункт 98», "point 98". */
function lawIn(lang: Language, law: string): string {
  return law.replace(/p\.\s?(\d+)/g, (_, n: string) => lawPoint(lang, n));
}

/**
 * The human text of a notification in the three languages, from the catalogue (`notifications.*`, issue 11): the
 * term named in words, its last day in the reader's form (dd.MM.yyyy, Astana) and the point of the law in words.
 */
export function notificationText(kind: NotificationKind, f: TextFacts): I18nText {
  // Workflow v2: D4 starts with the corrected conclusion (p.107/p.108), or there is no appeal (p.91): no day to name.
  const key = kind === 'results-dispatched' && f.lastDay ? 'notifications.resultsDispatchedAppeal' : KEYS[kind];
  const params: Record<string, TextParam> = {
    id: f.caseId,
    body: f.bodyCode,
    term: { text: f.deadlineKind ? `notifications.terms.${f.deadlineKind}` : 'notifications.terms.any' },
    day: f.lastDay ? { date: f.lastDay } : '—',
    version: f.conclusionVersion ?? '—',
    recipient: f.recipient ?? '—',
  };
  return Object.fromEntries(
    LANGUAGES.map((lang) => [lang, renderText(lang, { key, params: { ...params, law: lawIn(lang, f.law) } })]),
  ) as unknown as I18nText;
}
