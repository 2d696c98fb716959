import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/validators/iso-instant';
import { SafeText } from '../../common/validators/safe-text';

export class I18nTextDto {
  @ApiProperty() @SafeText({ max: 500 }) kk: string;
  @ApiProperty() @SafeText({ max: 500 }) ru: string;
  @ApiProperty() @SafeText({ max: 500 }) en: string;
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
  @IsObject({ message: 'name must be an object: { kk, ru, en }' })
  @ValidateNested()
  @Type(() => I18nTextDto)
  name: I18nTextDto;

  @ApiProperty({ description: 'The act the entry comes from (law, resolution, order with its date)' })
  @SafeText({ min: 5, max: 2000, multiline: true })
  act: string;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() forecast?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() movedFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() transferredFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsIsoDate() transferredTo?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'holiday must be 1–40 letters, digits, dots, dashes or underscores' })
  holiday?: string;
}

/** An administrator's correction of one day of the official calendar (SPEC §3). */
export class CalendarEntryBodyDto extends CalendarEntryFieldsDto {
  @ApiProperty({ description: 'Why the calendar is changed; kept with the new version' })
  @SafeText({ min: 3, max: 2000, multiline: true })
  note: string;
}

export class RemoveEntryQueryDto {
  @ApiProperty({ description: 'Why the entry is removed; kept with the new version' })
  @SafeText({ min: 3, max: 2000, multiline: true })
  note: string;
}

export class CalendarYearEntryDto extends CalendarEntryFieldsDto {
  @ApiProperty() @IsIsoDate() date: string;
}

/** A whole new year of the official calendar (e.g. 2027 once its acts are out). */
export class CalendarYearBodyDto {
  @ApiProperty() @Type(() => Number) @IsInt() @Min(2000) @Max(2099) year: number;
  @ApiProperty() @SafeText({ min: 3, max: 2000, multiline: true }) source: string;

  @ApiProperty({ type: [CalendarYearEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(366, { message: 'entries: a year has at most 366 days' })
  @IsObject({ each: true, message: 'each of entries must be an object' })
  @ValidateNested({ each: true })
  @Type(() => CalendarYearEntryDto)
  entries: CalendarYearEntryDto[];
}
