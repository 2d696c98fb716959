import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { SignatureDto } from '../dto/case-commands.dto';
import { composition, signedTableSha256 } from '../signed-table';
import { text } from '../../i18n/text';

/**
 * p.105: the table is signed by the chair of the commission and by the evaluated body's representative;
 * the representative may instead refuse, with a reason (SPEC §2 default), and the chair's signature completes it.
 * Workflow v2: every signature records the canonical hash of the table it signs (the first also the commission as
 * composed), and once the representative's signature term ran out unanswered the chair completes the table with
 * the non-signature recorded (our default).
 */
export const signature = caseCommand<SignatureDto>({
  action: 'case.signature',
  route: {
    path: 'cases/:id/table/signatures',
    tag: 'cases',
    summary: 'p.105: the chair and the body’s representative sign (or the representative refuses, with a reason)',
    example: {},
  },
  dto: SignatureDto,
  event: 'TABLE.SIGN',
  term: 'result',
  async prepare(ctx, dto) {
    const { stream } = ctx;
    const context = stream.snapshot.context;
    // p.105: the table signed — its hash and, with the first signature, the commission as composed.
    const table = () => {
      if (stream.row.workflowVersion < 2) return {};
      const members = context.signedTable?.members ?? composition(stream.commission?.snapshot.context.members ?? []);
      return {
        tableSha256: signedTableSha256(stream.row, context, members),
        ...(context.signedTable ? {} : { members }),
      };
    };
    if (ctx.actor.role === 'agencyRepresentative') {
      if (dto.completeWithoutRepresentative !== undefined) {
        throw DomainError.field('completeWithoutRepresentative', 'reasons.onlyChairCompletes');
      }
      return {
        event: {
          type: 'TABLE.SIGN',
          at: ctx.at,
          signer: 'agency',
          name: ctx.actor.displayName,
          ...(dto.refusalReason ? { refusalReason: dto.refusalReason } : {}),
          ...table(),
        },
      };
    }
    if (dto.refusalReason) throw DomainError.field('refusalReason', 'reasons.onlyRepresentativeRefuses');
    const chair = stream.commission?.snapshot.context.members.find((mm) => mm.role === 'chair');
    if (!chair || chair.iin !== ctx.actor.personIin) {
      throw new DomainError('forbidden', text('refusals.case.onlyChairSigns'));
    }
    if (dto.completeWithoutRepresentative && stream.row.workflowVersion < 2) {
      throw DomainError.field('completeWithoutRepresentative', 'reasons.noSignatureTermV1');
    }
    return {
      event: {
        type: 'TABLE.SIGN',
        at: ctx.at,
        signer: 'chair',
        name: chair.name ?? ctx.actor.displayName,
        ...(dto.completeWithoutRepresentative ? { completeWithoutAgency: true } : {}),
        ...table(),
      },
    };
  },
  probe: ({ at, actor, stream }) => {
    const v2 = stream.row.workflowVersion >= 2;
    const signed = stream.snapshot.context.signedTable;
    const table = v2
      ? { tableSha256: signed?.sha256 ?? '0'.repeat(64), ...(signed ? {} : { members: [{ role: 'chair' as const }] }) }
      : {};
    if (actor.role === 'agencyRepresentative') return { type: 'TABLE.SIGN', at, signer: 'agency', ...table };
    const chair = stream.commission?.snapshot.context.members.find((mm) => mm.role === 'chair');
    if (!chair || chair.iin !== actor.personIin) return null;
    const s = stream.snapshot.context.signatures;
    // Once the chair signed, what is left to the chair is completing the table after the representative's term.
    const completes = v2 && s.chair !== undefined && !s.agency && !s.agencyRefusal;
    return { type: 'TABLE.SIGN', at, signer: 'chair', ...(completes ? { completeWithoutAgency: true } : {}), ...table };
  },
});
