import { isConstituted } from '../../../workflows';
import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { RowDecisionDto } from '../dto/case-commands.dto';

function rowNumber(n: string | undefined): number {
  if (n === undefined || !/^\d{1,4}$/.test(n) || Number(n) < 1) throw DomainError.validation([{ name: 'n', reason: 'must be a row number from 1' }]);
  return Number(n);
}

/**
 * p.104: the commission agrees or disagrees with the objection on one row, by the vote of a meeting whose
 * attendance gives the quorum (present) and whose commission gives the members.
 */
export const rowDecision = caseCommand<RowDecisionDto>({
  action: 'case.row-decision',
  route: { path: 'cases/:id/table/rows/:n/decision', tag: 'cases', summary: 'p.104: record the commission’s decision on one row, with the vote of a meeting' },
  dto: RowDecisionDto,
  event: 'ROW.DECIDE',
  term: 'result',
  async prepare(ctx, dto, params) {
    const n = rowNumber(params.n);
    const commission = ctx.stream.commission;
    const meeting = commission?.snapshot.context.meetings.find((mt) => mt.id === dto.meetingId);
    if (commission && !meeting) throw DomainError.validation([{ name: 'meetingId', reason: 'no such meeting of this commission' }]);
    if (meeting && !meeting.present) throw DomainError.validation([{ name: 'meetingId', reason: 'record the attendance of the meeting first (p.103)' }]);
    const present = meeting?.present?.length ?? 0;
    const members = commission?.snapshot.context.members.length ?? 0;
    const row = ctx.stream.snapshot.context.rows.find((r) => r.n === n);
    const revisedScore = dto.decision === 'agree' ? (dto.revisedScore ?? row?.claimedScore) : undefined;
    if (dto.decision === 'agree' && revisedScore === undefined && row) {
      throw DomainError.validation([{ name: 'revisedScore', reason: 'give the revised score: the objection claimed none' }]);
    }
    return {
      event: {
        type: 'ROW.DECIDE',
        at: ctx.at,
        n,
        decision: dto.decision,
        ...(revisedScore !== undefined ? { revisedScore } : {}),
        rationale: dto.rationale,
        vote: { ...dto.votes, present, members, ...(dto.chairVote ? { chairVote: dto.chairVote } : {}) },
        commissionConstituted: commission !== null && isConstituted(commission.snapshot),
        quorumFraction: ctx.stream.rules.quorumFraction,
      },
    };
  },
  probe: ({ at, stream, commissionConstituted }) => {
    const row = stream.snapshot.context.rows.find((r) => r.decision === undefined);
    if (!row) return null;
    return {
      type: 'ROW.DECIDE',
      at,
      n: row.n,
      decision: 'disagree',
      rationale: 'probe',
      vote: { for: 5, against: 0, abstained: 0, present: 5, members: 5 },
      commissionConstituted,
    };
  },
});
