/**
 * Writes the Mermaid diagrams of the workflows to docs/workflows/. Run: `npm run diagrams`.
 * workflows/diagram.spec.ts fails when a committed page differs from the machines.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DIAGRAM_PAGES, renderDiagramPage } from '../workflows/diagram.pages';

const root = join(__dirname, '..');
for (const page of DIAGRAM_PAGES) {
  const file = join(root, page.file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderDiagramPage(page));
  process.stdout.write(`wrote ${page.file}\n`);
}
