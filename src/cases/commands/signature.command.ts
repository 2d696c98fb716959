import { DomainError } from '../../common/domain-error';
import { caseCommand } from '../../workflow-runtime/command';
import { SignatureDto } from '../dto/case-commands.dto';

/**
 * p.105: the table is signed by the chair of the commission and by the evaluated body's representative;
 * the representative may instead refuse, with a reason (SPEC §2 default), and the chair's signature completes it.
 */
export const signature = caseCommand<SignatureDto>({
  action: 'case.signature',
  route: { path: 'cases/:id/table/signatures', tag: 'cases', summary: 'p.105: the chair and the body’s representative sign (or the representative refuses, with a reason)' },
  dto: SignatureDto,
  event: 'TABLE.SIGN',
  term: 'result',
  async prepare(ctx, dto) {
    if (ctx.actor.role === 'agencyRepresentative') {
      return {
        event: { type: 'TABLE.SIGN', at: ctx.at, signer: 'agency', name: ctx.actor.displayName, ...(dto.refusalReason ? { refusalReason: dto.refusalReason } : {}) },
      };
    }
    if (dto.refusalReason) throw DomainError.validation([{ name: 'refusalReason', reason: 'only the representative of the evaluated body may refuse to sign (p.105)' }]);
    const chair = ctx.stream.commission?.snapshot.context.members.find((mm) => mm.role === 'chair');
    if (!chair || chair.iin !== ctx.actor.personIin) {
      throw new DomainError('forbidden', 'Only the chair of the special commission signs the table for it (p.105)');
    }
    return { event: { type: 'TABLE.SIGN', at: ctx.at, signer: 'chair', name: chair.name ?? ctx.actor.displayName } };
  },
  probe: ({ at, actor, stream }) => {
    if (actor.role === 'agencyRepresentative') return { type: 'TABLE.SIGN', at, signer: 'agency' };
    const chair = stream.commission?.snapshot.context.members.find((mm) => mm.role === 'chair');
    return chair && chair.iin === actor.personIin ? { type: 'TABLE.SIGN', at, signer: 'chair' } : null;
  },
});
