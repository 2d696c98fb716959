import { createActor, initialTransition, transition } from 'xstate';
import { emittedEffects, type CaseEffect } from '../effects';
import { appealCaseMachineV2 as sut } from './appeal-case.machine.v2';
import { caseStateName, correctionOwed, whyRefused, type AppealCaseSnapshot } from './appeal-case.queries';
import type { AppealCaseEvent, AppealCaseInput } from './appeal-case.types';
import { D, TABLE_SHA, ev, input, inputPa, meeting, toDispatch, toSigning } from './appeal-case.fixtures.v2';

/** Plays events in order; every one must be accepted (a refused event fails the test). */
function play(events: AppealCaseEvent[], start: AppealCaseInput = input): AppealCaseSnapshot {
  const actor = createActor(sut, { input: start }).start();
  for (const e of events) {
    const before = actor.getSnapshot();
    if (!before.can(e))
      throw new Error(`${e.type} refused in ${caseStateName(before)}: ${JSON.stringify(whyRefused(sut, before, e))}`);
    actor.send(e);
  }
  return actor.getSnapshot();
}

function refusal(snapshot: AppealCaseSnapshot, event: AppealCaseEvent) {
  expect(snapshot.can(event)).toBe(false);
  return whyRefused(sut, snapshot, event);
}

/** The effects of each step (the first entry: the opening). */
function effectsAlong(events: AppealCaseEvent[], start: AppealCaseInput = input): CaseEffect[][] {
  const [first, initialActions] = initialTransition(sut, start);
  const out = [emittedEffects<CaseEffect>(initialActions)];
  let snapshot = first;
  for (const event of events) {
    expect(snapshot.can(event)).toBe(true);
    const [next, actions] = transition(sut, snapshot, event);
    out.push(emittedEffects<CaseEffect>(actions));
    snapshot = next;
  }
  return out;
}

describe(`${sut.id} v2`, () => {
  it('exports the same id and version 2', () => {
    expect(sut.id).toBe('appealCase');
    expect(Number(sut.version)).toBe(2);
  });

  it('starts issued with D1, its settings, the catalogue it cites and the route of its final conclusion', () => {
    const s = play([]);
    expect(caseStateName(s)).toBe('issued');
    expect(s.context).toMatchObject({
      deadlines: { objection: D.objection },
      settings: input.settings,
      appealTo: 'PA',
      catalogue: { code: 'personnel-v1' },
      transmission: { to: 'MDAI', law: 'p.96' },
    });
  });

  describe('refusals tell the truth', () => {
    it('p.99 a late objection is deadline-passed — also once the scheduler closed the case at D1', () => {
      expect(refusal(play([]), ev.objection('2025-03-11T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.99',
        guard: 'beforeObjectionDeadline',
      });
      const closed = play([ev.objectionDeadline()]);
      expect(closed.status).toBe('done');
      expect(refusal(closed, ev.objection('2025-03-12T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.99',
        guard: 'beforeObjectionDeadline',
      });
      expect(refusal(closed, ev.noObjection('2025-03-12T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.99',
        guard: 'beforeObjectionDeadline',
      });
    });

    it('p.108 a late escalation is deadline-passed — also once the scheduler closed the case at D4', () => {
      const window = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(refusal(window, ev.escalate('2025-03-26T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.108',
        guard: 'beforeEscalationDeadline',
      });
      const closed = play([...toDispatch(['disagree', 'disagree']), ev.dispatch(), ev.escalationDeadline()]);
      expect(closed.context.outcome).toBe('final');
      expect(refusal(closed, ev.escalate('2025-03-27T09:00:00+05:00'))).toEqual({
        type: 'deadline-passed',
        law: 'p.108',
        guard: 'beforeEscalationDeadline',
      });
    });

    it('p.108 an escalation while the commission reviews is too early: invalid-transition naming the stage, never "the term has ended"', () => {
      const review = play([ev.objection(), ev.draft(), ev.submit()]);
      expect(refusal(review, ev.escalate())).toEqual({ type: 'invalid-transition', stage: 'commissionReview' });
    });

    it('p.108 an escalation before the correction owed is too early (D4 runs from the correction)', () => {
      const owed = play([...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null)]);
      expect(caseStateName(owed)).toBe('correction');
      expect(refusal(owed, ev.escalate())).toEqual({ type: 'invalid-transition', stage: 'correction' });
    });

    it('p.99 a notice after the objection within D1 is not "late": invalid-transition at objectionReceived', () => {
      expect(refusal(play([ev.objection()]), ev.noObjection())).toEqual({
        type: 'invalid-transition',
        stage: 'objectionReceived',
      });
    });
  });

  describe('withdrawal (SPEC §4)', () => {
    it('inside D1 the case returns to issued: D1 reopened, D2 and D3 closed, the objection taken back', () => {
      const [, , withdrawal] = effectsAlong([ev.objection(), ev.withdraw()]);
      expect(withdrawal).toEqual([
        { type: 'term.close', kind: 'table' },
        { type: 'term.close', kind: 'result' },
        { type: 'term.open', kind: 'objection', due: D.objection },
      ]);
      const s = play([ev.objection(), ev.draft(), ev.withdraw()]);
      expect(caseStateName(s)).toBe('issued');
      expect(s.context).toMatchObject({
        withdrawnAt: '2025-03-07T09:00:00+05:00',
        disputedItems: [],
        documents: [],
        rows: [],
        deadlines: { objection: D.objection },
      });
      expect(s.context.deadlines.table).toBeUndefined();
      expect(s.context.objectionAt).toBeUndefined();
    });

    it('inside D1, if neither objection nor notice follows, the case closes at D1 as withdrawn — no p.99 breach', () => {
      const s = play([ev.objection(), ev.withdraw(), ev.objectionDeadline()]);
      expect(s.status).toBe('done');
      expect(s.context.outcome).toBe('withdrawn');
      expect(s.context.overdue).toEqual([]);
    });

    it('inside D1 the body may object again (the withdrawal no longer stands) or notify', () => {
      const again = play([ev.objection(), ev.withdraw(), ev.objection('2025-03-10T10:00:00+05:00')]);
      expect(caseStateName(again)).toBe('objectionReceived');
      expect(again.context.withdrawnAt).toBeUndefined();
      const notice = play([ev.objection(), ev.withdraw(), ev.noObjection('2025-03-10T10:00:00+05:00')]);
      expect(notice.context.outcome).toBe('noObjection');
    });

    it('after D1 the withdrawal closes the case as withdrawn; D2 and D3 close with it', () => {
      const late = '2025-03-12T09:00:00+05:00';
      const [, , , , withdrawal] = effectsAlong([ev.objection(), ev.draft(), ev.submit(), ev.withdraw(late, null)]);
      expect(withdrawal).toEqual(
        expect.arrayContaining([
          { type: 'term.close', kind: 'table' },
          { type: 'term.close', kind: 'result' },
        ]),
      );
      const s = play([ev.objection(), ev.draft(), ev.submit(), ev.withdraw(late, null)]);
      expect(s.context.outcome).toBe('withdrawn');
    });

    it('inside D1 the withdrawal must bring D1 again; after D1 it must not', () => {
      expect(refusal(play([ev.objection()]), ev.withdraw(undefined, null))).toMatchObject({
        type: 'validation-failed',
        guard: 'withdrawalTermGiven',
      });
      expect(refusal(play([ev.objection()]), ev.withdraw('2025-03-12T09:00:00+05:00', D.objection))).toMatchObject({
        guard: 'withdrawalTermGiven',
      });
    });

    it('p.104 once a row is decided the objection can no longer be withdrawn', () => {
      const s = play([ev.objection(), ev.draft(), ev.submit(), ev.decide(1, 'agree')]);
      expect(refusal(s, ev.withdraw('2025-03-12T09:00:00+05:00', null))).toEqual({
        type: 'invalid-transition',
        law: 'p.104',
        guard: 'noRowDecided',
        stage: 'commissionReview',
      });
    });
  });

  describe('p.106 when D3 starts (rule-set setting)', () => {
    const fromSubmission: AppealCaseInput = {
      ...input,
      settings: { resultTermStartsAt: 'tableSubmission', escalationTermStartsAt: 'laterOfDispatchAndCorrection' },
    };
    const objection = ev.objection(undefined, { deadlines: { table: D.table } });

    it('default: from the receipt of the objection — a D3 missing from it is refused', () => {
      expect(refusal(play([]), objection)).toMatchObject({
        type: 'validation-failed',
        guard: 'objectionDeadlinesGiven',
        law: 'p.102',
      });
    });

    it('tableSubmission: D3 opens when the table is submitted, not before', () => {
      const [, received, , submitted] = effectsAlong(
        [objection, ev.draft(), { ...ev.submit(), deadlines: { result: D.result } }],
        fromSubmission,
      );
      expect(received).not.toContainEqual(expect.objectContaining({ type: 'term.open', kind: 'result' }));
      expect(submitted).toContainEqual({ type: 'term.open', kind: 'result', due: D.result });
      expect(refusal(play([objection, ev.draft()], fromSubmission), ev.submit())).toMatchObject({
        guard: 'resultTermGivenOnSubmission',
        law: 'p.106',
      });
      expect(refusal(play([], fromSubmission), ev.objection())).toMatchObject({ guard: 'objectionDeadlinesGiven' });
    });
  });

  describe('p.103/p.104 meetings', () => {
    const review = () => play([ev.objection(), ev.draft(), ev.submit()]);

    it('p.103 a decision cites a meeting', () => {
      expect(refusal(review(), ev.decide(1, 'agree', { meeting: undefined }))).toMatchObject({
        type: 'validation-failed',
        law: 'p.103',
        guard: 'meetingCited',
      });
    });

    it('p.103 a decision is taken at or after the meeting’s time, never before it', () => {
      const early = ev.decide(1, 'agree', { meeting: { ...meeting, scheduledFor: '2025-04-24T10:00:00+05:00' } });
      expect(refusal(review(), early)).toEqual({ type: 'validation-failed', law: 'p.103', guard: 'meetingHeld' });
      expect(review().can(ev.decide(1, 'agree', { at: meeting.scheduledFor }))).toBe(true);
    });

    it('p.103 the body’s representative and its evaluators must have been invited', () => {
      expect(
        refusal(review(), ev.decide(1, 'agree', { meeting: { ...meeting, representativeInvited: false } })),
      ).toMatchObject({ guard: 'partiesInvited', law: 'p.103' });
      expect(
        refusal(review(), ev.decide(1, 'agree', { meeting: { ...meeting, evaluatorsInvited: false } })),
      ).toMatchObject({ guard: 'partiesInvited' });
    });

    it('p.104 the chair’s casting vote counts only if the chair was present', () => {
      const tie = { for: 3, against: 3, abstained: 0, present: 6, members: 7, chairVote: 'for' as const };
      expect(review().can(ev.decide(1, 'agree', { vote: tie }))).toBe(true);
      const absent = ev.decide(1, 'agree', { vote: tie, meeting: { ...meeting, chairPresent: false } });
      expect(refusal(review(), absent)).toEqual({
        type: 'validation-failed',
        law: 'p.104',
        guard: 'chairVoteOnlyIfPresent',
      });
      const { chairVote: _c, ...noCasting } = tie;
      expect(
        refusal(review(), ev.decide(1, 'agree', { vote: noCasting, meeting: { ...meeting, chairPresent: false } })),
      ).toMatchObject({ guard: 'decisionCarried' });
    });

    it('p.105 the decision that completes the table brings the representative’s signature term', () => {
      const s = play([ev.objection(), ev.draft(), ev.submit(), ev.decide(1, 'agree')]);
      expect(refusal(s, ev.decide(2, 'disagree'))).toMatchObject({ guard: 'signatureTermGiven', law: 'p.105' });
      const signing = play(toSigning());
      expect(caseStateName(signing)).toBe('signing');
      expect(signing.context.deadlines.signature).toBe(D.signature);
      expect(refusal(play([ev.objection(), ev.draft(), ev.submit()]), ev.decide(1, 'agree', {}, true))).toMatchObject({
        guard: 'signatureTermGiven',
      });
    });
  });

  describe('p.105 the signed table', () => {
    it('signatures record the table’s hash and the commission as composed; every signature signs the same table', () => {
      const s = play([...toSigning(), ev.sign('chair')]);
      expect(s.context.signedTable).toEqual({
        sha256: TABLE_SHA,
        members: [
          { name: 'A. Chair', role: 'chair' },
          { name: 'S. Secretary', role: 'secretary' },
        ],
      });
      expect(refusal(s, ev.sign('agency', { tableSha256: 'c'.repeat(64) }, false))).toEqual({
        type: 'validation-failed',
        law: 'p.105',
        guard: 'signsTheSameTable',
      });
      expect(refusal(s, ev.sign('agency'))).toMatchObject({ guard: 'membersFixedOnce' });
      expect(refusal(play(toSigning()), ev.sign('chair', { tableSha256: undefined }))).toMatchObject({
        guard: 'tableHashGiven',
      });
      expect(caseStateName(play([...toSigning(), ev.sign('chair'), ev.sign('agency', {}, false)]))).toBe('dispatch');
    });

    it('nothing in a signed table changes afterwards: no redraft, no decision, no withdrawal', () => {
      const s = play([...toSigning(), ev.sign('chair')]);
      for (const e of [ev.draft(), ev.decide(1, 'disagree'), ev.withdraw('2025-03-12T11:00:00+05:00', null)]) {
        expect(s.can(e)).toBe(false);
      }
    });

    it('p.105 (our default) the representative neither signs nor refuses: after the term the chair completes it, the non-signature recorded', () => {
      const complete = (at: string) => ev.sign('chair', { at, completeWithoutAgency: true });
      expect(refusal(play(toSigning()), complete('2025-03-13T18:00:00+05:00'))).toEqual({
        type: 'validation-failed',
        law: 'p.105',
        guard: 'signatureTermPassed',
      });
      const s = play([...toSigning(), complete('2025-03-14T09:00:00+05:00')]);
      expect(caseStateName(s)).toBe('dispatch');
      expect(s.context.signatures).toMatchObject({
        chair: { at: '2025-03-14T09:00:00+05:00' },
        agencyNonSignature: { at: '2025-03-14T09:00:00+05:00', due: D.signature },
      });
      const signedFirst = play([
        ...toSigning(),
        ev.sign('chair'),
        ev.sign('chair', { at: '2025-03-14T09:00:00+05:00', completeWithoutAgency: true }, false),
      ]);
      expect(caseStateName(signedFirst)).toBe('dispatch');
      expect(signedFirst.context.signatures.chair?.at).toBe('2025-03-12T10:00:00+05:00');
      expect(refusal(play([...toSigning(), ev.sign('agency')]), complete('2025-03-14T09:00:00+05:00'))).toMatchObject({
        guard: 'signerMaySign',
      });
    });
  });

  describe('p.106/p.107/p.108 after the table', () => {
    it('p.106 the dispatch records its recipients (the working body and the body) and its note', () => {
      const s = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(s.context.dispatch).toEqual({
        recipients: [
          { kind: 'workingBody', code: 'WB' },
          { kind: 'body', code: 'MINFIN' },
        ],
        note: 'Results of the review',
      });
      const noRecipients = { ...ev.dispatch(), recipients: [{ kind: 'body' as const, code: 'MINFIN' }] };
      expect(refusal(play(toDispatch(['disagree', 'disagree'])), noRecipients)).toEqual({
        type: 'validation-failed',
        law: 'p.106',
        guard: 'recipientsGiven',
      });
    });

    it('p.108 (default) D4 runs from the correction owed under p.107, not from the dispatch', () => {
      const steps = [...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null), ev.correct()];
      const effects = effectsAlong(steps);
      expect(effects[steps.length - 1]).not.toContainEqual(
        expect.objectContaining({ type: 'term.open', kind: 'escalation' }),
      );
      expect(effects[steps.length]).toEqual([
        { type: 'conclusion.version', version: 2, by: 'correction' },
        { type: 'term.open', kind: 'escalation', due: D.escalationFromCorrection },
      ]);
      const s = play(steps);
      expect(caseStateName(s)).toBe('escalationWindow');
      expect(s.context.deadlines.escalation).toBe(D.escalationFromCorrection);
      expect(refusal(play(toDispatch(['agree', 'disagree'])), ev.dispatch())).toMatchObject({
        guard: 'escalationTermConsistent',
        law: 'p.108',
      });
      expect(
        refusal(
          play([...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null)]),
          ev.correct(2, undefined, null),
        ),
      ).toMatchObject({ guard: 'escalationTermWithCorrection' });
    });

    it('p.108 with the setting "dispatch" D4 runs from the dispatch as in v1', () => {
      const fromDispatch: AppealCaseInput = {
        ...input,
        settings: { resultTermStartsAt: 'objectionReceipt', escalationTermStartsAt: 'dispatch' },
      };
      const s = play(
        [...toDispatch(['agree', 'disagree']), ev.dispatch(), ev.correct(2, undefined, null)],
        fromDispatch,
      );
      expect(s.context.deadlines.escalation).toBe(D.escalation);
      expect(caseStateName(s)).toBe('escalationWindow');
    });

    it('p.108 nothing agreed: D4 runs from the dispatch', () => {
      const s = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(caseStateName(s)).toBe('escalationWindow');
      expect(correctionOwed(s)).toBe(false);
    });

    it('p.108 the escalation keeps its reason and documents; one without a reason is refused', () => {
      const s = play([...toDispatch(['disagree', 'disagree']), ev.dispatch(), ev.escalate()]);
      expect(s.context.escalation).toEqual({
        reason: 'Row 2 was decided against the documents',
        documents: [{ name: 'appeal.pdf', sha256: 'a'.repeat(64) }],
      });
      const window = play([...toDispatch(['disagree', 'disagree']), ev.dispatch()]);
      expect(refusal(window, { type: 'ESCALATION.FILE', at: '2025-03-18T10:00:00+05:00' })).toEqual({
        type: 'validation-failed',
        law: 'p.108',
        guard: 'escalationReasonGiven',
      });
    });

    it('p.91 the PA evaluated the body: no D4, no appeal to the PA against itself — final at dispatch', () => {
      const steps = [...toDispatch(['disagree', 'disagree']), ev.dispatch(undefined, null, 'ADSC')];
      const s = play(steps, inputPa);
      expect(s.status).toBe('done');
      expect(s.context.outcome).toBe('final');
      expect(refusal(s, ev.escalate())).toEqual({ type: 'final-at-authority', law: 'p.91', guard: 'appealAvailable' });
      expect(
        refusal(play(toDispatch(['disagree', 'disagree']), inputPa), ev.dispatch(undefined, D.escalation, 'ADSC')),
      ).toMatchObject({ guard: 'escalationTermConsistent' });
      const owed = play([...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null, 'ADSC')], inputPa);
      expect(caseStateName(owed)).toBe('correction');
      expect(refusal(owed, ev.escalate())).toMatchObject({ type: 'final-at-authority', law: 'p.91' });
      const corrected = play(
        [...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null, 'ADSC'), ev.correct(2, undefined, null)],
        inputPa,
      );
      expect(corrected.status).toBe('done');
      expect(corrected.context.outcome).toBe('final');
    });
  });

  describe('p.92/p.94/p.96 transmission', () => {
    it.each([
      ['noObjection', [ev.noObjection()]],
      ['noResponse', [ev.objectionDeadline()]],
      ['final', [...toDispatch(['disagree', 'disagree']), ev.dispatch(), ev.escalationDeadline()]],
    ] as const)(
      'the case closing (%s) transmits its final conclusion to the informatization authority',
      (outcome, events) => {
        const effects = effectsAlong([...events]);
        expect(effects[effects.length - 1]).toContainEqual({
          type: 'conclusion.transmit',
          to: 'MDAI',
          law: 'p.96',
          version: 1,
        });
        const s = play([...events]);
        expect(s.context.outcome).toBe(outcome);
        expect(s.context.transmitted).toEqual({ to: 'MDAI', law: 'p.96', conclusionVersion: 1 });
        expect(effects.flat().filter((e) => e.type === 'conclusion.transmit')).toHaveLength(1);
      },
    );

    it('the transmitted conclusion is the last version: after a correction and a revision by the PA, version 3', () => {
      const events = [
        ...toDispatch(['agree', 'disagree']),
        ev.dispatch(undefined, null),
        ev.correct(),
        ev.escalate(),
        ev.escalationOutcome('revised', 3),
      ];
      const effects = effectsAlong(events);
      expect(effects[effects.length - 1]).toEqual([
        { type: 'conclusion.version', version: 3, by: 'escalation' },
        { type: 'term.close', kind: 'objection' },
        { type: 'term.close', kind: 'table' },
        { type: 'term.close', kind: 'result' },
        { type: 'term.close', kind: 'escalation' },
        { type: 'conclusion.transmit', to: 'MDAI', law: 'p.96', version: 3 },
      ]);
    });

    it('nothing is transmitted before the procedure ends', () => {
      const effects = effectsAlong([...toDispatch(['agree', 'disagree']), ev.dispatch(undefined, null)]);
      expect(effects.flat().some((e) => e.type === 'conclusion.transmit')).toBe(false);
    });
  });
});
