import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/paths';

/** The settings of the procedure a case is pinned to (SPEC §2 "open points … each is a rule-set setting"). */
export interface Rules {
  /** p.98/p.99 */
  objectionWorkingDays: number;
  /** p.102 */
  tableWorkingDays: number;
  /** p.106 */
  resultCalendarDays: number;
  /** p.106 is silent on when its term runs: default from the receipt of the objection. */
  resultTermStartsAt: 'objectionReceipt';
  /** p.108 */
  escalationWorkingDays: number;
  /** p.100/p.101 */
  minCommissionMembers: number;
  /** p.104: the meeting is competent when more than this fraction of members is present. */
  quorumFraction: number;
  maxDocumentsPerObjection: number;
}

export interface RuleSetFile {
  code: string;
  validFrom: string;
  validTo: string | null;
  act: string;
  rules: Rules;
}

export function readRuleSetConfig(dir = join(projectRoot(), 'config', 'rules')): RuleSetFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RuleSetFile);
}
