import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/validators/iso-instant';

export class I18nTextDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) kk: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) ru: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(500) en: string;
}

/** The fields of one day of the official calendar. */
export class CalendarEntryFieldsDto {
  @ApiProperty({ enum: ['dayOff', 'workingDay'] })
  @IsIn(['dayOff', 'workingDay'])
  kind: 'dayOff' | 'workingDay';

  @ApiProperty({ enum: ['holiday', 'religious', 'moved', 'transfer', 'workingWeekend'] })
  @IsIn(['holiday', 'religious', 'moved', 'transfer', 'workingWeekend'])
  category: 'holiday' | 'religious' | 'moved' | 'transfer' | 'workingWeekend';

  @ApiProperty({ type: I18nTextDto })
  @IsDefined({ message: 'name is required: { kk, ru, en }' })
  @ValidateNested()
  @Type(() => I18nTextDto)
  name: I18nTextDto;

  @ApiProperty({ description: 'The act the entry comes from (law, resolution, order with its date)' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  act: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() forecast?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() movedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() transferredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() transferredTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) holiday?: string;
}

/** An administrator's correction of one day of the official calendar (SPEC §3). */
export class CalendarEntryBodyDto extends CalendarEntryFieldsDto {
  @ApiProperty({ description: 'Why the calendar is changed; kept with the new version' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;
}

export class RemoveEntryQueryDto {
  @ApiProperty({ description: 'Why the entry is removed; kept with the new version' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note: string;
}

export class CalendarYearEntryDto extends CalendarEntryFieldsDto {
  @ApiProperty() @IsIsoDate() date: string;
}

/** A whole new year of the official calendar (e.g. 2027 once its acts are out). */
export class CalendarYearBodyDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty() @IsString() @MinLength(3) @MaxLength(2000) source: string;

  @ApiProperty({ type: [CalendarYearEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CalendarYearEntryDto)
  entries: CalendarYearEntryDto[];
}
