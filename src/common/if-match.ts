import { DomainError } from './domain-error';

/**
 * The expected version may come in the body (`expectedVersion`) or as `If-Match: "7"`; if both, they must agree.
 */
export function withIfMatch<T extends { expectedVersion?: number }>(dto: T, ifMatch: string | undefined): T {
  if (!ifMatch) return dto;
  const match = ifMatch.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!match) throw DomainError.validation([{ name: 'If-Match', reason: 'must be the case version, e.g. "7"' }]);
  const version = Number(match[1]);
  if (dto.expectedVersion !== undefined && dto.expectedVersion !== version) {
    throw DomainError.validation([{ name: 'If-Match', reason: 'differs from expectedVersion in the body' }]);
  }
  return { ...dto, expectedVersion: version };
}
