import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGUAGES, Language } from '../../common/i18n';

export const TABLE_FORMATS = ['html', 'pdf', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** How the disagreement table is wanted: a web page, a PDF or a workbook, in Kazakh, Russian or English. */
export class DisagreementTableQueryDto {
  @ApiPropertyOptional({ enum: TABLE_FORMATS, default: 'html' })
  @IsOptional()
  @IsIn(TABLE_FORMATS, { message: `format must be one of: ${TABLE_FORMATS.join(', ')}` })
  format?: TableFormat;

  @ApiPropertyOptional({
    enum: LANGUAGES,
    description: 'Without it, the Accept-Language header decides; Kazakh when it names none of kk, ru, en',
  })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `lang must be one of: ${LANGUAGES.join(', ')}` })
  lang?: Language;
}
