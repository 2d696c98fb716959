import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDate, IsIsoInstant, RestorePlusInOffset } from '../../common/validators/iso-instant';

const ACT_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} ./\-–]{0,59}$/u;

/** The act a version comes from: its title, number and date as fields (issue 13: "not free text"). */
export class ActDto {
  @ApiProperty({
    example: 'Resolution of the Akimat of Almaty region "On amendments to resolution No. 97 of 3 March 2017"',
  })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  title: string;

  @ApiProperty({
    example: '266',
    description: 'The act’s number as written on it (letters, digits, "/", "-", e.g. 32/НҚ)',
  })
  @IsString()
  @Matches(ACT_NUMBER, { message: 'number must be the act’s number: 1–60 letters, digits, spaces, ".", "/" or "-"' })
  number: string;

  @ApiProperty({ example: '2017-06-27', description: 'The date the act bears' })
  @IsIsoDate()
  date: string;

  @ApiPropertyOptional({ example: '2017-06-27', description: 'The day it was adopted, if known beside its date' })
  @IsOptional()
  @IsIsoDate()
  adoptedOn?: string;
}

/** The repealing act: its number and date. */
export class RepealingActDto {
  @ApiProperty({ example: '106' })
  @IsString()
  @Matches(ACT_NUMBER, { message: 'number must be the act’s number: 1–60 letters, digits, spaces, ".", "/" or "-"' })
  number: string;

  @ApiProperty({ example: '2018-03-06' })
  @IsIsoDate()
  date: string;
}

/** A repeal: the repealing act and the day the repeal takes effect (the version's last day in force is the day before). */
export class RepealDto {
  @ApiProperty({ type: RepealingActDto })
  @IsDefined({ message: 'act is required: { number, date } of the repealing act' })
  @ValidateNested()
  @Type(() => RepealingActDto)
  act: RepealingActDto;

  @ApiProperty({ example: '2018-03-27', description: 'The first day the version is no longer in force (local date)' })
  @IsIsoDate()
  effectiveFrom: string;
}

/** Which version is in force: on a local (Astana) date, or at an instant (read as its Astana date). */
export class InForceQueryDto {
  @ApiPropertyOptional({ example: '2018-03-16', description: 'A local (Asia/Almaty) date' })
  @IsOptional()
  @IsIsoDate()
  date?: string;

  @ApiPropertyOptional({
    description:
      'An instant (e.g. 2018-03-15T20:00:00Z); its Astana date decides. Give either date or at (no example, so the two are not sent together)',
  })
  @IsOptional()
  @RestorePlusInOffset()
  @IsIsoInstant()
  at?: string;
}
