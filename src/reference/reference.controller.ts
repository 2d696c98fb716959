import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { Idempotency } from '../common/idempotency.interceptor';
import { IdempotencyRequest, IdempotencyStore } from '../common/idempotency';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto } from './dto/reference.dto';
import { InForceQueryDto, RepealDto } from './dto/act.dto';
import { CreateRuleSetActDto } from './dto/rule-set-act.dto';
import { localDateOfQuery } from './in-force-query';
import { maskIin } from './iin';
import { ReferenceService } from './reference.service';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { Created } from '../common/answers';
import { DomainError } from '../common/domain-error';
import { PageQueryDto, pageOf } from '../common/paging';

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
  @ApiCreated('Body')
  @Created((body: { code: string }) => `/api/v1/bodies/${encodeURIComponent(body.code)}`)
  createBody(@Body() dto: CreateBodyDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createBody(m, dto));
  }

  @Get('bodies')
  @Access('reference.read')
  @ApiOperation({ summary: 'State bodies with their Kazakh and Russian names' })
  @ApiAnswer(page('Body', 'State bodies by code'))
  async bodies(@Query() query: PageQueryDto) {
    return pageOf(await this.reference.listBodies(), query);
  }

  @Get('bodies/:code')
  @Access('reference.read')
  @ApiOperation({ summary: 'One state body' })
  @ApiAnswer('Body')
  async body(@Param('code') code: string) {
    const body = (await this.reference.listBodies()).find((b) => b.code === code);
    if (!body) throw new DomainError('not-found', `No body ${code}`);
    return body;
  }

  @Post('people')
  @Access('reference.write')
  @ApiOperation({ summary: 'Register a person by IIN (evaluators, commission members, representatives)' })
  // No Location: a person's id is their IIN, and an address with it would write an IIN into every access log line.
  @ApiAnswer('Person', { status: 201, description: 'Created: the person, identified by the IIN sent' })
  createPerson(@Body() dto: CreatePersonDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createPerson(m, dto));
  }

  @Get('people')
  @Access('reference.read')
  @ApiOperation({ summary: 'People; IINs are masked for everyone but administrators and auditors' })
  @ApiAnswer(page('Person', 'People by name'))
  async people(@Query() query: PageQueryDto, @CurrentAccount() account: AuthenticatedAccount) {
    const people = await this.reference.listPeople();
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    return pageOf(
      people.map((p) => ({ ...p, iin: reveal ? p.iin : maskIin(p.iin) })),
      query,
    );
  }

  @Post('cycles')
  @Access('reference.write')
  @ApiOperation({ summary: 'Open an evaluation cycle' })
  @ApiCreated('Cycle')
  @Created((cycle: { code: string }) => `/api/v1/cycles/${encodeURIComponent(cycle.code)}`)
  createCycle(@Body() dto: CreateCycleDto, @Idempotency() idempotency: IdempotencyRequest | undefined) {
    return this.writes.write(idempotency, (m) => this.reference.createCycle(m, dto));
  }

  @Get('cycles')
  @Access('reference.read')
  @ApiAnswer(page('Cycle', 'Evaluation cycles, newest first'))
  async cycles(@Query() query: PageQueryDto) {
    return pageOf(await this.reference.listCycles(), query);
  }

  @Get('cycles/:code')
  @Access('reference.read')
  @ApiOperation({ summary: 'One evaluation cycle' })
  @ApiAnswer('Cycle')
  async cycle(@Param('code') code: string) {
    const cycle = (await this.reference.listCycles()).find((c) => c.code === code);
    if (!cycle) throw new DomainError('not-found', `No cycle ${code}`);
    return cycle;
  }

  @Post('rule-sets')
  @Access('reference.write')
  @ApiOperation({
    summary:
      'A new version of the procedure settings, as the act that sets it, with its period in force (no overlap with another version)',
  })
  @ApiCreated('RuleSet')
  @Created((ruleSet: { code: string }) => `/api/v1/rule-sets/${encodeURIComponent(ruleSet.code)}`)
  createRuleSet(
    @Body() dto: CreateRuleSetActDto,
    @CurrentAccount() account: AuthenticatedAccount,
    @Idempotency() idempotency: IdempotencyRequest | undefined,
  ) {
    return this.writes.write(idempotency, () => this.reference.createRuleSet(dto, account.displayName));
  }

  @Get('rule-sets')
  @Access('reference.read')
  @ApiOperation({ summary: 'Every version of the procedure settings with its act, newest first' })
  @ApiAnswer(page('RuleSet', 'Rule sets, newest first'))
  async ruleSets(@Query() query: PageQueryDto) {
    return pageOf(await this.reference.listRuleSets(), query);
  }

  @Get('rule-sets/in-force')
  @Access('reference.read')
  @ApiOperation({ summary: 'The rule set in force on a local (Astana) date, or at an instant read as its Astana date' })
  @ApiAnswer('RuleSet')
  ruleSetInForce(@Query() query: InForceQueryDto) {
    const date = localDateOfQuery(query);
    return this.reference.ruleSetInForce(date, query.at !== undefined ? 'at' : 'date');
  }

  @Get('rule-sets/:code')
  @Access('reference.read')
  @ApiAnswer('RuleSet')
  ruleSet(@Param('code') code: string) {
    return this.reference.getRuleSet(code);
  }

  @Post('rule-sets/:code/repeal')
  @Access('reference.write')
  @ApiOperation({
    summary:
      'Record the repeal of a rule set by another act; its last day in force becomes the day before the repeal takes effect',
  })
  @ApiAnswer('RuleSet', { status: 201 })
  repealRuleSet(@Param('code') code: string, @Body() dto: RepealDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.reference.repealRuleSet(code, dto, account.displayName);
  }
}
