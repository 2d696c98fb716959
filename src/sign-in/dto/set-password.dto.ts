import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_LIST_OFFSET, QueryInteger } from '../../common/validators/bounds';

export class SetPasswordDto {
  @ApiPropertyOptional({
    example: 'aigerim.sadykova',
    description: 'The user name to sign in with (3–64 of a–z, 0–9, ".", "_", "-"; case does not matter). Required the first time.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  userName?: string;

  @ApiProperty({
    example: 'көктем-алма-ағашы-7',
    description: 'A one-time password: the person must choose their own at the next sign-in. At least 12 characters, not the user name, not a common password.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}

export class SignInAttemptsQueryDto {
  @ApiPropertyOptional({ description: 'Only the attempts with this user name (as typed, case-insensitive)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'userName must be a user name: 1–64 letters a–z, digits, ".", "_" or "-"' })
  userName?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_LIST_OFFSET, default: 0 })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be at least 0' })
  @Max(MAX_LIST_OFFSET, { message: `offset must be at most ${MAX_LIST_OFFSET}` })
  offset?: number;
}
