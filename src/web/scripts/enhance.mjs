// Progressive enhancement only: every page and form works without this file.
// GOV.UK Frontend's components (error summary focus, password show/hide, …) — its module is imported by
// its hashed name, written in at build time (assets-build.ts).
import { initAll } from '__GOVUK_FRONTEND__';

initAll();
