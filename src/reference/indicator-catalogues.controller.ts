import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedAccount, CurrentAccount } from '../auth/authenticated-account';
import { Access } from '../auth/roles';
import { RepealDto } from './dto/act.dto';
import {
  CatalogueInForceQueryDto,
  CatalogueListQueryDto,
  CreateIndicatorCatalogueDto,
} from './dto/indicator-catalogue.dto';
import { IndicatorCatalogueService } from './indicator-catalogue.service';
import { localDateOfQuery } from './in-force-query';
import { ApiAnswer, ApiCreated } from '../common/api-contract';
import { page } from '../common/api-schemas';
import { Created } from '../common/answers';
import { pageOf } from '../common/paging';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('indicator-catalogues')
export class IndicatorCataloguesController {
  constructor(private readonly catalogues: IndicatorCatalogueService) {}

  @Post()
  @Access('reference.write')
  @ApiOperation({
    summary:
      'A new version of a direction’s indicator catalogue, as the act that sets it (no overlap with another version of the direction)',
  })
  @ApiCreated('IndicatorCatalogue')
  @Created((catalogue: { code: string }) => `/api/v1/indicator-catalogues/${encodeURIComponent(catalogue.code)}`)
  create(@Body() dto: CreateIndicatorCatalogueDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.catalogues.create(dto, account.displayName);
  }

  @Get()
  @Access('reference.read')
  @ApiOperation({ summary: 'Every catalogue version with its act, indicators and scales' })
  @ApiAnswer(page('IndicatorCatalogue', 'Catalogue versions'))
  async list(@Query() query: CatalogueListQueryDto) {
    return pageOf(await this.catalogues.list(query.direction), query);
  }

  @Get('in-force')
  @Access('reference.read')
  @ApiOperation({
    summary:
      'The catalogue version of a direction in force on a local (Astana) date, or at an instant read as its Astana date',
  })
  @ApiAnswer('IndicatorCatalogue')
  inForce(@Query() query: CatalogueInForceQueryDto) {
    const date = localDateOfQuery(query);
    return this.catalogues.catalogueInForce(query.direction, date, query.at !== undefined ? 'at' : 'date');
  }

  @Get(':code')
  @Access('reference.read')
  @ApiAnswer('IndicatorCatalogue')
  get(@Param('code') code: string) {
    return this.catalogues.get(code);
  }

  @Post(':code/repeal')
  @Access('reference.write')
  @ApiOperation({
    summary:
      'Record the repeal of a catalogue version by another act; its last day in force becomes the day before the repeal takes effect',
  })
  @ApiAnswer('IndicatorCatalogue', { status: 201 })
  repeal(@Param('code') code: string, @Body() dto: RepealDto, @CurrentAccount() account: AuthenticatedAccount) {
    return this.catalogues.repeal(code, dto, account.displayName);
  }
}
