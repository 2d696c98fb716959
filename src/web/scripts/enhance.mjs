// Progressive enhancement only: every page and form works without this file.
// GOV.UK Frontend's components (error summary focus, password show/hide, …) — its module is imported by
// its hashed name, written in at build time (assets-build.ts).
import { initAll } from '__GOVUK_FRONTEND__';

initAll();

// After a navigation that answers a question on the same page (filters applied, another page of the list, a case
// replayed to a moment, a calendar change saved), the focus goes to the answer, so a screen reader hears it first
// and the keyboard continues from there. The error summary takes the focus itself (GOV.UK Frontend).
const target = document.querySelector('[data-app-focus]');
if (target && !document.querySelector('.govuk-error-summary')) target.focus();
