import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error';
import { Idempotency } from '../common/idempotency.interceptor';
import { IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { ReadDb } from '../database/read-db';
import { ReferenceService } from '../reference/reference.service';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts.service';
import { AuthenticatedAccount, CurrentAccount } from './authenticated-account';
import { CreateAccountDto } from './dto/create-account.dto';
import { Access, Role } from './roles';

const AUTHORITY_ROLES: Role[] = ['authorityOfficer', 'commissionSecretary', 'commissionChair'];
const AUTHORITY_KINDS = ['civilServiceAuthority', 'informatizationAuthority', 'presidentialAdministration', 'primeMinisterOffice'];

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
    if (dto.role === 'agencyRepresentative') {
      if (!dto.bodyCode) throw DomainError.validation([{ name: 'bodyCode', reason: 'an agency representative represents one body' }]);
      const body = await this.reference.body(dto.bodyCode);
      if (body.kind === 'workingBody') throw DomainError.validation([{ name: 'bodyCode', reason: 'the working body is not evaluated' }]);
    }
    if (AUTHORITY_ROLES.includes(dto.role) || dto.role === 'presidentialAdministration') {
      if (!dto.authorityCode) throw DomainError.validation([{ name: 'authorityCode', reason: `${dto.role} works for one authority` }]);
      const body = await this.reference.body(dto.authorityCode, 'authorityCode');
      if (!AUTHORITY_KINDS.includes(body.kind)) {
        throw DomainError.validation([{ name: 'authorityCode', reason: `${body.code} is not an evaluating authority` }]);
      }
      if (dto.role === 'presidentialAdministration' && body.kind !== 'presidentialAdministration') {
        throw DomainError.validation([{ name: 'authorityCode', reason: 'must be the Presidential Administration' }]);
      }
    }
    if ((dto.role === 'commissionChair' || dto.role === 'commissionSecretary') && !dto.personIin) {
      throw DomainError.validation([{ name: 'personIin', reason: 'a commission chair or secretary signs as a person: give their IIN' }]);
    }
    if (dto.personIin) await this.reference.people([dto.personIin], 'personIin');
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
