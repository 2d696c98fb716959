import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_VERSION } from '../../common/validators/bounds';
import { IsIsoInstant } from '../../common/validators/iso-instant';
import { SafeText } from '../../common/validators/safe-text';
import { IsIin } from '../../reference/iin';

export class CommissionCommandDto {
  @ApiPropertyOptional({ description: 'The commission version this command was prepared against' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  expectedVersion?: number;
}

export class CreateCommissionDto {
  @ApiProperty({ enum: ['personnel', 'it'] }) @IsIn(['personnel', 'it']) direction: 'personnel' | 'it';
  @ApiProperty({ example: '2025' }) @Matches(/^[A-Za-z0-9._-]{1,20}$/) cycle: string;
}

export class AddMemberDto extends CommissionCommandDto {
  @ApiProperty({ example: '900102300128' }) @IsIin() iin: string;
  @ApiProperty({ enum: ['chair', 'secretary', 'member'] }) @IsIn(['chair', 'secretary', 'member']) role:
    'chair' | 'secretary' | 'member';
}

export class InviteeDto {
  @ApiPropertyOptional({ description: 'An evaluator’s IIN (required for evaluators, p.103)' })
  @IsOptional()
  @IsIin()
  iin?: string;
  @ApiProperty() @SafeText({ min: 2, max: 300 }) name: string;
  @ApiProperty({ enum: ['agencyRepresentative', 'evaluator'] }) @IsIn(['agencyRepresentative', 'evaluator']) kind:
    'agencyRepresentative' | 'evaluator';
  @ApiPropertyOptional({
    example: 'MZ',
    description: 'A representative’s objecting body (required for representatives, p.103)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: 'bodyCode must be a body code' })
  bodyCode?: string;
}

export class ScheduleMeetingDto extends CommissionCommandDto {
  @ApiProperty({ example: '2025-02-20T15:00:00+05:00' }) @IsIsoInstant() scheduledFor: string;
  @ApiProperty({ type: [InviteeDto], description: 'p.103: representatives of the objecting bodies and the evaluators' })
  @IsArray()
  @ArrayMinSize(1, {
    message: 'invitees: p.103 invites the representatives of the objecting bodies and the evaluators',
  })
  @ArrayMaxSize(200)
  @IsObject({ each: true, message: 'each of invitees must be an object' })
  @ValidateNested({ each: true })
  @Type(() => InviteeDto)
  invitees: InviteeDto[];
}

export class AttendanceDto extends CommissionCommandDto {
  @ApiProperty({ description: 'IINs of the members present' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsIin({ each: true })
  present: string[];
}
