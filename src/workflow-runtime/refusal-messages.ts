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
};

export function describeRefusal(eventType: string, refusal: Refusal): string {
  if (refusal.type === 'final-at-authority') {
    return "The appeal results were dispatched: the authority's decision is final and is not subject to review (p.106)";
  }
  const detail = refusal.guard ? GUARD_DETAILS[refusal.guard] : undefined;
  if (detail) return `${eventType}: ${detail}`;
  if (refusal.type === 'invalid-transition') return `${eventType} is not possible at the current stage`;
  return `${eventType} refused (${refusal.type}${refusal.law ? `, ${refusal.law}` : ''})`;
}
