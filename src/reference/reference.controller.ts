import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { ROLES, Roles } from '../auth/roles';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto } from './dto/reference.dto';
import { InForceQueryDto, RepealDto } from './dto/act.dto';
import { CreateRuleSetActDto } from './dto/rule-set-act.dto';
import { localDateOfQuery } from './in-force-query';
import { maskIin } from './iin';
import { ReferenceService } from './reference.service';

const EVERYONE = [...ROLES];

@ApiTags('reference data')
@ApiBearerAuth()
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Post('bodies')
  @Roles('administrator')
  @ApiOperation({ summary: 'Register a state body (an evaluated agency or an institution of points 91–97, 106)' })
  createBody(@Body() dto: CreateBodyDto) {
    return this.reference.createBody(dto);
  }

  @Get('bodies')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'State bodies with their Kazakh and Russian names' })
  bodies() {
    return this.reference.listBodies();
  }

  @Post('people')
  @Roles('administrator')
  @ApiOperation({ summary: 'Register a person by IIN (evaluators, commission members, representatives)' })
  createPerson(@Body() dto: CreatePersonDto) {
    return this.reference.createPerson(dto);
  }

  @Get('people')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'People; IINs are masked for everyone but administrators and auditors' })
  async people(@CurrentAccount() account: AuthenticatedAccount) {
    const people = await this.reference.listPeople();
    const reveal = account.role === 'administrator' || account.role === 'auditor';
    return people.map((p) => ({ ...p, iin: reveal ? p.iin : maskIin(p.iin) }));
  }

  @Post('cycles')
  @Roles('administrator')
  @ApiOperation({ summary: 'Open an evaluation cycle' })
  createCycle(@Body() dto: CreateCycleDto) {
    return this.reference.createCycle(dto);
  }

  @Get('cycles')
  @Roles(...EVERYONE)
  cycles() {
    return this.reference.listCycles();
  }

  @Post('rule-sets')
  @Roles('administrator')
  @ApiOperation({ summary: 'A new version of the procedure settings, as the act that sets it, with its period in force (no overlap with another version)' })
  createRuleSet(@Body() dto: CreateRuleSetActDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.reference.createRuleSet(dto, account.displayName);
  }

  @Get('rule-sets')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'Every version of the procedure settings with its act, newest first' })
  ruleSets() {
    return this.reference.listRuleSets();
  }

  @Get('rule-sets/in-force')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: 'The rule set in force on a local (Astana) date, or at an instant read as its Astana date' })
  ruleSetInForce(@Query() query: InForceQueryDto) {
    const date = localDateOfQuery(query);
    return this.reference.ruleSetInForce(date, query.at !== undefined ? 'at' : 'date');
  }

  @Get('rule-sets/:code')
  @Roles(...EVERYONE)
  ruleSet(@Param('code') code: string) {
    return this.reference.getRuleSet(code);
  }

  @Post('rule-sets/:code/repeal')
  @Roles('administrator')
  @ApiOperation({ summary: 'Record the repeal of a rule set by another act; its last day in force becomes the day before the repeal takes effect' })
  repealRuleSet(@Param('code') code: string, @Body() dto: RepealDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.reference.repealRuleSet(code, dto, account.displayName);
  }
}
