import { DateTime } from 'luxon';
import type { ChairVote, RowDecision, SignedTable, Signatures, SupportingDocument, TableRow } from '../../workflows';
import { KZ_ZONE } from '../calendar/calendar-rules';
import { Language } from '../common/i18n';
import { TABLE_LABELS, TableLabels } from './disagreement-table.labels';

/** The parts of the case view (`CasesService.get`) the table is drawn from. */
export interface TableCaseView {
  id: string;
  cycle: string;
  direction: string;
  bodyCode: string;
  authority: string;
  documents: SupportingDocument[];
  table: { rows: TableRow[]; signatures: Signatures; signed?: SignedTable };
}

export interface BodyNames {
  code: string;
  nameKk: string;
  nameRu: string;
  nameEn?: string | null;
}

/** Everything the table is built from, read by the service; the builder itself reads nothing. */
export interface TableSources {
  view: TableCaseView;
  /** The newest version of the conclusion (for maximum scores and the header). */
  conclusion: {
    version: number;
    issuedAt: string;
    items: { code: string; title: string; score: number; maxScore: number }[];
  } | null;
  /** The commission's members: name and role only — an IIN never reaches the model. */
  members: { name?: string; role: 'chair' | 'secretary' | 'member' }[];
  body: BodyNames;
  /** The evaluating authority as a body, when it is registered as one; else its code is shown. */
  authority: BodyNames | null;
  /** When the table is rendered (from the clock). */
  generatedAt: string;
  /** p.105: whether the table shown hashes to what the signatures recorded (when signed). */
  signedIntact?: boolean;
}

export interface TableDocument {
  name: string;
  sha256: string;
  /** For narrow cells: the first and last characters of the digest. */
  shortSha256: string;
}

export interface TableVote {
  for: number;
  against: number;
  abstained: number;
  present: number;
  members: number;
  chairVote?: ChairVote;
  /** The vote in words, in the chosen language: counts, attendance, the chair's casting vote. */
  lines: string[];
}

export interface DisagreementTableRow {
  n: number;
  indicatorCode: string;
  indicatorTitle: string;
  authorityScore: number | null;
  maxScore: number | null;
  claimedScore: number | null;
  argument: string;
  documents: TableDocument[];
  authorityPosition: string;
  decision: RowDecision | null;
  decisionText: string;
  vote: TableVote | null;
  revisedScore: number | null;
  rationale: string;
  decidedAt: string | null;
}

export interface SignatureLine {
  signer: 'chair' | 'agency';
  role: string;
  name: string;
  status: 'signed' | 'refused' | 'pending' | 'notSigned';
  statusText: string;
  /** Local date and time (Asia/Almaty), or the dash. */
  date: string;
  reason: string | null;
}

/** The disagreement table in one language: what the page, the PDF and the workbook all show. */
export interface DisagreementTable {
  lang: Language;
  labels: TableLabels;
  caseId: string;
  header: {
    cycle: string;
    direction: string;
    directionCode: string;
    body: { code: string; name: string };
    authority: { code: string; name: string };
    conclusion: string | null;
  };
  members: { name: string; role: string }[];
  rows: DisagreementTableRow[];
  signatures: SignatureLine[];
  /** p.105: the hash the signatures fixed, in words (null while unsigned). */
  signedTable: { sha256: string; intact: boolean; text: string } | null;
  generatedAt: string;
  /** The base of a download's file name (no extension). */
  fileName: string;
}

const ROLE_ORDER = { chair: 0, secretary: 1, member: 2 } as const;

/** A local date and time in Kazakhstan, `dd.MM.yyyy HH:mm`. */
export function localDateTime(iso: string): string {
  const at = DateTime.fromISO(iso, { setZone: false }).setZone(KZ_ZONE);
  return at.isValid ? at.toFormat('dd.MM.yyyy HH:mm') : iso;
}

/** Kazakh and Russian write a decimal comma. */
export function formatScore(score: number | null | undefined, lang: Language): string {
  if (score === null || score === undefined) return TABLE_LABELS[lang].none;
  const text = String(score);
  return lang === 'en' ? text : text.replace('.', ',');
}

export function shortSha256(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-8)}` : sha256;
}

export function bodyName(body: BodyNames, lang: Language): string {
  if (lang === 'kk') return body.nameKk;
  if (lang === 'ru') return body.nameRu;
  return body.nameEn || body.nameRu; // English falls back to the Russian name
}

/** The one data model of the disagreement table (SPEC §5, appendix 18). Pure: same sources, same table. */
export function buildDisagreementTable(sources: TableSources, lang: Language): DisagreementTable {
  const l = TABLE_LABELS[lang];
  const { view, conclusion } = sources;
  const items = new Map((conclusion?.items ?? []).map((i) => [i.code, i]));
  const documents = view.documents.map((d) => ({ name: d.name, sha256: d.sha256, shortSha256: shortSha256(d.sha256) }));
  const direction =
    view.direction === 'personnel' || view.direction === 'it' ? l.directions[view.direction] : view.direction;

  const rows = [...view.table.rows]
    .sort((a, b) => a.n - b.n)
    .map((r): DisagreementTableRow => {
      const item = items.get(r.indicatorCode);
      return {
        n: r.n,
        indicatorCode: r.indicatorCode,
        indicatorTitle: r.title ?? item?.title ?? '',
        authorityScore: r.authorityScore ?? null,
        maxScore: item?.maxScore ?? null,
        claimedScore: r.claimedScore ?? null,
        argument: r.argument ?? '',
        documents,
        authorityPosition: r.authorityPosition,
        decision: r.decision ?? null,
        decisionText: r.decision ? l.decisions[r.decision] : l.decisions.pending,
        vote: r.vote
          ? {
              for: r.vote.for,
              against: r.vote.against,
              abstained: r.vote.abstained,
              present: r.vote.present,
              members: r.vote.members,
              ...(r.vote.chairVote ? { chairVote: r.vote.chairVote } : {}),
              lines: [
                l.vote(r.vote),
                l.attendance(r.vote.present, r.vote.members),
                ...(r.vote.chairVote ? [l.chairVote(l.ballot[r.vote.chairVote])] : []),
              ],
            }
          : null,
        revisedScore: r.revisedScore ?? null,
        rationale: r.rationale ?? '',
        decidedAt: r.decidedAt ? localDateTime(r.decidedAt) : null,
      };
    });

  const s = view.table.signatures;
  const chairName = s.chair?.name ?? sources.members.find((m) => m.role === 'chair')?.name ?? l.none;
  const signatures: SignatureLine[] = [
    s.chair
      ? {
          signer: 'chair',
          role: l.signer.chair,
          name: chairName,
          status: 'signed',
          statusText: l.signatureStatus.signed,
          date: localDateTime(s.chair.at),
          reason: null,
        }
      : {
          signer: 'chair',
          role: l.signer.chair,
          name: chairName,
          status: 'pending',
          statusText: l.signatureStatus.pending,
          date: l.none,
          reason: null,
        },
    s.agency
      ? {
          signer: 'agency',
          role: l.signer.agency,
          name: s.agency.name ?? l.none,
          status: 'signed',
          statusText: l.signatureStatus.signed,
          date: localDateTime(s.agency.at),
          reason: null,
        }
      : s.agencyRefusal
        ? {
            signer: 'agency',
            role: l.signer.agency,
            name: l.none,
            status: 'refused',
            statusText: l.signatureStatus.refused,
            date: localDateTime(s.agencyRefusal.at),
            reason: s.agencyRefusal.reason,
          }
        : s.agencyNonSignature
          ? {
              signer: 'agency',
              role: l.signer.agency,
              name: l.none,
              status: 'notSigned',
              statusText: `${l.signatureStatus.notSigned} (${localDateTime(s.agencyNonSignature.due)})`,
              date: localDateTime(s.agencyNonSignature.at),
              reason: null,
            }
          : {
              signer: 'agency',
              role: l.signer.agency,
              name: l.none,
              status: 'pending',
              statusText: l.signatureStatus.pending,
              date: l.none,
              reason: null,
            },
  ];
  const signed = view.table.signed;
  const intact = sources.signedIntact !== false;

  return {
    lang,
    labels: l,
    caseId: view.id,
    header: {
      cycle: view.cycle,
      direction,
      directionCode: view.direction,
      body: { code: sources.body.code, name: bodyName(sources.body, lang) },
      authority: { code: view.authority, name: sources.authority ? bodyName(sources.authority, lang) : view.authority },
      conclusion: conclusion ? l.conclusionVersion(conclusion.version, localDateTime(conclusion.issuedAt)) : null,
    },
    signedTable: signed ? { sha256: signed.sha256, intact, text: l.signedHash(signed.sha256, intact) } : null,
    // p.105, SPEC §5: once signed, the commission as composed when the table was signed.
    members: [...(signed ? signed.members : sources.members)]
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
      .map((m) => ({ name: m.name ?? l.none, role: l.role[m.role] })),
    rows,
    signatures,
    generatedAt: localDateTime(sources.generatedAt),
    fileName: `${l.title} ${view.bodyCode} ${view.direction} ${view.cycle}`,
  };
}
