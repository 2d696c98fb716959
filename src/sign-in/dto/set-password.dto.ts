import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/paging';

export class SetPasswordDto {
  @ApiPropertyOptional({
    example: 'aigerim.sadykova',
    description:
      'The user name to sign in with (3–64 of a–z, 0–9, ".", "_", "-"; case does not matter). Required the first time.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  userName?: string;

  @ApiProperty({
    example: 'көктем-алма-ағашы-7',
    description:
      'A one-time password: the person must choose their own at the next sign-in. At least 12 characters, not the user name, not a common password.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password: string;
}

export class SignInAttemptsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the attempts with this user name (as typed, case-insensitive)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'userName must be a user name: 1–64 letters a–z, digits, ".", "_" or "-"',
  })
  userName?: string;
}
