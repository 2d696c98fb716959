import { Language } from '../common/i18n';
import { MessageKey, t } from '../i18n/catalogue';

/** Every fixed text of the disagreement table (appendix 18), in the three languages of SPEC §9. */
export interface TableLabels {
  title: string;
  subtitle: string;
  case: string;
  cycle: string;
  direction: string;
  body: string;
  authority: string;
  conclusion: string;
  conclusionVersion: (version: number, issuedAt: string) => string;
  commission: string;
  noCommission: string;
  role: { chair: string; secretary: string; member: string };
  directions: { personnel: string; it: string };
  columns: {
    n: string;
    indicator: string;
    authorityScore: string;
    objection: string;
    documents: string;
    authorityPosition: string;
    decision: string;
    vote: string;
    revisedScore: string;
    rationale: string;
  };
  /** Sub-columns of the spreadsheet, where each figure has its own cell. */
  detail: {
    indicatorCode: string;
    indicatorTitle: string;
    maxScore: string;
    claimedScore: string;
    argument: string;
    for: string;
    against: string;
    abstained: string;
    present: string;
    members: string;
    chairVote: string;
  };
  maxScore: (max: string) => string;
  claimed: (score: string) => string;
  noClaim: string;
  decisions: { agree: string; disagree: string; pending: string };
  vote: (v: { for: number; against: number; abstained: number }) => string;
  attendance: (present: number, members: number) => string;
  chairVote: (vote: string) => string;
  ballot: { for: string; against: string; abstained: string };
  signatures: string;
  signer: { chair: string; agency: string };
  signatureStatus: { signed: string; refused: string; pending: string; notSigned: string };
  /** p.105: the hash the signatures fixed, and whether the table shown is still that table. */
  signedHash: (sha256: string, intact: boolean) => string;
  name: string;
  status: string;
  date: string;
  reason: string;
  generated: string;
  timeNote: string;
  page: (page: number, pages: number) => string;
  sheet: string;
  none: string;
}

/** The labels of one language, from the one catalogue of texts (`tableLabels.*`, issue 11). */
function labelsOf(lang: Language): TableLabels {
  const l = (key: string, params?: Record<string, string | number>) =>
    t(lang, `tableLabels.${key}` as MessageKey, params);
  return {
    title: l('title'),
    subtitle: l('subtitle'),
    case: l('case'),
    cycle: l('cycle'),
    direction: l('direction'),
    body: l('body'),
    authority: l('authority'),
    conclusion: l('conclusion'),
    conclusionVersion: (version, issuedAt) => l('conclusionVersion', { version, issuedAt }),
    commission: l('commission'),
    noCommission: l('noCommission'),
    role: { chair: l('role.chair'), secretary: l('role.secretary'), member: l('role.member') },
    directions: { personnel: l('directions.personnel'), it: l('directions.it') },
    columns: {
      n: l('columns.n'),
      indicator: l('columns.indicator'),
      authorityScore: l('columns.authorityScore'),
      objection: l('columns.objection'),
      documents: l('columns.documents'),
      authorityPosition: l('columns.authorityPosition'),
      decision: l('columns.decision'),
      vote: l('columns.vote'),
      revisedScore: l('columns.revisedScore'),
      rationale: l('columns.rationale'),
    },
    detail: {
      indicatorCode: l('detail.indicatorCode'),
      indicatorTitle: l('detail.indicatorTitle'),
      maxScore: l('detail.maxScore'),
      claimedScore: l('detail.claimedScore'),
      argument: l('detail.argument'),
      for: l('detail.for'),
      against: l('detail.against'),
      abstained: l('detail.abstained'),
      present: l('detail.present'),
      members: l('detail.members'),
      chairVote: l('detail.chairVote'),
    },
    maxScore: (max) => l('maxScore', { max }),
    claimed: (score) => l('claimed', { score }),
    noClaim: l('noClaim'),
    decisions: { agree: l('decisions.agree'), disagree: l('decisions.disagree'), pending: l('decisions.pending') },
    vote: (v) => l('vote', { for: v.for, against: v.against, abstained: v.abstained }),
    attendance: (present, members) => l('attendance', { present, members }),
    chairVote: (vote) => l('chairVote', { vote }),
    ballot: { for: l('ballot.for'), against: l('ballot.against'), abstained: l('ballot.abstained') },
    signatures: l('signatures'),
    signer: { chair: l('signer.chair'), agency: l('signer.agency') },
    signatureStatus: {
      signed: l('signatureStatus.signed'),
      refused: l('signatureStatus.refused'),
      pending: l('signatureStatus.pending'),
      notSigned: l('signatureStatus.notSigned'),
    },
    signedHash: (sha256, intact) => l(intact ? 'signedHashIntact' : 'signedHashChanged', { sha256 }),
    name: l('name'),
    status: l('status'),
    date: l('date'),
    reason: l('reason'),
    generated: l('generated'),
    timeNote: l('timeNote'),
    page: (page, pages) => l('page', { page, pages }),
    sheet: l('sheet'),
    none: l('none'),
  };
}

/** Every fixed text of the disagreement table in the three languages (the renderers read this). */
export const TABLE_LABELS: Record<Language, TableLabels> = {
  kk: labelsOf('kk'),
  ru: labelsOf('ru'),
  en: labelsOf('en'),
};
