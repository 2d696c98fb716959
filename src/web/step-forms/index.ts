import type { CaseForm, CommissionForm, OpeningForm } from '../command-forms';
import type { Role } from '../../auth/roles';
import { COMMISSION_CASE_FORMS } from '../commission-forms/case-steps';
import { CASE_SIDE_FORMS, OPENING_SIDE_FORMS } from './case-side';

/** Every form on a case (CommandFormsController serves them at /case/:id/forms/:name). Add new ones here. */
export const CASE_FORMS: CaseForm[] = [...CASE_SIDE_FORMS, ...COMMISSION_CASE_FORMS];

/** Forms that open a case (/cases/new). */
export const OPENING_FORMS: OpeningForm[] = [...OPENING_SIDE_FORMS];

/** Forms on a commission (the commission's helper adds them; served at /commission/:id/forms/:name). */
export const COMMISSION_FORMS: CommissionForm[] = [];

/** The form a case page links for an allowed action (the first form whose command is that action, for the person's role). */
export function formFor(action: string, role?: Role): CaseForm | undefined {
  const forms = CASE_FORMS.filter((f) => f.command.action === action);
  return forms.find((f) => role !== undefined && f.roles?.includes(role)) ?? forms.find((f) => !f.roles);
}
