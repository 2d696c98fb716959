import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Idempotency } from '../common/idempotency.interceptor';
import { IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { Access } from '../auth/roles';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto, CreateRuleSetDto } from './dto/reference.dto';
import { maskIin } from './iin';
import { ReferenceService } from './reference.service';


@ApiTags('reference data')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(
    private readonly reference: ReferenceService,
    private readonly writes: IdempotencyStore,
  ) {}

  @Post('bodies')
  @Access('reference.write')
  @ApiOperation({ summary: 'Register a state body (an evaluated agency or an institution of points 91–97, 106)' })
  createBody(@Body() dto: CreateBodyDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createBody(m, dto));
  }

  @Get('bodies')
  @Access('reference.read')
  @ApiOperation({ summary: 'State bodies with their Kazakh and Russian names' })
  bodies() {
    return this.reference.listBodies();
  }

  @Post('people')
  @Access('reference.write')
  @ApiOperation({ summary: 'Register a person by IIN (evaluators, commission members, representatives)' })
  createPerson(@Body() dto: CreatePersonDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createPerson(m, dto));
  }

  @Get('people')
  @Access('reference.read')
  @ApiOperation({ summary: 'People; IINs are masked for everyone but administrators and auditors' })
  async people(@CurrentAccount() account: AuthenticatedAccount) {
    const people = await this.reference.listPeople();
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    return people.map((p) => ({ ...p, iin: reveal ? p.iin : maskIin(p.iin) }));
  }

  @Post('cycles')
  @Access('reference.write')
  @ApiOperation({ summary: 'Open an evaluation cycle' })
  createCycle(@Body() dto: CreateCycleDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createCycle(m, dto));
  }

  @Get('cycles')
  @Access('reference.read')
  cycles() {
    return this.reference.listCycles();
  }

  @Post('rule-sets')
  @Access('reference.write')
  @ApiOperation({ summary: 'A new version of the procedure settings with the dates it is in force' })
  createRuleSet(@Body() dto: CreateRuleSetDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createRuleSet(m, dto));
  }

  @Get('rule-sets')
  @Access('reference.read')
  ruleSets() {
    return this.reference.listRuleSets();
  }
}
