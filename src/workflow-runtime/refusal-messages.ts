import type { Refusal } from '../../workflows';
import { MessageKey, hasKey } from '../i18n/catalogue';
import { Text, TextParam, renderText } from '../i18n/text';

/**
 * What a refusal of the workflows says, as a text of the catalogue (issue 11): the action in words (never the
 * machine's event name), the rule in words and its point of the law. The texts are `refusals.guards.<guard>`
 * (one per named guard of workflows/), `refusals.whatFirst.<EVENT_TYPE>` (what must happen first) and
 * `refusals.actions.<EVENT_TYPE>` (the action), with the event's dots written as underscores.
 */
export function refusalText(eventType: string, refusal: Refusal): Text {
  const event = eventType.replace(/\./g, '_');
  const actionKey = `refusals.actions.${event}`;
  const action: TextParam = { text: hasKey(actionKey) ? actionKey : 'refusals.actions.unknown' };
  if (refusal.type === 'final-at-authority' && refusal.guard !== 'appealAvailable')
    return { key: 'refusals.finalAtAuthority' };
  const guardKey = refusal.guard ? `refusals.guards.${refusal.guard}` : '';
  if (refusal.guard && hasKey(guardKey)) {
    // The point of the law is the machine's rule's (p.100 or p.101 by direction), added unless the text names it.
    const points = [...(refusal.law ?? '').matchAll(/p\.\s?(\d+)/g)].map((m) => m[1]);
    const named = points.every((n) => renderText('en', { key: guardKey }).includes(`point ${n}`));
    if (points.length === 0 || named) return { key: 'refusals.guard', params: { action, reason: { text: guardKey } } };
    return {
      key: 'refusals.guardWithLaw',
      params: { action, reason: { text: guardKey }, law: { point: points.join(', ') } },
    };
  }
  const firstKey = `refusals.whatFirst.${event}`;
  const first: TextParam | undefined = hasKey(firstKey) ? { text: firstKey } : undefined;
  if (refusal.type === 'invalid-transition' || !first) {
    const stage = stageText(refusal.stage);
    if (stage && first) return { key: 'refusals.notAtStage', params: { action, stage, first } };
    if (first) return { key: 'refusals.notNowFirst', params: { action, first } };
    if (refusal.type === 'invalid-transition') return { key: 'refusals.notNow', params: { action } };
  }
  // A refusal with no text of its own: the action and the problem type's general detail, in words.
  return {
    key: 'refusals.other',
    params: { action, reason: { text: `problems.${refusal.type}.detail` as MessageKey } },
  };
}

/** A stage of the case or the commission in words («Қарсылық қабылданды» / «Возражение получено»). */
export function stageText(stage: string | undefined): TextParam | undefined {
  if (!stage) return undefined;
  for (const key of [`caseStates.${stage}`, `commissionStates.${stage}`]) if (hasKey(key)) return { text: key };
  return undefined;
}
