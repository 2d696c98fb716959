import { DomainError, type InvalidParam } from '../common/domain-error';
import { describeScale, scoreWithinScale } from '../reference/acts';
import type { ConclusionItem } from '../workflow-runtime/command';

/**
 * p.104, p.107, p.108: every score — in the conclusion, claimed in an objection, revised by the commission, corrected,
 * revised by the Presidential Administration — lies within the scale of its indicator. Items of workflow v2 carry the
 * scale of the catalogue indicator they cite; a conclusion issued before the catalogue (v1) has only its maximum.
 */
export function scoreProblem(item: ConclusionItem, score: number, field: string, law: string): InvalidParam | null {
  if (item.scale) {
    return scoreWithinScale({ scale: item.scale }, score) ? null : { name: field, reason: `${law}: ${score} is not on the scale of ${item.code}: ${describeScale(item.scale)}` };
  }
  return score >= 0 && score <= item.maxScore ? null : { name: field, reason: `${law}: may not exceed ${item.maxScore}` };
}

/** Refuses, naming each field and the point of the law, when a score lies off its indicator's scale. */
export function requireScoresWithinScale(problems: (InvalidParam | null)[], law: string): void {
  const found = problems.filter((p): p is InvalidParam => p !== null);
  if (found.length) {
    throw new DomainError('validation-failed', found.map((p) => `${p.name}: ${p.reason}`).join('; '), { invalidParams: found, law });
  }
}
