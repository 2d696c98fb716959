import type { AnyCommand } from '../../workflow-runtime/command';
import { correction } from './correction.command';
import { dispatch } from './dispatch.command';
import { escalationOutcome } from './escalation-outcome.command';
import { escalation } from './escalation.command';
import { noObjection } from './no-objection.command';
import { objection } from './objection.command';
import { openCase } from './open-case.command';
import { rowDecision } from './row-decision.command';
import { signature } from './signature.command';
import { tableSubmission } from './table-submission.command';
import { table } from './table.command';
import { withdrawal } from './withdrawal.command';

/** The commands on appeal cases, in the order of the procedure (SPEC §4, §8). */
export const CASE_COMMANDS = [
  objection,
  noObjection,
  withdrawal,
  table,
  tableSubmission,
  rowDecision,
  signature,
  dispatch,
  correction,
  escalation,
  escalationOutcome,
] as const;

export const CASE_ROUTES: readonly AnyCommand[] = [openCase, ...(CASE_COMMANDS as readonly AnyCommand[])];
