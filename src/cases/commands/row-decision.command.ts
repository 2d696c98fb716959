import { isConstituted, type MeetingFacts } from '../../../workflows';
import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { RowDecisionDto } from '../dto/case-commands.dto';
import { requireScoresWithinScale, scoreProblem } from '../scores';

function rowNumber(n: string | undefined): number {
  if (n === undefined || !/^\d{1,4}$/.test(n) || Number(n) < 1) throw DomainError.field('n', 'reasons.rowNumber');
  return Number(n);
}

/**
 * p.104: the commission agrees or disagrees with the objection on one row, by the vote of a meeting whose
 * attendance gives the quorum (present) and whose commission gives the members. Workflow v2 also hands the machine
 * what p.103 asks of the meeting — when it was held, whether the body's representative and its evaluators were
 * invited, whether the chair was present (the casting vote counts only then) — and, when the rule set says the
 * secretary does not vote, leaves the secretary out of both counts. The decision that completes the table brings the
 * representative's signature term (p.105, our default).
 */
export const rowDecision = caseCommand<RowDecisionDto>({
  action: 'case.row-decision',
  route: {
    path: 'cases/:id/table/rows/:n/decision',
    tag: 'cases',
    summary: 'p.104: record the commission’s decision on one row, with the vote of a meeting',
    example: {
      meetingId: '3f0c2a8e-5b1d-4c2e-9a7f-1d2e3f4a5b6c',
      decision: 'agree',
      rationale: 'Құжаттармен расталды / Подтверждено документами',
      votes: { for: 4, against: 1, abstained: 0 },
    },
  },
  dto: RowDecisionDto,
  event: 'ROW.DECIDE',
  term: 'result',
  async prepare(ctx, dto, params) {
    const n = rowNumber(params.n);
    const { stream } = ctx;
    const v2 = stream.row.workflowVersion >= 2;
    const commission = stream.commission;
    const meeting = commission?.snapshot.context.meetings.find((mt) => mt.id === dto.meetingId);
    if (commission && !meeting) throw DomainError.field('meetingId', 'reasons.noSuchMeeting');
    if (meeting && !meeting.present) throw DomainError.field('meetingId', 'reasons.attendanceFirst');
    const members = commission?.snapshot.context.members ?? [];
    const secretary = members.find((m) => m.role === 'secretary');
    const secretaryOut = v2 && !stream.rules.secretaryVotes && secretary !== undefined;
    const presentIins = (meeting?.present ?? []).filter((iin) => !(secretaryOut && iin === secretary.iin));
    const present = presentIins.length;
    const memberCount = members.length - (secretaryOut ? 1 : 0);
    const context = stream.snapshot.context;
    const row = context.rows.find((r) => r.n === n);
    const revisedScore = dto.decision === 'agree' ? (dto.revisedScore ?? row?.claimedScore) : undefined;
    if (dto.decision === 'agree' && revisedScore === undefined && row) {
      throw DomainError.field('revisedScore', 'reasons.revisedScoreNeeded');
    }
    if (dto.decision !== 'agree' && dto.revisedScore !== undefined) {
      throw DomainError.field('revisedScore', 'reasons.onlyAgreedRevises');
    }
    const conclusion = await ctx.services.conclusions.latest(ctx.m, stream.row.id, context.conclusionVersion);
    const item = row ? conclusion.items.find((i) => i.code === row.indicatorCode) : undefined;
    // p.104: the revised score lies on the indicator's scale.
    if (item && revisedScore !== undefined)
      requireScoresWithinScale([scoreProblem(item, revisedScore, 'revisedScore', 'p.104')], 'p.104');
    const event = {
      type: 'ROW.DECIDE' as const,
      at: ctx.at,
      n,
      decision: dto.decision,
      ...(revisedScore !== undefined ? { revisedScore } : {}),
      rationale: dto.rationale,
      vote: { ...dto.votes, present, members: memberCount, ...(dto.chairVote ? { chairVote: dto.chairVote } : {}) },
      commissionConstituted: commission !== null && isConstituted(commission.snapshot),
      quorumFraction: stream.rules.quorumFraction,
    };
    if (!v2) return { event };
    const chair = members.find((m) => m.role === 'chair');
    const invitedIins = new Set(
      (meeting?.invitees ?? []).filter((i) => i.kind === 'evaluator' && i.iin).map((i) => i.iin),
    );
    const facts: MeetingFacts | undefined = meeting && {
      id: meeting.id,
      scheduledFor: meeting.scheduledFor,
      representativeInvited: meeting.invitees.some(
        (i) => i.kind === 'agencyRepresentative' && i.bodyCode === stream.row.bodyCode,
      ),
      evaluatorsInvited: conclusion.evaluators.every((iin) => invitedIins.has(iin)),
      chairPresent: chair !== undefined && presentIins.includes(chair.iin),
    };
    const last = context.rows.length > 0 && context.rows.every((r) => r.n === n || r.decision !== undefined);
    const signature =
      last && row && row.decision === undefined
        ? await ctx.deadline(ctx.at, { workingDays: stream.rules.signatureWorkingDays })
        : undefined;
    return {
      event: {
        ...event,
        ...(facts ? { meeting: facts } : {}),
        ...(signature ? { deadlines: { signature: signature.deadline } } : {}),
      },
    };
  },
  probe: ({ at, stream, commissionConstituted }) => {
    const rows = stream.snapshot.context.rows;
    const row = rows.find((r) => r.decision === undefined);
    if (!row) return null;
    const last = rows.every((r) => r.n === row.n || r.decision !== undefined);
    return {
      type: 'ROW.DECIDE',
      at,
      n: row.n,
      decision: 'disagree',
      rationale: 'probe',
      vote: { for: 5, against: 0, abstained: 0, present: 5, members: 5 },
      commissionConstituted,
      ...(stream.row.workflowVersion >= 2
        ? {
            meeting: {
              id: 'probe',
              scheduledFor: at,
              representativeInvited: true,
              evaluatorsInvited: true,
              chairPresent: true,
            },
            ...(last ? { deadlines: { signature: at } } : {}),
          }
        : {}),
    };
  },
});
