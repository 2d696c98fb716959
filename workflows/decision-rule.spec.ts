import { decisionCarried, quorumMet, voteConsistent, type Vote } from './decision-rule';

describe(quorumMet.name, () => {
  it.each([
    [4, 7, true],
    [3, 7, false],
    [4, 8, false],
    [5, 8, true],
    [0, 5, false],
    [5, 0, false],
  ])('p.104 %i present of %i members → %s (more than half)', (present, members, expected) => {
    expect(quorumMet(present, members)).toBe(expected);
  });

  it('p.104 the fraction is a setting', () => {
    expect(quorumMet(5, 7, 2 / 3)).toBe(true);
    expect(quorumMet(4, 6, 2 / 3)).toBe(false);
    expect(quorumMet(4, 7, 1)).toBe(false); // a fraction of 1 can never be met: refused as invalid
  });
});

describe(decisionCarried.name, () => {
  const v = (over: Partial<Vote>): Vote => ({ for: 0, against: 0, abstained: 0, present: 6, members: 7, ...over });

  it('p.104 a majority of the members present carries the decision', () => {
    expect(decisionCarried(v({ for: 4, against: 2 }))).toBe(true);
    expect(decisionCarried(v({ for: 2, against: 4 }))).toBe(false);
  });

  it('p.104 chair casting vote decides a tie', () => {
    expect(decisionCarried(v({ for: 3, against: 3, chairVote: 'for' }))).toBe(true);
    expect(decisionCarried(v({ for: 3, against: 3, chairVote: 'against' }))).toBe(false);
    expect(decisionCarried(v({ for: 3, against: 3 }))).toBe(false);
  });

  it('p.104 abstentions do not help a decision pass', () => {
    expect(decisionCarried(v({ for: 2, against: 1, abstained: 3 }))).toBe(false);
    expect(decisionCarried(v({ for: 0, against: 0, abstained: 6, chairVote: 'for' }))).toBe(false);
  });

  it('inconsistent counts never carry', () => {
    expect(voteConsistent(v({ for: 5, against: 2 }))).toBe(false);
    expect(voteConsistent(v({ present: 8 }))).toBe(false);
    expect(voteConsistent(v({ for: 1.5 }))).toBe(false);
    expect(decisionCarried(v({ for: 7, against: 0 }))).toBe(false);
  });
});
