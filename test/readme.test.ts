import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/findings/catalog.js';
import { ROOT, tempDir } from './helpers.js';

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
    expect(readme).toMatch(/`npm run -s tiss -- validate samples\/valid\/[\w-]+\.xml`/);
  });

  it('the run commands, as written, print only what tiss writes: no npm banner in a redirect (issue 13, item 4)', () => {
    const row = readme.split('\n').find((l) => l.startsWith('| run |'))!;
    const commands = [...row.matchAll(/`(npm run [^`]+)`/g)].map((m) => m[1]!);
    expect(commands).toHaveLength(2);
    const dir = tempDir('tiss-readme-run-');
    try {
      for (const command of commands) {
        // Samples are read from the project; the redirect's file is written into the temp folder.
        const r = spawnSync('sh', ['-c', `cd ${ROOT} && ${command.replace('> lote.xml', `> ${join(dir, 'lote.xml')}`)}`], { encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stderr).toBe(0);
        if (command.includes('> lote.xml')) {
          expect(r.stdout).toBe('');
          expect(readFileSync(join(dir, 'lote.xml'), 'latin1')).toMatch(/^<\?xml version="1\.0" encoding="ISO-8859-1"\?>\n<ans:mensagemTISS /);
        } else {
          expect(r.stdout).toMatch(/^✔ samples\/valid\/lote-sp-sadt\.xml /);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the install section builds: nothing builds on install (no prepare script), the build is on prepack and pretest', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.prepare).toBeUndefined();
    expect(scripts.prepack).toBe('npm run build');
    expect(scripts.pretest).toMatch(/^npm run build\b/);
    expect(scripts.pretiss).toMatch(/^node scripts\/ensure-build\.js\b/);
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Versions'));
    expect(install).toContain('npm ci && npm run build ');
    expect(install).not.toContain('prepare');
  });
});
