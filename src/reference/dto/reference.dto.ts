import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
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
import { IsIsoDate } from '../../common/validators/iso-instant';
import { SafeText } from '../../common/validators/safe-text';
import { IsIin } from '../iin';
import { BODY_KINDS, BodyKind } from '../reference.entities';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export class CreateBodyDto {
  @ApiProperty({ example: 'MIN-HEALTH' })
  @Matches(CODE, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code: string;

  @ApiProperty({ example: 'Қазақстан Республикасы Денсаулық сақтау министрлігі' })
  @SafeText({ min: 2, max: 500 })
  nameKk: string;

  @ApiProperty({ example: 'Министерство здравоохранения Республики Казахстан' })
  @SafeText({ min: 2, max: 500 })
  nameRu: string;

  @ApiPropertyOptional() @IsOptional() @SafeText({ max: 500 }) nameEn?: string;

  @ApiProperty({ enum: BODY_KINDS })
  @IsIn(BODY_KINDS)
  kind: BodyKind;
}

export class CreatePersonDto {
  @ApiProperty({ example: '900102300128', description: 'IIN: 12 digits with a valid check digit' })
  @IsIin()
  iin: string;

  @ApiProperty() @SafeText({ min: 2, max: 300 }) fullName: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) bodyCode?: string;
  @ApiPropertyOptional() @IsOptional() @SafeText({ max: 300 }) position?: string;
}

export class CreateCycleDto {
  @ApiProperty({ example: '2025' }) @Matches(/^[A-Za-z0-9._-]{1,20}$/) code: string;
  @ApiProperty({ example: 'Evaluation of 2025' }) @SafeText({ min: 2, max: 300 }) title: string;
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2099) year: number;
}

export class RulesDto {
  @ApiProperty() @IsInt() @Min(1) @Max(60) objectionWorkingDays: number;
  @ApiProperty() @IsInt() @Min(1) @Max(60) tableWorkingDays: number;
  @ApiProperty() @IsInt() @Min(1) @Max(120) resultCalendarDays: number;
  @ApiProperty({
    enum: ['objectionReceipt', 'tableSubmission'],
    description: 'p.106: D3 runs from the receipt of the objection or from the submission of the table',
  })
  @IsIn(['objectionReceipt', 'tableSubmission'])
  resultTermStartsAt: 'objectionReceipt' | 'tableSubmission';
  @ApiProperty() @IsInt() @Min(1) @Max(60) escalationWorkingDays: number;
  @ApiProperty({
    enum: ['laterOfDispatchAndCorrection', 'dispatch'],
    description: 'p.108: D4 runs from the later of the dispatch and the correction owed (p.107), or from the dispatch',
  })
  @IsIn(['laterOfDispatchAndCorrection', 'dispatch'])
  escalationTermStartsAt: 'laterOfDispatchAndCorrection' | 'dispatch';
  @ApiProperty()
  @IsInt()
  @Min(5, { message: 'minCommissionMembers must be at least 5 (p.100)' })
  @Max(100)
  minCommissionMembers: number;
  @ApiProperty() @IsNumber() @Min(0) @Max(0.99) quorumFraction: number;
  @ApiProperty({ description: 'p.104: whether the secretary of the commission votes' })
  @IsBoolean()
  secretaryVotes: boolean;
  @ApiProperty({ description: 'p.105: working days the representative has to sign or refuse after the last decision' })
  @IsInt()
  @Min(1)
  @Max(30)
  signatureWorkingDays: number;
  @ApiProperty({
    description: 'p.98: how many working days before its recording a delivery may be dated (with a delivery record)',
  })
  @IsInt()
  @Min(0)
  @Max(5)
  deliveryBackdatingWorkingDays: number;
  @ApiProperty() @IsInt() @Min(1) @Max(200) maxDocumentsPerObjection: number;
}

export class CreateRuleSetDto {
  @ApiProperty() @Matches(/^[A-Za-z0-9._-]{1,40}$/) code: string;
  @ApiProperty() @IsIsoDate() validFrom: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() validTo?: string;
  @ApiProperty() @SafeText({ min: 5, max: 2000, multiline: true }) act: string;
  @ApiProperty({ type: RulesDto })
  @IsDefined({ message: 'rules is required' })
  @IsObject({ message: 'rules must be an object' })
  @ValidateNested()
  @Type(() => RulesDto)
  rules: RulesDto;
}
