import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DomainError, invalidParam } from '../../common/domain-error';
import { IsIsoInstant, RestorePlusInOffset } from '../../common/validators/iso-instant';
import { StateQuery } from '../audit.service';
import { PageQueryDto } from '../../common/paging';

export class StateQueryDto {
  @ApiPropertyOptional({ example: 3, description: 'The state right after this event (1 = the case as opened)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,8}$/, { message: 'seq must be a whole number from 1' })
  seq?: string;

  // No example: Swagger UI would send it along with seq's, and exactly one of the two is allowed.
  @ApiPropertyOptional({
    description:
      'The state as the service knew it at this moment: events recorded at or before it (ISO 8601 with offset, e.g. 2025-02-06T12:00:00+05:00); give either seq or at',
  })
  @IsOptional()
  @RestorePlusInOffset()
  @IsIsoInstant()
  at?: string;
}

/** Exactly one of seq and at; the error names both parameters. */
export function stateQueryOf(dto: StateQueryDto): StateQuery {
  const hasSeq = dto.seq !== undefined;
  const hasAt = dto.at !== undefined;
  if (hasSeq === hasAt) {
    const key = hasSeq ? 'refusals.misc.seqOrAtBoth' : 'refusals.misc.seqOrAtNone';
    throw DomainError.validation([invalidParam('seq', key), invalidParam('at', key)]);
  }
  return hasSeq ? { seq: Number(dto.seq) } : { at: dto.at! };
}

export class RefusalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2025-02-01T00:00:00+05:00',
    description: 'Refusals recorded at or after this moment (ISO 8601 with offset)',
  })
  @IsOptional()
  @RestorePlusInOffset()
  @IsIsoInstant()
  since?: string;
}
