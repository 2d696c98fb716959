import { DomainError, type InvalidParam, invalidParam } from '../common/domain-error';
import type { TextParam } from '../i18n/text';
import { Scale, scoreWithinScale } from '../reference/acts';
import type { ConclusionItem } from '../workflow-runtime/command';

/**
 * p.104, p.107, p.108: every score — in the conclusion, claimed in an objection, revised by the commission, corrected,
 * revised by the Presidential Administration — lies within the scale of its indicator. Items of workflow v2 carry the
 * scale of the catalogue indicator they cite; a conclusion issued before the catalogue (v1) has only its maximum.
 */
export function scoreProblem(item: ConclusionItem, score: number, field: string, law: string): InvalidParam | null {
  if (item.scale) {
    return scoreWithinScale({ scale: item.scale }, score)
      ? null
      : invalidParam(field, 'reasons.notOnScale', {
          score,
          code: item.code,
          scale: scaleText(item.scale),
          law: lawParam(law),
        });
  }
  return score >= 0 && score <= item.maxScore
    ? null
    : invalidParam(field, 'reasons.exceedsMax', { max: item.maxScore, law: lawParam(law) });
}

/** A scale in words: "0…10 (whole points)" or "one of +1, 0, -1". */
function scaleText(scale: Scale): TextParam {
  if ('max' in scale) return { text: 'reasons.scaleMax', params: { max: scale.max } };
  return {
    text: 'reasons.scaleValues',
    params: { values: scale.values.map((v) => (v > 0 ? `+${v}` : String(v))).join(', ') },
  };
}

/** `p.104` as a point of the law in words. */
function lawParam(law: string): TextParam {
  return { point: law.replace(/^p\./, '') };
}

/** Refuses, naming each field and the point of the law, when a score lies off its indicator's scale. */
export function requireScoresWithinScale(problems: (InvalidParam | null)[], law: string): void {
  const found = problems.filter((p): p is InvalidParam => p !== null);
  if (found.length) {
    throw new DomainError('validation-failed', found.map((p) => `${p.name}: ${p.reason}`).join('; '), {
      invalidParams: found,
      law,
    });
  }
}
