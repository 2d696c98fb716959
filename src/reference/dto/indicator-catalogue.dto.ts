import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { I18nTextDto } from '../../calendar/dto/calendar-entry.dto';
import { IsIsoDate } from '../../common/validators/iso-instant';
import { ActDto, InForceQueryDto } from './act.dto';
import { PageQueryDto } from '../../common/paging';

export const DIRECTIONS = ['personnel', 'it'] as const;
export const VERSION_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/;
export const INDICATOR_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Exactly one of: a maximum (whole points 0…max) or the allowed values (e.g. [1, 2, 3, 4, 5] for +1…+5). */
export class ScaleDto {
  @ApiPropertyOptional({ example: 5, description: 'Whole points from 0 to this maximum' })
  @IsOptional()
  @IsInt({ message: 'max must be a whole number' })
  @Min(1)
  @Max(1000)
  max?: number;

  @ApiPropertyOptional({ example: [1, 2, 3, 4, 5], description: 'The allowed values, each once' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'values must each appear once' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { each: true, message: 'values must be numbers with at most 2 decimals' },
  )
  @Min(-1000, { each: true })
  @Max(1000, { each: true })
  values?: number[];
}

export class CatalogueIndicatorDto {
  @ApiProperty({ example: 'HR-1' })
  @Matches(INDICATOR_CODE, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ type: I18nTextDto })
  @IsDefined({ message: 'title is required: { kk, ru, en }' })
  @IsObject({ message: 'title must be an object: { kk, ru, en }' })
  @ValidateNested()
  @Type(() => I18nTextDto)
  title: I18nTextDto;

  @ApiProperty({ type: ScaleDto })
  @IsDefined({ message: 'scale is required: { max } or { values }' })
  @IsObject({ message: 'scale must be an object: { max } or { values }' })
  @ValidateNested()
  @Type(() => ScaleDto)
  scale: ScaleDto;
}

/** A new version of a direction's indicator catalogue, as the act that sets it. */
export class CreateIndicatorCatalogueDto {
  @ApiProperty({ example: 'personnel-v2', description: 'The version’s code, unique' })
  @Matches(VERSION_CODE, { message: 'code must be 1–60 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ enum: DIRECTIONS })
  @IsIn(DIRECTIONS)
  direction: (typeof DIRECTIONS)[number];

  @ApiProperty({ type: ActDto })
  @IsDefined({ message: 'act is required: { title, number, date, adoptedOn? }' })
  @IsObject({ message: 'act must be an object: { title, number, date, adoptedOn? }' })
  @ValidateNested()
  @Type(() => ActDto)
  act: ActDto;

  @ApiProperty({ example: '2017-08-07', description: 'The first day the version applies (local date)' })
  @IsIsoDate()
  inForceFrom: string;

  @ApiPropertyOptional({ description: 'The last day it applies, if the act sets one (local date, inclusive)' })
  @IsOptional()
  @IsIsoDate()
  inForceUntil?: string;

  @ApiProperty({ type: [CatalogueIndicatorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each of indicators must be an object: { code, title, scale }' })
  @ValidateNested({ each: true })
  @Type(() => CatalogueIndicatorDto)
  indicators: CatalogueIndicatorDto[];
}

export class CatalogueListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DIRECTIONS })
  @IsOptional()
  @IsIn(DIRECTIONS)
  direction?: (typeof DIRECTIONS)[number];
}

/** Which version of a direction's catalogue is in force: on a local (Astana) date, or at an instant. */
export class CatalogueInForceQueryDto extends InForceQueryDto {
  @ApiPropertyOptional({ example: '2026-03-02', description: 'A local (Asia/Almaty) date' })
  @IsOptional()
  @IsIsoDate()
  declare date?: string;

  @ApiProperty({ enum: DIRECTIONS, example: 'personnel' })
  @IsIn(DIRECTIONS, { message: `direction must be one of ${DIRECTIONS.join(', ')}` })
  direction: (typeof DIRECTIONS)[number];
}
