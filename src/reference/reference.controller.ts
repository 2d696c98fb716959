import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { ROLES, Roles } from '../auth/roles';
import { CreateBodyDto, CreateCycleDto, CreatePersonDto, CreateRuleSetDto } from './dto/reference.dto';
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
  @ApiOperation({ summary: 'A new version of the procedure settings with the dates it is in force' })
  createRuleSet(@Body() dto: CreateRuleSetDto) {
    return this.reference.createRuleSet(dto);
  }

  @Get('rule-sets')
  @Roles(...EVERYONE)
  ruleSets() {
    return this.reference.listRuleSets();
  }
}
