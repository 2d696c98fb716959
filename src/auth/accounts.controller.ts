import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotency } from '../common/idempotency.interceptor';
import { IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { ReadDb } from '../database/read-db';
import { ReferenceService } from '../reference/reference.service';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts.service';
import { AuthenticatedAccount, CurrentAccount } from './authenticated-account';
import { CreateAccountDto } from './dto/create-account.dto';
import { Access } from './roles';
import { checkNewAccount } from './account-rules';


@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly reference: ReferenceService,
    private readonly reader: ReadDb,
    private readonly writes: IdempotencyStore,
  ) {}

  @Post()
  @Access('account.create')
  @ApiOperation({ summary: 'Create an account; the bearer token is returned once and stored only hashed' })
  async create(@Body() dto: CreateAccountDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    await checkNewAccount(dto, this.reference);
    return this.writes.write(
      idempotency,
      async (m) => {
        const { account, token } = await this.accounts.create(m, dto);
        return { id: account.id, role: account.role, displayName: account.displayName, bodyCode: account.bodyCode, authorityCode: account.authorityCode, token };
      },
      // The token is shown once: a replay says so instead of storing it.
      { stored: (body) => ({ ...body, token: null, tokenShownOnce: true }) },
    );
  }

  @Get()
  @Access('account.list')
  @ApiOperation({ summary: 'Accounts (never their tokens)' })
  async list() {
    const rows = await this.reader.manager.find(AccountEntity, { order: { createdAt: 'ASC' } });
    return rows.map(({ tokenHash: _hidden, ...rest }) => rest);
  }

  @Get('me')
  @Access('account.me')
  @ApiOperation({ summary: 'Who am I' })
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return account;
  }
}
