import { createActor } from 'xstate';
import { appealCaseMachineV1 as sut } from './appeal-case.machine.v1';
import { caseStateName, correctionOwed, isFinalAtAuthority, whyRefused } from './appeal-case.queries';
import type { AppealCaseEvent } from './appeal-case.types';
import { D, ev, input, toDispatch, toSigning } from './appeal-case.fixtures';
import type { AppealCaseSnapshot } from './appeal-case.queries';

/** Plays events in order; every one must be accepted (a refused event fails the test). */
function play(events: AppealCaseEvent[]): AppealCaseSnapshot {
  const actor = createActor(sut, { input }).start();
  for (const e of events) {
    const before = actor.getSnapshot();
    if (!before.can(e)) {
      throw new Error(`${e.type} refused in ${caseStateName(before)}: ${JSON.stringify(whyRefused(sut, before, e))}`);
    }
    actor.send(e);
  }
  return actor.getSnapshot();
}

/** The snapshot must refuse `event`, and the refusal must be explained. */
function refusal(snapshot: AppealCaseSnapshot, event: AppealCaseEvent) {
  expect(snapshot.can(event)).toBe(false);
  return whyRefused(sut, snapshot, event);
}

describe(sut.id, () => {
  it('exports id and numeric version', () => {
    expect(sut.id).toBe('appealCase');
    expect(Number(sut.version)).toBe(1);
  });

  it('starts issued with the objection term D1 from the input', () => {
    const s = play([]);
    expect(caseStateName(s)).toBe('issued');
    expect(s.context.deadlines).toEqual({ objection: D.objection });
    expect(s.context.conclusionVersion).toBe(1);
  });

  describe('p.98 objection', () => {
    it('p.98 objection with items and supporting documents is received and starts D2 and D3', () => {
      const s = play([ev.objection()]);
      expect(caseStateName(s)).toBe('objectionReceived');
      expect(s.context.deadlines).toEqual({ objection: D.objection, table: D.table, result: D.result });
      expect(s.context.documents).toHaveLength(1);
      expect(s.context.disputedItems).toHaveLength(2);
    });

    it('p.98 objection without supporting documents is refused', () => {
      const e = ev.objection(undefined, { documents: [] });
      expect(refusal(play([]), e)).toEqual({
        type: 'supporting-documents-required',
        law: 'p.98',
        guard: 'hasSupportingDocuments',
      });
    });

    it('p.98 objection without disputed items is refused', () => {
      const e = ev.objection(undefined, { items: [] });
      expect(refusal(play([]), e)).toEqual({ type: 'validation-failed', law: 'p.98', guard: 'hasDisputedItems' });
    });

    it('p.98 objection exactly at the last instant of D1 is accepted', () => {
      expect(caseStateName(play([ev.objection(D.objection)]))).toBe('objectionReceived');
    });
  });

  describe('p.99 term', () => {
    it('p.99 objection after D1 is refused', () => {
      const late = ev.objection('2025-03-11T00:00:00+05:00');
      expect(refusal(play([]), late)).toEqual({
        type: 'deadline-passed',
        law: 'p.99',
        guard: 'beforeObjectionDeadline',
      });
    });

    it('p.99 objection after D1 is refused even once the case closed for no response', () => {
      const s = play([ev.objectionDeadline()]);
      expect(refusal(s, ev.objection('2025-03-12T09:00:00+05:00'))).toMatchObject({
        type: 'deadline-passed',
        law: 'p.99',
      });
    });

    it('p.99 no-objection notice before D1 closes the case', () => {
      const s = play([ev.noObjection()]);
      expect(s.status).toBe('done');
      expect(caseStateName(s)).toBe('closed');
      expect(s.context.outcome).toBe('noObjection');
      expect(s.context.overdue).toEqual([]);
    });

    it('p.99 no-objection notice after D1 is refused', () => {
      expect(refusal(play([]), ev.noObjection('2025-03-11T09:00:00+05:00'))).toMatchObject({
        type: 'deadline-passed',
        law: 'p.99',
      });
    });

    it("p.99 no response closes the case at D1 with the body's breach", () => {
      const s = play([ev.objectionDeadline()]);
      expect(caseStateName(s)).toBe('closed');
      expect(s.context.outcome).toBe('noResponse');
      expect(s.context.overdue).toEqual([
        { kind: 'noObjectionNotice', law: 'p.99', due: D.objection, at: '2025-03-11T00:00:00+05:00' },
      ]);
    });

    it('p.99 the D1 deadline event before D1 is refused', () => {
      expect(refusal(play([]), ev.objectionDeadline(D.objection))).toMatchObject({
        type: 'validation-failed',
        guard: 'objectionDeadlinePassed',
      });
    });
  });

  describe('withdrawal', () => {
    it.each([
      ['objectionReceived', [ev.objection()]],
      ['tablePreparation', [ev.objection(), ev.draft()]],
      ['commissionReview', [ev.objection(), ev.draft(), ev.submit()]],
    ] as const)('the objection may be withdrawn in %s', (_name, events) => {
      const s = play([...events, ev.withdraw()]);
      expect(caseStateName(s)).toBe('closed');
      expect(s.context.outcome).toBe('withdrawn');
    });

    it('withdrawal is refused once the commission decided a row (p.104)', () => {
      const s = play([ev.objection(), ev.draft(), ev.submit(), ev.decide(1, 'agree')]);
      expect(refusal(s, ev.withdraw())).toEqual({
        type: 'invalid-transition',
        law: 'p.104',
        guard: 'noRowDecided',
        stage: 'commissionReview',
      });
    });
  });

  describe('p.100/p.101/p.102 table', () => {
    it('p.102 table rows must be present and uniquely numbered', () => {
      const s = play([ev.objection()]);
      expect(refusal(s, ev.draft([]))).toMatchObject({
        type: 'validation-failed',
        guard: 'tableRowsValid',
        law: 'p.102',
      });
      const dup = ev.draft([
        { n: 1, indicatorCode: 'x', authorityPosition: 'y' },
        { n: 1, indicatorCode: 'z', authorityPosition: 'w' },
      ]);
      expect(refusal(s, dup)).toMatchObject({ guard: 'tableRowsValid' });
    });

    it('p.102 a redraft replaces the rows and strips decisions', () => {
      const s = play([
        ev.objection(),
        ev.draft(),
        ev.draft([{ n: 7, indicatorCode: '3.1', authorityPosition: 'p', decision: 'agree' }]),
      ]);
      expect(caseStateName(s)).toBe('tablePreparation');
      expect(s.context.rows).toEqual([{ n: 7, indicatorCode: '3.1', authorityPosition: 'p' }]);
    });

    it('p.100 the table is submitted only to a constituted commission', () => {
      const s = play([ev.objection(), ev.draft()]);
      expect(refusal(s, ev.submit(undefined, false))).toEqual({
        type: 'commission-not-constituted',
        law: 'p.100',
        guard: 'commissionConstituted',
      });
    });

    it('p.101 the IT direction cites p.101 for the commission', () => {
      const actor = createActor(sut, { input: { ...input, direction: 'it' } }).start();
      [ev.objection(), ev.draft()].forEach((e) => actor.send(e));
      expect(whyRefused(sut, actor.getSnapshot(), ev.submit(undefined, false))).toMatchObject({ law: 'p.101' });
    });

    it('p.102 table after D2 is overdue but accepted', () => {
      const late = '2025-03-13T10:00:00+05:00';
      const s = play([ev.objection(), ev.draft(), ev.submit(late)]);
      expect(caseStateName(s)).toBe('commissionReview');
      expect(s.context.overdue).toEqual([{ kind: 'table', law: 'p.102', due: D.table, at: late }]);
    });

    it('p.102 the D2 deadline event records the breach once, without changing state', () => {
      const s = play([ev.objection(), ev.draft(), ev.tableDeadline()]);
      expect(caseStateName(s)).toBe('tablePreparation');
      expect(s.context.overdue).toEqual([
        { kind: 'table', law: 'p.102', due: D.table, at: '2025-03-13T00:00:00+05:00' },
      ]);
      expect(refusal(s, ev.tableDeadline('2025-03-14T00:00:00+05:00'))).toMatchObject({
        guard: 'tableBreachNotRecorded',
      });
      const submitted = play([ev.objection(), ev.draft(), ev.tableDeadline(), ev.submit('2025-03-13T10:00:00+05:00')]);
      expect(submitted.context.overdue).toHaveLength(1);
    });

    it('p.102 the D2 deadline event is not handled once the table is submitted', () => {
      const s = play([ev.objection(), ev.draft(), ev.submit()]);
      expect(refusal(s, ev.tableDeadline())).toEqual({ type: 'invalid-transition', stage: 'commissionReview' });
    });
  });

  describe('p.104 commission decisions', () => {
    const review = () => play([ev.objection(), ev.draft(), ev.submit()]);

    it('p.104 quorum', () => {
      const noQuorum = ev.decide(1, 'agree', { vote: { for: 3, against: 0, abstained: 0, present: 3, members: 7 } });
      expect(refusal(review(), noQuorum)).toEqual({ type: 'quorum-not-met', law: 'p.104', guard: 'quorumMet' });
      const half = ev.decide(1, 'agree', { vote: { for: 4, against: 0, abstained: 0, present: 4, members: 8 } });
      expect(refusal(review(), half)).toMatchObject({ type: 'quorum-not-met' });
      const withQuorum = ev.decide(1, 'agree', { vote: { for: 4, against: 0, abstained: 0, present: 4, members: 7 } });
      expect(review().can(withQuorum)).toBe(true);
      const customFraction = ev.decide(1, 'agree', {
        vote: { for: 4, against: 0, abstained: 0, present: 4, members: 7 },
        quorumFraction: 2 / 3,
      });
      expect(refusal(review(), customFraction)).toMatchObject({ type: 'quorum-not-met' });
    });

    it('p.104 chair casting vote', () => {
      const tie = { for: 3, against: 3, abstained: 0, present: 6, members: 7 };
      expect(review().can(ev.decide(1, 'agree', { vote: { ...tie, chairVote: 'for' } }))).toBe(true);
      expect(refusal(review(), ev.decide(1, 'agree', { vote: { ...tie, chairVote: 'against' } }))).toEqual({
        type: 'validation-failed',
        law: 'p.104',
        guard: 'decisionCarried',
      });
    });

    it('p.104 a decision needs a rationale, an existing undecided row and a constituted commission', () => {
      expect(refusal(review(), ev.decide(1, 'agree', { rationale: '  ' }))).toMatchObject({ guard: 'rationaleGiven' });
      expect(refusal(review(), ev.decide(9, 'agree'))).toMatchObject({
        type: 'validation-failed',
        guard: 'rowExistsAndUndecided',
      });
      expect(refusal(review(), ev.decide(1, 'agree', { commissionConstituted: false }))).toMatchObject({
        type: 'commission-not-constituted',
      });
      const decided = play([ev.objection(), ev.draft(), ev.submit(), ev.decide(1, 'agree')]);
      expect(refusal(decided, ev.decide(1, 'disagree'))).toMatchObject({ guard: 'rowExistsAndUndecided' });
      expect(
        refusal(
          review(),
          ev.decide(1, 'agree', { vote: { for: 9, against: 0, abstained: 0, present: 6, members: 7 } }),
        ),
      ).toMatchObject({ guard: 'voteConsistent' });
    });

    it('p.104 one decision per row; the last decision moves the table to signing', () => {
      const one = play([ev.objection(), ev.draft(), ev.submit(), ev.decide(1, 'agree')]);
      expect(caseStateName(one)).toBe('commissionReview');
      expect(one.context.rows[0]).toMatchObject({
        decision: 'agree',
        revisedScore: 4,
        vote: ev.decide(1, 'agree').vote,
        decidedAt: '2025-03-11T15:00:00+05:00',
      });
      expect(caseStateName(play(toSigning()))).toBe('signing');
    });
  });

  describe('p.105 signatures', () => {
    it('p.105 refusal to sign recorded, chair signature completes', () => {
      const refused = play([
        ...toSigning(),
        ev.sign('agency', { refusalReason: 'Disagree with row 2', name: undefined }),
      ]);
      expect(caseStateName(refused)).toBe('signing');
      expect(refused.context.signatures.agencyRefusal).toEqual({
        at: '2025-03-12T10:00:00+05:00',
        reason: 'Disagree with row 2',
      });
      const s = play([...toSigning(), ev.sign('agency', { refusalReason: 'Disagree with row 2' }), ev.sign('chair')]);
      expect(caseStateName(s)).toBe('dispatch');
      expect(s.context.signatures.chair).toEqual({ at: '2025-03-12T10:00:00+05:00', name: 'A. Chair' });
    });

    it('p.105 both signatures complete the table in either order', () => {
      expect(caseStateName(play([...toSigning(), ev.sign('chair'), ev.sign('agency')]))).toBe('dispatch');
      expect(caseStateName(play([...toSigning(), ev.sign('agency'), ev.sign('chair')]))).toBe('dispatch');
    });

    it('p.105 a party signs once and only the agency may refuse', () => {
      const chairSigned = play([...toSigning(), ev.sign('chair')]);
      expect(refusal(chairSigned, ev.sign('chair'))).toMatchObject({
        type: 'validation-failed',
        law: 'p.105',
        guard: 'signerMaySign',
      });
      expect(refusal(play(toSigning()), ev.sign('chair', { refusalReason: 'no' }))).toMatchObject({
        guard: 'signerMaySign',
      });
    });
  });

  describe('p.106 dispatch', () => {
    it('p.106 authority decision is final after dispatch', () => {
      const s = play([...toDispatch(), ev.dispatch()]);
      expect(isFinalAtAuthority(s)).toBe(true);
      for (const e of [
        ev.draft(),
        ev.submit(),
        ev.decide(1, 'disagree'),
        ev.sign('chair'),
        ev.dispatch(),
        ev.withdraw(),
      ]) {
        expect(refusal(s, e)).toEqual({ type: 'final-at-authority', law: 'p.106' });
      }
      expect(isFinalAtAuthority(play(toDispatch()))).toBe(false);
    });

    it('p.106 dispatch after D3 records the breach', () => {
      const late = '2025-03-21T10:00:00+05:00';
      const s = play([...toDispatch(), ev.dispatch(late)]);
      expect(s.context.dispatchedAt).toBe(late);
      expect(s.context.overdue).toEqual([{ kind: 'result', law: 'p.106', due: D.result, at: late }]);
      expect(s.context.deadlines.escalation).toBe(D.escalation);
    });

    it('p.106 the D3 deadline event records the breach once before dispatch, not again at dispatch', () => {
      const s = play([...toDispatch(), ev.resultDeadline(), ev.dispatch('2025-03-21T10:00:00+05:00')]);
      expect(s.context.overdue).toEqual([
        { kind: 'result', law: 'p.106', due: D.result, at: '2025-03-21T00:00:00+05:00' },
      ]);
    });

    it('p.106 the D3 deadline event is accepted in every state from objection to dispatch', () => {
      const prefixes: AppealCaseEvent[][] = [
        [ev.objection()],
        [ev.objection(), ev.draft()],
        [ev.objection(), ev.draft(), ev.submit()],
        toSigning(),
        toDispatch(),
      ];
      for (const p of prefixes) {
        const s = play([...p, ev.resultDeadline()]);
        expect(s.context.overdue.map((o) => o.kind)).toEqual(['result']);
      }
      expect(refusal(play([...toDispatch(), ev.dispatch()]), ev.resultDeadline())).toEqual({
        type: 'invalid-transition',
        stage: 'correction',
      });
    });
  });

  describe('p.107 correction and p.108 escalation', () => {
    it('p.107 correction when a row was agreed', () => {
      const s = play([...toDispatch(['agree', 'disagree']), ev.dispatch()]);
      expect(caseStateName(s)).toBe('correction');
      expect(correctionOwed(s)).toBe(true);
      expect(refusal(s, ev.correct(1))).toMatchObject({ type: 'validation-failed', law: 'p.107' });
      const corrected = play([...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.correct(2)]);
      expect(corrected.context.conclusionVersion).toBe(2);
      expect(caseStateName(corrected)).toBe('escalationWindow');
    });

    it('p.107 no correction when every row was disagreed', () => {
      const s = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(caseStateName(s)).toBe('escalationWindow');
      expect(refusal(s, ev.correct(2))).toMatchObject({ type: 'invalid-transition' });
    });

    it('p.108 D4 passing closes the case as final once the correction is made', () => {
      const owed = play([...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.escalationDeadline()]);
      expect(caseStateName(owed)).toBe('correction');
      expect(owed.status).toBe('active');
      const s = play([...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.escalationDeadline(), ev.correct(2)]);
      expect(s.status).toBe('done');
      expect(s.context.outcome).toBe('final');
    });

    it('p.108 escalation within D4 is accepted, also while the correction is owed', () => {
      const s = play([...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.escalate()]);
      expect(caseStateName(s)).toBe('escalated');
      expect(s.context.escalatedAt).toBe('2025-03-18T10:00:00+05:00');
      expect(correctionOwed(s)).toBe(true);
    });

    it('p.108 escalation after D4 is refused', () => {
      const s = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(refusal(s, ev.escalate('2025-03-26T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.108',
        guard: 'beforeEscalationDeadline',
      });
      const closed = play([...toDispatch(['disagree', 'disagree']), ev.dispatch(), ev.escalationDeadline()]);
      expect(closed.context.outcome).toBe('final');
      expect(refusal(closed, ev.escalate('2025-03-26T09:00:00+05:00'))).toMatchObject({
        type: 'deadline-passed',
        law: 'p.108',
      });
    });

    it('p.108 escalation outcome', () => {
      const upheld = play([
        ...toDispatch(['disagree', 'disagree']),
        ev.dispatch(),
        ev.escalate(),
        ev.escalationOutcome('upheld'),
      ]);
      expect(upheld.status).toBe('done');
      expect(upheld.context.outcome).toBe('upheld');
      const revised = play([
        ...toDispatch(['agree', 'disagree']),
        ev.dispatch(),
        ev.escalate(),
        ev.correct(2),
        ev.escalationOutcome('revised', 3),
      ]);
      expect(revised.context).toMatchObject({ outcome: 'revised', conclusionVersion: 3 });
      expect(caseStateName(revised)).toBe('closed');
      const stale = play([...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.escalate(), ev.correct(2)]);
      expect(refusal(stale, ev.escalationOutcome('revised', 2))).toMatchObject({
        guard: 'escalationOutcomeValid',
        law: 'p.108',
      });
    });

    it('p.108 the case stays open until the correction is made, even after the PA decided', () => {
      const s = play([
        ...toDispatch(['agree', 'disagree']),
        ev.dispatch(),
        ev.escalate(),
        ev.escalationOutcome('upheld'),
      ]);
      expect(s.status).toBe('active');
      expect(caseStateName(s)).toBe('correction');
      expect(
        play([
          ...toDispatch(['agree', 'disagree']),
          ev.dispatch(),
          ev.escalate(),
          ev.escalationOutcome('upheld'),
          ev.correct(2),
        ]).status,
      ).toBe('done');
    });
  });

  describe('calendar change (SPEC §3)', () => {
    it('DEADLINES.RECOMPUTED replaces the given deadlines and the new term applies', () => {
      const later = '2025-03-11T23:59:59.999+05:00';
      const s = play([ev.recompute({ objection: later }), ev.objection('2025-03-11T10:00:00+05:00')]);
      expect(s.context.deadlines.objection).toBe(later);
      expect(caseStateName(s)).toBe('objectionReceived');
    });

    it('DEADLINES.RECOMPUTED needs at least one valid instant and is refused once closed', () => {
      expect(refusal(play([]), ev.recompute({}))).toMatchObject({ guard: 'deadlinesGiven' });
      expect(refusal(play([ev.noObjection()]), ev.recompute({ objection: D.objection }))).toEqual({
        type: 'invalid-transition',
        stage: 'closed',
      });
    });
  });

  it('events of another state are invalid transitions', () => {
    expect(refusal(play([]), ev.sign('chair'))).toEqual({ type: 'invalid-transition', stage: 'issued' });
    expect(refusal(play([]), ev.decide(1, 'agree'))).toEqual({ type: 'invalid-transition', stage: 'issued' });
    expect(refusal(play([ev.objection()]), ev.objection())).toEqual({
      type: 'invalid-transition',
      stage: 'objectionReceived',
    });
  });
});
