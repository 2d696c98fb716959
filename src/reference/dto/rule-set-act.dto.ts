import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, Matches, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../common/validators/iso-instant';
import { ActDto } from './act.dto';
import { RulesDto } from './reference.dto';

/** A new version of the procedure settings, as the act that sets it (issue 13). */
export class CreateRuleSetActDto {
  @ApiProperty({ example: 'methodology-ch7-v2' })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ type: ActDto })
  @IsDefined({ message: 'act is required: { title, number, date, adoptedOn? }' })
  @ValidateNested()
  @Type(() => ActDto)
  act: ActDto;

  @ApiProperty({ example: '2026-01-01', description: 'The first day the version applies (local date)' })
  @IsIsoDate()
  inForceFrom: string;

  @ApiPropertyOptional({ description: 'The last day it applies, if the act sets one (local date, inclusive)' })
  @IsOptional()
  @IsIsoDate()
  inForceUntil?: string;

  @ApiProperty({ type: RulesDto })
  @IsDefined({ message: 'rules is required' })
  @ValidateNested()
  @Type(() => RulesDto)
  rules: RulesDto;
}
