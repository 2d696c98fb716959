import type { CaseForm } from '../command-forms';
import { COMMISSION_CASE_FORMS } from '../commission-forms/case-steps';
import { CASE_SIDE_FORMS } from './case-side';

export { openingForm } from './case-side';

/** Every form on a case (CommandFormsController serves them at /case/:id/forms/:name). Add new ones here. */
export const CASE_FORMS: CaseForm[] = [...CASE_SIDE_FORMS, ...COMMISSION_CASE_FORMS];

/** The names of the forms that open a case (/new-case: `openingForm`, built with the reference services). */
export const OPENING_FORM_NAMES = ['conclusion'];

/** Forms on a commission: src/web/commission-forms/commission-steps.ts (CommissionFormsController). */

/** The form a case page links for an allowed action (the first form whose command is that action). */
export function formFor(action: string): CaseForm | undefined {
  return CASE_FORMS.find((f) => f.command.action === action);
}
