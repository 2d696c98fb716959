/** The law lives in workflows/, the machinery in src/: nothing here imports src/, reads a clock or does I/O. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const all = files(__dirname);
const production = all.filter(
  (f) => !f.endsWith('.spec.ts') && !f.includes(`${join('workflows', 'testing')}`) && !f.endsWith('.fixtures.ts'),
);
const importsOf = (text: string): string[] =>
  [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('workflows purity', () => {
  it('scans the workflow sources, and the detectors catch what they look for', () => {
    expect(production.length).toBeGreaterThan(10);
    expect(importsOf(`import { X } from '../${'src'}/appeals/appeal.entity';`)).toEqual([
      '../src/appeals/appeal.entity',
    ]);
    expect(importsOf(`const fs = require('node:fs');`)).toEqual(['node:fs']);
  });

  it.each(all.map((f) => [relative(__dirname, f), f]))('%s imports nothing from src/', (_name, file) => {
    const bad = importsOf(readFileSync(file, 'utf8')).filter((s) => /(^|\/)src(\/|$)/.test(s) || s.startsWith('@/'));
    expect(bad).toEqual([]);
  });

  it.each(production.map((f) => [relative(__dirname, f), f]))('%s reads no clock, does no I/O', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(text).not.toMatch(/Date\.now\(|new Date\(|performance\.now\(|Math\.random\(/);
    const io = importsOf(text).filter(
      (s) =>
        /^(node:)?(fs|fs\/promises|http|https|net|child_process|crypto|os|path)$/.test(s) ||
        s === 'typeorm' ||
        s.startsWith('@nestjs'),
    );
    expect(io).toEqual([]);
  });
});
