import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { Idempotency } from '../common/idempotency.interceptor';
import { IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { ReadDb } from '../database/read-db';
import { ReferenceService } from '../reference/reference.service';
import { EventStore } from '../events/event-store';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts.service';
import { AuthenticatedAccount, CurrentAccount } from './authenticated-account';
import { AccountChangeDto, CreateAccountDto, RotateTokenDto } from './dto/create-account.dto';
import { Access } from './roles';
import { checkNewAccount } from './account-rules';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { Created, RecordedAnswer } from '../common/answers';
import { PageQueryDto, pageOf } from '../common/paging';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly reference: ReferenceService,
    private readonly reader: ReadDb,
    private readonly writes: IdempotencyStore,
    private readonly events: EventStore,
  ) {}

  @Post()
  @Access('account.create')
  @ApiOperation({ summary: 'Create an account; the bearer token is returned once and stored only hashed' })
  @ApiCreated('AccountCreated')
  @Created((account: { id: string }) => `/api/v1/accounts/${account.id}`)
  async create(
    @Body() dto: CreateAccountDto,
    @Idempotency() idempotency: IdempotencyRequest | undefined,
    @CurrentAccount() administrator: AuthenticatedAccount,
  ) {
    await checkNewAccount(dto, this.reference);
    return this.writes.write(
      idempotency,
      async (m) => {
        const { account, token } = await this.accounts.create(m, dto, administrator);
        return {
          id: account.id,
          role: account.role,
          displayName: account.displayName,
          bodyCode: account.bodyCode,
          authorityCode: account.authorityCode,
          token,
        };
      },
      // The token is shown once: a replay says so instead of storing it.
      { stored: (body) => ({ ...body, token: null, tokenShownOnce: true }) },
    );
  }

  @Get()
  @Access('account.list')
  @ApiOperation({ summary: 'Accounts (never their tokens)' })
  @ApiAnswer(page('Account', 'Accounts, oldest first'))
  async list(@Query() query: PageQueryDto) {
    const rows = await this.reader.manager.find(AccountEntity, { order: { createdAt: 'ASC' } });
    return pageOf(rows.map(accountView), query);
  }

  @Get(':id')
  @Access('account.list')
  @ApiOperation({ summary: 'One account (never its token)' })
  @ApiAnswer('Account')
  async one(@Param('id') id: string) {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.reader.manager.findOneBy(AccountEntity, { id }) : null;
    if (!row) throw new DomainError('not-found', `No account ${id}`);
    return accountView(row);
  }

  @Get(':id/history')
  @Access('account.list')
  @ApiOperation({
    summary:
      'The audited changes of an account (created, disabled, enabled, token rotated, password set): who, when, why — never a secret',
  })
  @ApiAnswer(page('Event', "The account stream's events, in order"))
  @RecordedAnswer()
  async history(@Param('id') id: string, @Query() query: PageQueryDto) {
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await this.reader.manager.findOneBy(AccountEntity, { id })))
      throw new DomainError('not-found', `No account ${id}`);
    return pageOf(await this.events.read(this.reader.manager, id), query);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Access('account.manage')
  @ApiOperation({
    summary: 'Disable an account: its token and web sessions stop working at once, on every instance (audited)',
  })
  @ApiAnswer('Account')
  disable(
    @Param('id') id: string,
    @Body() dto: AccountChangeDto,
    @CurrentAccount() administrator: AuthenticatedAccount,
  ) {
    return this.writes.write(
      undefined,
      async (m) => accountView(await this.accounts.disable(m, id, dto.reason, administrator)),
      { status: 200 },
    );
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Access('account.manage')
  @ApiOperation({ summary: 'Enable a disabled account again (audited)' })
  @ApiAnswer('Account')
  enable(
    @Param('id') id: string,
    @Body() dto: AccountChangeDto,
    @CurrentAccount() administrator: AuthenticatedAccount,
  ) {
    return this.writes.write(
      undefined,
      async (m) => accountView(await this.accounts.enable(m, id, dto.reason, administrator)),
      { status: 200 },
    );
  }

  @Post(':id/token')
  @Access('account.manage')
  @ApiOperation({
    summary:
      'Rotate the bearer token of an account (also the administrator’s own): the new token is returned once, the old one stops at once (audited)',
  })
  @ApiAnswer('AccountToken', { status: 201 })
  rotate(@Param('id') id: string, @Body() dto: RotateTokenDto, @CurrentAccount() administrator: AuthenticatedAccount) {
    // Never idempotent-replayed: the answer carries a secret that is shown once.
    return this.writes.write(undefined, async (m) => {
      const { account, token } = await this.accounts.rotateToken(
        m,
        id,
        dto.expiresAt ?? null,
        dto.reason,
        administrator,
      );
      return { ...accountView(account), token };
    });
  }

  @Get('me')
  @Access('account.me')
  @ApiOperation({ summary: 'Who am I' })
  @ApiAnswer('Me')
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return account;
  }
}

/** An account as administrators and auditors see it: never its token hash. */
function accountView(row: AccountEntity) {
  const { tokenHash: _hidden, ...rest } = row;
  return rest;
}
