import { localDateOf } from '../../calendar/calendar-rules';
import { metaOf } from '../../events/event-catalogue';
import { formatDate } from '../../i18n/time';
import { Words } from './words';

/** A stored event of a case as the page reads it (payload as stored, `meta` inside or legacy). */
export interface TimelineEvent {
  seq: number;
  type: string;
  payload: object;
  actorId: string;
  actorRole: string;
  businessTime: string;
  recordedTime: string;
}

export interface TimelineEntry {
  seq: number;
  /** What happened, in one sentence of the reader's language (never the event's type name). */
  title: string;
  /** Further lines: which row, which decision, old → new deadline, the reason. */
  lines: string[];
  /** A text the actor wrote (a note, a reason, a rationale), quoted as written. */
  quotes: { label: string; text: string }[];
  who: string;
  when: string;
  /** Set when the service recorded the fact later than its legal time (a deadline fired after downtime). */
  recorded: string | null;
  documents: { name: string; href: string }[];
}

type Payload = Record<string, unknown> & { meta?: { note?: string; reason?: string } };

/** The actors that are not people: the deadline scheduler and the official calendar. */
const SYSTEM_ACTORS: Record<string, string> = { scheduler: 'people.scheduler', calendar: 'people.calendar' };

/** The last local day of a term whose deadline event carries the first instant after it (its business time). */
const dayBefore = (instant: string) => formatDate(localDateOf(new Date(Date.parse(instant) - 1).toISOString()));

/**
 * The timeline of a case in words (issue 14, item 3): who, when and what — which row, which decision, old → new
 * deadline and the reason, the Presidential Administration's outcome — with links to the documents. Events this
 * version does not know (a later workflow) still appear, as "a step was recorded".
 */
export function timelineOf(
  events: TimelineEvent[],
  words: Words,
  options: {
    caseId: string;
    actors: Map<string, string>;
    indicatorTitle: (code: string) => string;
    documentHref?: (sha256: string) => string | null;
  },
): TimelineEntry[] {
  const w = words;
  const withdrawnBefore = (seq: number) => events.some((e) => e.seq < seq && e.type === 'OBJECTION.WITHDRAW');
  const docs = (list: unknown) =>
    (Array.isArray(list) ? (list as { name: string; sha256: string }[]) : [])
      .map((d) => ({ name: d.name, href: options.documentHref?.(d.sha256) ?? '' }))
      .filter((d) => d.href);
  return events.map((e) => {
    const p = e.payload as Payload;
    const meta = metaOf(e) as {
      note?: string;
      reason?: string;
      previous?: Record<string, string>;
      calendarVersion?: number;
    };
    const lines: string[] = [];
    const quotes: { label: string; text: string }[] = [];
    let documents: TimelineEntry['documents'] = [];
    let title: string;
    const note = meta.note ? [{ label: w.t('timeline.note'), text: meta.note }] : [];
    switch (e.type) {
      case 'CASE.OPENED': {
        const input = (p.input ?? {}) as { deadlines?: { objection?: string } };
        title = w.t('timeline.opened');
        if (input.deadlines?.objection)
          lines.push(w.t('timeline.objectionTermRuns', { time: w.dateTime(input.deadlines.objection) }));
        break;
      }
      case 'OBJECTION.FILE': {
        const items = (p.items ?? []) as { indicatorCode: string; claimedScore?: number }[];
        title = w.t('timeline.objection', { count: items.length });
        for (const item of items) {
          lines.push(
            item.claimedScore !== undefined
              ? w.t('timeline.disputedWithScore', {
                  indicator: `${item.indicatorCode} ${options.indicatorTitle(item.indicatorCode)}`.trim(),
                  score: item.claimedScore,
                })
              : w.t('timeline.disputed', {
                  indicator: `${item.indicatorCode} ${options.indicatorTitle(item.indicatorCode)}`.trim(),
                }),
          );
        }
        documents = docs(p.documents);
        break;
      }
      case 'NO_OBJECTION.FILE':
        title = w.t('timeline.noObjection');
        quotes.push(...note);
        break;
      case 'OBJECTION.WITHDRAW': {
        title = w.t('timeline.withdrawn');
        const d = (p.deadlines ?? {}) as { objection?: string };
        if (d.objection) lines.push(w.t('timeline.withdrawnInsideTerm', { time: w.dateTime(d.objection) }));
        quotes.push(...note);
        break;
      }
      case 'DEADLINE.OBJECTION':
        title = w.t('timeline.objectionTermEnded', { date: dayBefore(e.businessTime) });
        lines.push(
          withdrawnBefore(e.seq)
            ? w.t('timeline.objectionTermEndedWithdrawn')
            : w.t('timeline.objectionTermEndedNoResponse'),
        );
        break;
      case 'TABLE.DRAFT': {
        const rows = (p.rows ?? []) as unknown[];
        title = w.t('timeline.tableDrawn', { count: rows.length });
        break;
      }
      case 'TABLE.SUBMIT':
        title = w.t('timeline.tableSubmitted');
        break;
      case 'DEADLINE.TABLE':
        title = w.t('timeline.tableTermRanOut', { date: dayBefore(e.businessTime) });
        lines.push(w.t('timeline.authorityBreach', { law: w.law('p.102') }));
        break;
      case 'DEADLINE.RESULT':
        title = w.t('timeline.resultTermRanOut', { date: dayBefore(e.businessTime) });
        lines.push(w.t('timeline.authorityBreach', { law: w.law('p.106') }));
        break;
      case 'ROW.DECIDE': {
        const vote = (p.vote ?? {}) as {
          for?: number;
          against?: number;
          abstained?: number;
          present?: number;
          members?: number;
          chairVote?: string;
        };
        const n = Number(p.n);
        title = w.t(p.decision === 'agree' ? 'timeline.rowAgreed' : 'timeline.rowDisagreed', { n });
        lines.push(
          w.t('timeline.vote', {
            for: vote.for ?? 0,
            against: vote.against ?? 0,
            abstained: vote.abstained ?? 0,
            present: vote.present ?? 0,
            members: vote.members ?? 0,
          }),
        );
        if (vote.chairVote) lines.push(w.t('timeline.chairVote', { vote: w.d(`ballot.${vote.chairVote}`) }));
        if (typeof p.revisedScore === 'number') lines.push(w.t('timeline.revisedScore', { score: p.revisedScore }));
        const meeting = p.meeting as { scheduledFor?: string } | undefined;
        if (meeting?.scheduledFor) lines.push(w.t('timeline.atMeeting', { time: w.dateTime(meeting.scheduledFor) }));
        if (typeof p.rationale === 'string') quotes.push({ label: w.t('timeline.rationale'), text: p.rationale });
        break;
      }
      case 'TABLE.SIGN': {
        const name = typeof p.name === 'string' ? p.name : '';
        if (typeof p.refusalReason === 'string') {
          title = w.t('timeline.signRefused');
          quotes.push({ label: w.t('signatures.reason'), text: p.refusalReason });
        } else if (p.signer === 'chair') {
          title = p.completeWithoutAgency
            ? w.t('timeline.chairCompleted', { name })
            : w.t('timeline.chairSigned', { name });
        } else {
          title = w.t('timeline.agencySigned', { name });
        }
        if (typeof p.tableSha256 === 'string') lines.push(w.t('timeline.tableHash', { hash: p.tableSha256 }));
        break;
      }
      case 'RESULTS.DISPATCH': {
        title = w.t('timeline.dispatched');
        const d = (p.deadlines ?? {}) as { escalation?: string };
        if (d.escalation) lines.push(w.t('timeline.escalationTermRuns', { time: w.dateTime(d.escalation) }));
        // Workflow v2 keeps the note in the event itself (p.106); v1 kept it in meta.
        quotes.push(...(typeof p.note === 'string' ? [{ label: w.t('timeline.note'), text: p.note }] : note));
        break;
      }
      case 'CONCLUSION.CORRECT': {
        title = w.t('timeline.corrected', { version: Number(p.conclusionVersion) });
        const d = (p.deadlines ?? {}) as { escalation?: string };
        if (d.escalation) lines.push(w.t('timeline.escalationTermRuns', { time: w.dateTime(d.escalation) }));
        if (meta.note) quotes.push({ label: w.t('timeline.reason'), text: meta.note });
        break;
      }
      case 'ESCALATION.FILE':
        title = w.t('timeline.escalated');
        if (typeof p.reason === 'string') quotes.push({ label: w.t('timeline.reason'), text: p.reason });
        documents = docs(p.documents);
        break;
      case 'ESCALATION.OUTCOME':
        title =
          p.outcome === 'revised'
            ? w.t('timeline.paRevised', { version: Number(p.conclusionVersion ?? 0) })
            : w.t('timeline.paUpheld');
        quotes.push(...note);
        break;
      case 'DEADLINE.ESCALATION':
        title = w.t('timeline.escalationTermEnded', { date: dayBefore(e.businessTime) });
        break;
      case 'DEADLINES.RECOMPUTED': {
        title =
          meta.calendarVersion !== undefined
            ? w.t('timeline.recomputed', { version: meta.calendarVersion })
            : w.t('timeline.recomputedNoVersion');
        const moved = (p.deadlines ?? {}) as Record<string, string>;
        for (const [kind, due] of Object.entries(moved)) {
          const before = meta.previous?.[kind];
          lines.push(
            before
              ? w.t('timeline.moved', { term: w.term(kind), from: w.dateTime(before), to: w.dateTime(due) })
              : w.t('timeline.movedTo', { term: w.term(kind), to: w.dateTime(due) }),
          );
        }
        if (meta.reason) quotes.push({ label: w.t('timeline.reason'), text: meta.reason });
        break;
      }
      default:
        title = w.t('timeline.other');
    }
    const actor = SYSTEM_ACTORS[e.actorId]
      ? w.d(SYSTEM_ACTORS[e.actorId])
      : (options.actors.get(e.actorId) ?? w.t('people.unknown'));
    const late = Date.parse(e.recordedTime) - Date.parse(e.businessTime) > 60_000;
    return {
      seq: e.seq,
      title,
      lines,
      quotes,
      who: e.actorRole === 'system' ? actor : `${actor} (${w.role(e.actorRole)})`,
      when: w.dateTime(e.businessTime),
      recorded: late ? w.dateTime(e.recordedTime) : null,
      documents,
    };
  });
}
