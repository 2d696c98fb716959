import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, createMachine, not, or } from 'xstate';
import { DIAGRAM_PAGES, renderDiagramPage } from './diagram.pages';
import { guardLabel, toMermaid } from './diagram';
import { appealCaseMachineV1 } from './appeal-case/appeal-case.machine.v1';

describe(toMermaid.name, () => {
  it.each(DIAGRAM_PAGES.map((p) => [p.file, p] as const))('%s is up to date', (file, page) => {
    const committed = readFileSync(join(__dirname, '..', file), 'utf8');
    const fresh = renderDiagramPage(page);
    if (committed !== fresh) throw new Error(`${file} differs from the machine: run \`npm run diagrams\``);
  });

  it('names guards on the edges and draws nested targets on their composite', () => {
    const text = toMermaid(appealCaseMachineV1);
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain(
      'issued --> objectionReceived : OBJECTION.FILE [beforeObjectionDeadline && hasDisputedItems && hasSupportingDocuments && objectionDeadlinesGiven]',
    );
    expect(text).toContain(
      'dispatch --> postDispatch : RESULTS.DISPATCH [escalationDeadlineGiven && anyRowAgreed] → correction.owed',
    );
    expect(text).toContain('postDispatch --> closed : done');
    expect(text).toContain('DEADLINES.RECOMPUTED [deadlinesGiven]');
    expect(text).not.toContain('issued --> issued');
  });

  it('renders combinators and parallel regions', () => {
    expect(guardLabel(and(['a', not('b')]) as never)).toBe('a && !b');
    expect(guardLabel(or(['a', 'b']) as never)).toBe('a || b');
    expect(guardLabel({ type: 'named' })).toBe('named');
    const m = createMachine({
      id: 'm',
      type: 'parallel',
      states: {
        a: { initial: 'x', states: { x: { on: { GO: 'y' } }, y: {} } },
        b: { initial: 'z', states: { z: { type: 'final' } } },
      },
    });
    expect(toMermaid(m)).toBe(
      [
        'stateDiagram-v2',
        '  state a {',
        '    [*] --> x',
        '    x --> y : GO',
        '  }',
        '  --',
        '  state b {',
        '    [*] --> z',
        '    z --> [*]',
        '  }',
        '',
      ].join('\n'),
    );
  });
});
