import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsIsoInstant } from '../../common/validators/iso-instant';
import { SafeText } from '../../common/validators/safe-text';
import { IsIin } from '../../reference/iin';
import { ROLES, Role } from '../roles';

export class CreateAccountDto {
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiProperty() @SafeText({ min: 2, max: 300 }) displayName: string;
  @ApiPropertyOptional({
    description: 'The person (IIN) the account belongs to; needed for commission chairs and secretaries',
  })
  @IsOptional()
  @IsIin()
  personIin?: string;
  @ApiPropertyOptional({ description: 'For agency representatives: the body they represent' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  bodyCode?: string;
  @ApiPropertyOptional({ description: 'For authority staff: the evaluating authority they work for' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/)
  authorityCode?: string;
}

export class AccountChangeDto {
  @ApiProperty({ description: 'Why (recorded in the account’s audited history)' })
  @SafeText({ min: 3, max: 1000 })
  reason: string;
}

export class RotateTokenDto extends AccountChangeDto {
  @ApiPropertyOptional({
    description: 'The new token stops working at this instant (ISO 8601 with offset); none: it does not expire',
  })
  @IsOptional()
  @IsIsoInstant()
  expiresAt?: string;
}
