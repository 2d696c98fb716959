import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_LIST_OFFSET, QueryInteger } from './validators/bounds';

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

/** The paging parameters of every list (issue 11 item 3): the same names, bounds and defaults everywhere. */
export class PageQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
    description: 'How many items at most',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(MAX_PAGE_LIMIT, { message: `limit must be at most ${MAX_PAGE_LIMIT}` })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_LIST_OFFSET, default: 0, description: 'How many items to skip' })
  @IsOptional()
  @QueryInteger()
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be at least 0' })
  @Max(MAX_LIST_OFFSET, { message: `offset must be at most ${MAX_LIST_OFFSET}` })
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageParams(query: PageQueryDto = {}): { limit: number; offset: number } {
  return { limit: query.limit ?? DEFAULT_PAGE_LIMIT, offset: query.offset ?? 0 };
}

/** One page of a list held whole (short lists: bodies, people, versions): the same shape as a list paged in SQL. */
export function pageOf<T>(all: readonly T[], query: PageQueryDto = {}): Page<T> {
  const { limit, offset } = pageParams(query);
  return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
}
