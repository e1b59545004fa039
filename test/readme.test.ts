import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/findings/catalog.js';
import { ROOT } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('generated tables (codes, rules, terminology tables) are current: run `npm run docs`', async () => {
    const { regenerate } = await import('../src/docs.js');
    expect(regenerate(readme)).toBe(readme);
    const samples = readFileSync(join(ROOT, 'samples', 'README.md'), 'utf8');
    expect(regenerate(samples)).toBe(samples);
  });

  it('documents every finding code, and only those', () => {
    const table = readme.slice(readme.indexOf('## Finding codes'), readme.indexOf('## JSON output'));
    const documented = [...table.matchAll(/^\| `(TISS-[A-Z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(CODES).sort());
  });

  it('gives the test command that .ci/run runs, and a run command on a sample', () => {
    const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    expect(readme).toContain('`npm ci && npm test`');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readme).toMatch(/`npm run tiss -- validate samples\/valid\/[\w-]+\.xml`/);
  });
});
