import type { AnyCommand } from '../../workflow-runtime/command';
import { attendance } from './attendance.command';
import { constitution } from './constitution.command';
import { dissolution } from './dissolution.command';
import { meeting } from './meeting.command';
import { memberAdd } from './member-add.command';
import { memberRemove } from './member-remove.command';
import { openCommission } from './open-commission.command';

/** The commands of the special commission (p.100–p.104). */
export const COMMISSION_ROUTES: readonly AnyCommand[] = [
  openCommission,
  memberAdd,
  memberRemove,
  constitution,
  dissolution,
  meeting,
  attendance,
];
