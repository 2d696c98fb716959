import type { Refusal } from '../../workflows';

/** What each named guard of workflows/ means when it refuses, for the problem's `detail`. */
const GUARD_DETAILS: Record<string, string> = {
  beforeObjectionDeadline: 'The objection term (D1: five working days from receipt of the conclusion) has ended; objections are no longer accepted',
  hasDisputedItems: 'An objection names at least one disputed indicator',
  hasSupportingDocuments: 'An objection is sent with its supporting documents: attach at least one',
  objectionDeadlinesGiven: 'The table and result terms could not be computed',
  noRowDecided: 'The commission has already decided on a row; the objection can no longer be withdrawn',
  tableRowsValid: 'The disagreement table needs at least one row, with unique row numbers',
  commissionConstituted: 'The special commission of this authority, direction and cycle is not constituted (at least five members with a chair and a secretary, none of them an evaluator of an objecting body)',
  rowExistsAndUndecided: 'No such row, or the commission already decided on it',
  voteConsistent: 'The votes do not add up: for + against + abstained may not exceed the members present',
  quorumMet: 'The meeting is not competent: not more than the required share of the members is present',
  decisionCarried: 'The decision did not get a majority of the members present (the chair decides only a tie)',
  rationaleGiven: 'A decision needs its rationale',
  signerMaySign: 'This signature is not possible: already signed, or the chair tried to refuse',
  escalationDeadlineGiven: 'The escalation term could not be computed',
  correctionAdvancesVersion: 'A correction must produce a new version of the conclusion',
  beforeEscalationDeadline: 'The term to appeal to the Presidential Administration (D4: five working days from receipt of the results) has ended',
  escalationOutcomeValid: 'The outcome of the escalation is not valid',
  notEvaluatorOfObjectingBody: 'This person took part in evaluating a body that objected: they may not sit on the special commission',
  notAlreadyMember: 'This person is already a member',
  roleAvailable: 'The commission already has its chair or secretary',
  isMember: 'This person is not a member',
  hasMinimumMembers: 'The commission needs at least five members',
  hasChairAndSecretary: 'The commission needs a chair and a secretary',
  meetingValid: 'The meeting is not valid (unknown, duplicate or not yet constituted)',
  meetingExists: 'No such meeting',
  closed: 'The case is closed; it accepts no further action',
  // workflow v2 (issue 13)
  withdrawalTermGiven: 'The objection term D1 could not be reopened with the withdrawal',
  resultTermGivenOnSubmission: 'The result term D3 (p.106) must start where the rule set says: with the objection or with the submission of the table',
  meetingCited: 'A decision cites the meeting of the commission at which it was taken (p.103)',
  meetingHeld: 'The meeting cited has not been held yet: a decision is recorded at or after the meeting’s scheduled time (p.103)',
  partiesInvited: 'The meeting cited did not invite the objecting body’s representative and every evaluator of that body (p.103)',
  chairVoteOnlyIfPresent: 'The chair was not present at the meeting: a casting vote is the chair’s only when the chair is present (p.104)',
  signatureTermGiven: 'The representative’s signature term could not be computed with the decision that completes the table',
  signatureTermPassed: 'The representative’s term to sign or refuse has not run out yet: the chair completes the table alone only after it (p.105)',
  tableHashGiven: 'A signature records the canonical SHA-256 of the table it signs (p.105)',
  signsTheSameTable: 'This signature is for a different table than the one already signed: nothing in a signed table changes (p.105)',
  membersFixedOnce: 'The first signature fixes the commission as composed; later ones do not change it (p.105)',
  recipientsGiven: 'The results go to the working body of the Commission and to the evaluated body (p.106)',
  escalationTermConsistent: 'The appeal term D4 (p.108) starts with the dispatch only when no correction is owed first and the body may appeal (not under p.91)',
  escalationTermWithCorrection: 'The appeal term D4 (p.108) starts with the correction only when it waited for it',
  escalationReasonGiven: 'An appeal to the Presidential Administration states its reason (p.108)',
  escalationDocumentsValid: 'The documents of the appeal must be uploaded documents (name and SHA-256)',
  appealAvailable:
    'The Presidential Administration evaluated this body itself (p.91): its results after the appeal procedure are final (p.106); there is no appeal to it against itself (docs/decisions.md)',
  inviteesIdentified: 'Each representative invited names the objecting body they speak for; each evaluator their IIN (p.103)',
  meetingWithinCycle: 'The meeting must lie within the evaluation cycle and not before the commission was formed (p.103)',
  meetingHasBegun: 'The meeting has not begun yet: attendance is recorded at or after its scheduled time (p.103)',
};

/** For a command that is too early or not for this stage: what must happen first (SPEC §4), by machine event. */
const WHAT_FIRST: Record<string, string> = {
  'OBJECTION.FILE': 'an objection is filed while the case is issued, within D1 (p.98)',
  'NO_OBJECTION.FILE': 'a no-objection notice is sent while the case is issued, within D1 (p.99)',
  'OBJECTION.WITHDRAW': 'an objection must have been filed, and no row decided yet',
  'TABLE.DRAFT': 'the body must have objected (p.102); the table is drawn up until it is submitted',
  'TABLE.SUBMIT': 'the disagreement table must be drawn up first (p.102)',
  'ROW.DECIDE': 'the table must be submitted to the commission first (p.102, p.104)',
  'TABLE.SIGN': 'the commission must decide every row first (p.104, p.105)',
  'RESULTS.DISPATCH': 'the table must be signed first (p.105, p.106)',
  'CONCLUSION.CORRECT': 'the results must be dispatched and at least one objection accepted (p.106, p.107)',
  'ESCALATION.FILE':
    'the results must be dispatched first (p.106) and, where objections were accepted, the conclusion corrected (p.107); the five working days of p.108 run from then',
  'ESCALATION.OUTCOME': 'the body must have appealed to the Presidential Administration first (p.108)',
  'MEETING.SCHEDULE': 'the commission must be constituted first (p.100, p.103)',
  'MEETING.ATTENDANCE': 'the meeting must be scheduled and constituted first (p.103)',
};

export function describeRefusal(eventType: string, refusal: Refusal): string {
  if (refusal.type === 'final-at-authority' && refusal.guard === 'appealAvailable') return `${eventType}: ${GUARD_DETAILS.appealAvailable}`;
  if (refusal.type === 'final-at-authority') {
    return "The appeal results were dispatched: the authority's decision is final and is not subject to review (p.106)";
  }
  const detail = refusal.guard ? GUARD_DETAILS[refusal.guard] : undefined;
  if (detail) return `${eventType}: ${detail}`;
  if (refusal.type === 'invalid-transition') {
    const first = WHAT_FIRST[eventType];
    const stage = refusal.stage ? ` at the stage "${refusal.stage}"` : " at the current stage";
    return `${eventType} is not possible${stage}${first ? `: ${first}` : ''}`;
  }
  return `${eventType} refused (${refusal.type}${refusal.law ? `, ${refusal.law}` : ''})`;
}
