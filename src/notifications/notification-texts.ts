import { I18nText } from '../common/i18n';
import { DeadlineKind } from '../deadlines/deadline.entity';
import { NotificationKind } from './notification.entity';

/** The terms of chapter 7, named as a notification reader needs them (SPEC §9: kk, ru, en). */
const TERM: Record<DeadlineKind, I18nText> = {
  objection: { kk: 'қарсылық беру мерзімі (D1)', ru: 'срок подачи возражения (D1)', en: 'objection term (D1)' },
  table: { kk: 'келіспеушіліктер кестесін жасау мерзімі (D2)', ru: 'срок составления таблицы разногласий (D2)', en: 'term for the disagreement table (D2)' },
  result: { kk: 'қарсылықты қарау нәтижелерін жіберу мерзімі (D3)', ru: 'срок направления результатов рассмотрения возражения (D3)', en: 'term for the results of the review (D3)' },
  escalation: { kk: 'Президент Әкімшілігіне шағымдану мерзімі (D4)', ru: 'срок обжалования в Администрацию Президента (D4)', en: 'term to appeal to the Presidential Administration (D4)' },
};

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

/** The human text of a notification in the three languages. */
export function notificationText(kind: NotificationKind, f: TextFacts): I18nText {
  const term = f.deadlineKind ? TERM[f.deadlineKind] : { kk: 'мерзім', ru: 'срок', en: 'term' };
  const day = f.lastDay ?? '—';
  switch (kind) {
    case 'term-opened':
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: ${term.kk} басталды, ${day} күні сағат 24:00-де (Астана уақыты) аяқталады (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): начался ${term.ru}; он истекает ${day} в 24:00 по времени Астаны (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): the ${term.en} has started and ends on ${day} at 24:00 Astana time (${f.law}).`,
      };
    case 'two-days-left':
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: ${term.kk} аяқталуына бүгінді қоса екі жұмыс күні қалды; соңғы күн — ${day} (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): до истечения срока (${term.ru}) осталось два рабочих дня, включая сегодняшний; последний день — ${day} (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): two working days, today included, remain of the ${term.en}; the last day is ${day} (${f.law}).`,
      };
    case 'last-day':
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: бүгін, ${day}, — ${term.kk} соңғы күні; ол сағат 24:00-де аяқталады (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): сегодня, ${day}, — последний день (${term.ru}); срок истекает в 24:00 (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): today, ${day}, is the last day of the ${term.en}; it ends at 24:00 (${f.law}).`,
      };
    case 'missed':
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: ${term.kk} ${day} күні өтіп кетті, тиісті әрекет жасалмады (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): ${term.ru} истёк ${day}, а требуемое действие не совершено (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): the ${term.en} ended on ${day} without the action it required (${f.law}).`,
      };
    case 'conclusion-transmitted':
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: шағымдану рәсімі аяқталды; қорытындының соңғы нұсқасы (${f.conclusionVersion ?? '—'}) ${f.recipient ?? '—'} ақпараттандыру жөніндегі уәкілетті органға жіберілді (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): процедура обжалования завершена; окончательная редакция заключения (${f.conclusionVersion ?? '—'}) направлена уполномоченному органу в сфере информатизации ${f.recipient ?? '—'} (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): the appeal procedure has ended; the final conclusion (version ${f.conclusionVersion ?? '—'}) was transmitted to the informatization authority ${f.recipient ?? '—'} (${f.law}).`,
      };
    case 'results-dispatched':
      if (!f.lastDay) {
        // Workflow v2: D4 starts with the corrected conclusion (p.107/p.108), or there is no appeal (p.91).
        return {
          kk: `${f.bodyCode} ісі ${f.caseId}: қарсылықты қарау нәтижелері жіберілді (${f.law}).`,
          ru: `Дело ${f.caseId} (${f.bodyCode}): результаты рассмотрения возражения направлены (${f.law}).`,
          en: `Case ${f.caseId} (${f.bodyCode}): the results of the review were dispatched (${f.law}).`,
        };
      }
      return {
        kk: `${f.bodyCode} ісі ${f.caseId}: қарсылықты қарау нәтижелері жіберілді; Президент Әкімшілігіне шағымдану мерзімі ${day} күні аяқталады (${f.law}).`,
        ru: `Дело ${f.caseId} (${f.bodyCode}): результаты рассмотрения возражения направлены; срок обжалования в Администрацию Президента истекает ${day} (${f.law}).`,
        en: `Case ${f.caseId} (${f.bodyCode}): the results of the review were dispatched; the term to appeal to the Presidential Administration ends on ${day} (${f.law}).`,
      };
  }
}
