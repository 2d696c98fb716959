import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { LANGUAGES, Language } from '../../common/i18n';
import { PageQueryDto } from '../../common/paging';

export const REGISTER_FORMATS = ['json', 'xlsx'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

/** The register of transmitted final conclusions of one cycle and direction (p.92, p.94, p.96). */
export class RegisterQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2025' })
  @Matches(/^[A-Za-z0-9._-]{1,20}$/, { message: 'cycle must be a cycle code' })
  cycle: string;

  @ApiProperty({ enum: ['personnel', 'it'], example: 'personnel' })
  @IsIn(['personnel', 'it'], { message: 'direction must be personnel or it' })
  direction: 'personnel' | 'it';

  @ApiPropertyOptional({ enum: REGISTER_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REGISTER_FORMATS, { message: `format must be one of: ${REGISTER_FORMATS.join(', ')}` })
  format?: RegisterFormat;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description: 'For the workbook: without it, Accept-Language decides; Kazakh when it names none',
  })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `lang must be one of: ${LANGUAGES.join(', ')}` })
  lang?: Language;
}
