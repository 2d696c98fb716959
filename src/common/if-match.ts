import { DomainError } from './domain-error';

/**
 * The expected version may come in the body (`expectedVersion`) or as `If-Match: "7"`; if both, they must agree.
 */
export function withIfMatch<T extends { expectedVersion?: number }>(dto: T, ifMatch: string | undefined): T {
  if (!ifMatch) return dto;
  const match = ifMatch.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match) throw DomainError.field('If-Match', 'reasons.ifMatchForm');
  const version = Number(match[1]);
  if (dto.expectedVersion !== undefined && dto.expectedVersion !== version) {
    throw DomainError.field('If-Match', 'reasons.ifMatchDiffers');
  }
  return { ...dto, expectedVersion: version };
}
