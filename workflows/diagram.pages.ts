/** Which diagrams are committed under `docs/workflows/`, and what each page says. */
import type { AnyStateMachine } from 'xstate';
import { appealCaseMachineV1 } from './appeal-case/appeal-case.machine.v1';
import { appealCaseMachineV2 } from './appeal-case/appeal-case.machine.v2';
import { diagramPage } from './diagram';
import { specialCommissionMachineV1 } from './special-commission/special-commission.machine.v1';
import { specialCommissionMachineV2 } from './special-commission/special-commission.machine.v2';

export interface DiagramPage {
  /** Path relative to the repository root. */
  file: string;
  title: string;
  sentence: string;
  machine: AnyStateMachine;
}

export const DIAGRAM_PAGES: readonly DiagramPage[] = [
  {
    file: 'docs/workflows/appeal-case.v1.md',
    title: 'Appeal case workflow, version 1',
    sentence:
      'One appeal case per conclusion (methodology points 98–108, SPEC §4); edges show events and the named guards that admit them.',
    machine: appealCaseMachineV1,
  },
  {
    file: 'docs/workflows/special-commission.v1.md',
    title: 'Special commission workflow, version 1',
    sentence:
      'One special commission per authority, direction and cycle (methodology points 100, 101, 103, 104, SPEC §4); edges show events and guards.',
    machine: specialCommissionMachineV1,
  },
  {
    file: 'docs/workflows/appeal-case.v2.md',
    title: 'Appeal case workflow, version 2',
    sentence:
      'One appeal case per conclusion (methodology points 91–108, SPEC §2, §4; issue 13 "the law, exactly"): withdrawal inside D1, meetings held and attended, signed tables, D4 after the correction, p.91 and the transmission on closing; edges show events and the named guards that admit them.',
    machine: appealCaseMachineV2,
  },
  {
    file: 'docs/workflows/special-commission.v2.md',
    title: 'Special commission workflow, version 2',
    sentence:
      'One special commission per authority, direction and cycle (methodology points 100, 101, 103, 104, SPEC §4; issue 13): meetings within the cycle, attendance once begun; edges show events and guards.',
    machine: specialCommissionMachineV2,
  },
];

export function renderDiagramPage(page: DiagramPage): string {
  return diagramPage(page.title, page.sentence, page.machine);
}
