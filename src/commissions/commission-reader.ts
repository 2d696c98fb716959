import { Injectable, OnModuleInit } from '@nestjs/common';
import { commissionStateName, isConstituted } from '../../workflows';
import type { AuthenticatedAccount } from '../auth/authenticated-account';
import { permits, sqlScope } from '../auth/policy';
import { Clock } from '../common/clock';
import type { CommissionCommand } from '../workflow-runtime/command';
import { DomainError } from '../common/domain-error';
import { ReadDb } from '../database/read-db';
import { maskIin } from '../reference/iin';
import { StreamRuntime } from '../workflow-runtime/stream-runtime';
import { LoadedCommission, StreamLoader } from '../workflow-runtime/streams';
import { CommissionEntity } from './commission.entity';
import { COMMISSION_ROUTES } from './commands';
import { text } from '../i18n/text';

/** The read side of special commissions: one, the list (scoped by the access policy), each as this person may see it. */
@Injectable()
export class CommissionReader implements OnModuleInit {
  constructor(
    private readonly reader: ReadDb,
    private readonly loader: StreamLoader,
    private readonly runtime: StreamRuntime,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runtime.registerView('commission', async (_m, stream, account) => this.view(stream, account));
  }

  async get(id: string, account: AuthenticatedAccount) {
    const loaded = await this.loader.loadCommission(this.reader.manager, id);
    if (!loaded || !permits(account, 'commission.read', { authorityCode: loaded.row.authorityCode }))
      throw new DomainError('not-found', text('refusals.common.noCommission', { id }));
    return this.view(loaded, account);
  }

  async list(account: AuthenticatedAccount) {
    const qb = this.reader.manager
      .createQueryBuilder(CommissionEntity, 'k')
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'ASC');
    const scope = sqlScope(account, 'commission.read', { authorityCode: 'k.authority_code' });
    if (scope) qb.andWhere(scope.where, scope.params);
    const rows = await qb.getMany();
    return rows.map((r) => this.view(this.loader.commission(r), account));
  }

  view(loaded: LoadedCommission, account: AuthenticatedAccount) {
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    const mask = (iin: string) => (reveal ? iin : maskIin(iin));
    const c = loaded.snapshot.context;
    return {
      id: loaded.row.id,
      authority: loaded.row.authorityCode,
      direction: loaded.row.direction,
      cycle: loaded.row.cycleCode,
      state: commissionStateName(loaded.snapshot),
      constituted: isConstituted(loaded.snapshot),
      minMembers: c.minMembers,
      members: c.members.map((mm) => ({ ...mm, iin: mask(mm.iin) })),
      objectingBodies: c.objectingBodies,
      recusals: c.recusals.map((r) => ({ ...r, iin: mask(r.iin) })),
      meetings: c.meetings.map((mt) => ({
        ...mt,
        invitees: mt.invitees.map((i) => ({ ...i, ...(i.iin ? { iin: mask(i.iin) } : {}) })),
        present: mt.present?.map(mask),
        presentCount: mt.present?.length,
      })),
      version: loaded.row.version,
      workflowVersion: loaded.row.workflowVersion,
      updatedAt: loaded.row.updatedAt,
      allowedActions: this.allowedActions(loaded, account),
    };
  }

  /** From the policy AND the machine: the commands this account may send on this commission now. */
  allowedActions(loaded: LoadedCommission, account: AuthenticatedAccount) {
    if (loaded.snapshot.status === 'done') return [];
    const at = this.clock.now().toISOString();
    const facts = { authorityCode: loaded.row.authorityCode };
    return COMMISSION_ROUTES.filter((c): c is CommissionCommand<object> => c.kind === 'commission')
      .filter((command) => command.probe && permits(account, command.action, facts))
      .filter((command) => {
        const event = command.probe!({ at, stream: loaded });
        return event !== null && loaded.snapshot.can(event);
      })
      .map((command) => ({
        action: command.action,
        event: command.event,
        method: 'POST' as const,
        path: `/api/v1/${command.route.path.replace(':id', loaded.row.id)}`,
      }));
  }
}
