/**
 * How the special commission decides (p.104). The law is silent on the rule; SPEC §2 takes the
 * usual rule of Kazakh collegial bodies as the default, and the quorum fraction is a setting:
 * - the meeting is competent when MORE than `fraction` of the members are present;
 * - a decision needs a majority of the members present;
 * - the chair's vote decides a tie.
 */

export type ChairVote = 'for' | 'against' | 'abstained';

export interface Vote {
  for: number;
  against: number;
  abstained: number;
  present: number;
  members: number;
  chairVote?: ChairVote;
}

/** Default quorum fraction of SPEC §2 (p.104): more than half of the members present. */
export const DEFAULT_QUORUM_FRACTION = 0.5;

/** p.104: the meeting is competent when more than `fraction` of the members are present. */
export function quorumMet(present: number, members: number, fraction: number = DEFAULT_QUORUM_FRACTION): boolean {
  if (!Number.isInteger(present) || !Number.isInteger(members) || members <= 0 || present < 0) return false;
  if (!(fraction >= 0 && fraction < 1)) return false;
  return present > members * fraction;
}

/** The counts add up: nobody votes twice, nobody absent votes, nobody present is not a member. */
export function voteConsistent(vote: Vote): boolean {
  const counts = [vote.for, vote.against, vote.abstained, vote.present, vote.members];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return false;
  return vote.for + vote.against + vote.abstained <= vote.present && vote.present <= vote.members;
}

/**
 * p.104: the recorded decision is carried when more than half of the members present voted
 * for it; when the votes for and against are equal, the chair's vote decides.
 * (With no abstentions this is the same as "for > against"; an abstention does not help
 * a decision to pass, per "a majority of the members present".)
 */
export function decisionCarried(vote: Vote): boolean {
  if (!voteConsistent(vote)) return false;
  if (vote.for * 2 > vote.present) return true;
  return vote.for === vote.against && vote.for > 0 && vote.chairVote === 'for';
}
