import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { permits } from '../../auth/policy';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CaseEntity, ConclusionEntity } from '../../cases/case.entity';
import { CaseQueueReader } from '../../cases/case-reader';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { ReadDb } from '../../database/read-db';
import { contentDisposition } from '../../documents/content-disposition';
import { ReferenceService } from '../../reference/reference.service';
import { renderRegisterXlsx } from '../../transmissions/render-register-xlsx';
import type { Register, RegisterEntry } from '../../transmissions/transmission-register';
import { TransmissionRegister } from '../../transmissions/transmission-register';
import type { ConclusionItem } from '../../workflow-runtime/command';
import { Words } from '../presenters/words';
import { WebRequest } from '../web-context';
import { WebPage } from '../web-page';
import { WebViews } from '../web-views';

const READERS = {
  roles: ['workingBody', 'authorityOfficer', 'administrator', 'auditor'] as AuthenticatedAccount['role'][],
};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Issue 15: the registers of a cycle as XLSX, for those who receive them — the results dispatched to the working
 * body (p.106; the working body, the authorities for their own cases) and the final conclusions transmitted to the
 * informatization authority (p.92, p.94, p.96; that authority). Administrators and auditors read both.
 */
@ApiExcludeController()
@Controller('registers')
export class RegistersController {
  constructor(
    private readonly views: WebViews,
    private readonly reference: ReferenceService,
    private readonly transmitted: TransmissionRegister,
    private readonly queue: CaseQueueReader,
    private readonly reader: ReadDb,
    private readonly clock: Clock,
  ) {}

  @Get()
  @WebPage(READERS)
  async page(@Req() request: WebRequest, @Res() reply: FastifyReply) {
    const account = request.web!.session!.account;
    const words = new Words(request.web!.lang);
    const cycles = (await this.reference.listCycles()).sort((a, b) => b.code.localeCompare(a.code));
    const transmitted = await this.mayReadTransmitted(account);
    const rows = cycles.flatMap((c) =>
      (['personnel', 'it'] as const).map((direction) => {
        const q = `?cycle=${encodeURIComponent(c.code)}&direction=${direction}`;
        return {
          cycle: c.code,
          direction: words.direction(direction),
          dispatched: `/registers/dispatched.xlsx${q}`,
          transmitted: transmitted ? `/registers/transmitted.xlsx${q}` : null,
        };
      }),
    );
    return this.views.send(reply, request, 'registers', { rows });
  }

  @Get('dispatched.xlsx')
  @WebPage(READERS)
  async dispatched(@Query() query: Record<string, unknown>, @Req() request: WebRequest, @Res() reply: FastifyReply) {
    const { cycle, direction } = await this.checked(query);
    const account = request.web!.session!.account;
    const cases = (await this.queue.search({ cycle, direction, limit: 500, offset: 0 }, account)).items;
    const items: RegisterEntry[] = [];
    const bodies = await this.reference.listBodies();
    for (const summary of [...cases].sort((a, b) => a.bodyCode.localeCompare(b.bodyCode))) {
      const row = await this.reader.manager.findOneByOrFail(CaseEntity, { id: summary.id });
      const { context } = JSON.parse(row.snapshot) as {
        context: {
          dispatchedAt?: string;
          conclusionVersion: number;
          dispatch?: { recipients?: { kind: string; code: string }[] };
        };
      };
      if (!context.dispatchedAt) continue;
      const conclusion = await this.reader.manager.findOneByOrFail(ConclusionEntity, {
        caseId: row.id,
        version: context.conclusionVersion,
      });
      const body = bodies.find((b) => b.code === row.bodyCode);
      items.push({
        caseId: row.id,
        law: 'p.106',
        recipient: context.dispatch?.recipients?.find((r) => r.kind === 'workingBody')?.code ?? '',
        body: {
          code: row.bodyCode,
          nameKk: body?.nameKk ?? row.bodyCode,
          nameRu: body?.nameRu ?? row.bodyCode,
          nameEn: body?.nameEn ?? null,
        },
        authority: row.authorityCode,
        conclusionVersion: context.conclusionVersion,
        outcome: row.outcome ?? 'final',
        transmittedAt: context.dispatchedAt,
        items: JSON.parse(conclusion.items) as ConclusionItem[],
      });
    }
    const register: Register = {
      cycle,
      direction,
      generatedAt: this.clock.now().toISOString(),
      total: items.length,
      items,
    };
    const body = await renderRegisterXlsx(register, request.web!.lang, 'dispatched');
    return this.send(reply, `dispatched ${direction} ${cycle}.xlsx`, body);
  }

  @Get('transmitted.xlsx')
  @WebPage(READERS)
  async transmittedXlsx(
    @Query() query: Record<string, unknown>,
    @Req() request: WebRequest,
    @Res() reply: FastifyReply,
  ) {
    const { cycle, direction } = await this.checked(query);
    const account = request.web!.session!.account;
    if (!(await this.mayReadTransmitted(account)))
      throw new DomainError('forbidden', 'The register of transmitted conclusions is the informatization authority’s');
    const register = await this.transmitted.register(cycle, direction, account);
    return this.send(
      reply,
      `register ${direction} ${cycle}.xlsx`,
      await renderRegisterXlsx(register, request.web!.lang),
    );
  }

  /** The informatization authority (the recipient), administrators and auditors (the policy's transmission.read). */
  private async mayReadTransmitted(account: AuthenticatedAccount): Promise<boolean> {
    if (account.role === 'administrator' || account.role === 'auditor') return true;
    const roles = await this.reference.authorityRoles();
    return (
      account.role === 'authorityOfficer' &&
      account.authorityCode === roles.informatization &&
      permits(account, 'transmission.read', { authorityCode: '', recipientCode: roles.informatization })
    );
  }

  private async checked(query: Record<string, unknown>) {
    const cycle = typeof query.cycle === 'string' ? query.cycle : '';
    const direction: 'personnel' | 'it' | null =
      query.direction === 'personnel' || query.direction === 'it' ? query.direction : null;
    if (!direction || !(await this.reference.listCycles()).some((c) => c.code === cycle))
      throw new DomainError('not-found', 'No such register');
    return { cycle, direction };
  }

  private send(reply: FastifyReply, name: string, body: Buffer) {
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', contentDisposition(name))
      .header('cache-control', 'private, no-store')
      .send(body);
  }
}
