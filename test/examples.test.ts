import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, SHARED_SCHEMAS, VALID, tempDir } from './helpers.js';

/**
 * The CI recipes of examples/ run: every `npx tiss …` line they hold is run here as written, with
 * `tiss` from this checkout, the ANS package from ../shared and the valid samples as the lotes.
 */
function tissLines(node: unknown): string[] {
  if (typeof node === 'string') return node.includes('npx tiss ') ? [node] : [];
  if (Array.isArray(node)) return node.flatMap(tissLines);
  if (node && typeof node === 'object') return Object.values(node).flatMap(tissLines);
  return [];
}

describe('examples/', () => {
  for (const [file, outputs] of [
    ['github-actions.yml', ['tiss.sarif']],
    ['gitlab-ci.yml', ['gl-code-quality-report.json', 'junit.xml']],
  ] as const) {
    it(`${file}: its tiss commands run and write their reports`, () => {
      const lines = tissLines(parse(readFileSync(join(ROOT, 'examples', file), 'utf8')));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const cwd = tempDir('tiss-example-');
      for (const line of lines) {
        const command = line
          .replace(/npx tiss /g, `node ${join(ROOT, 'bin', 'tiss.js')} `)
          .replace(/--from \S+/, `--from ${SHARED_SCHEMAS}`)
          .replace(/ lotes\//g, ` ${VALID}`);
        const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...process.env, TISS_HOME: join(cwd, 'home'), TISS_SCHEMAS_DIR: '' } });
        expect(r.status, `${command}\n${r.stderr}`).toBe(0);
      }
      for (const out of outputs) {
        const text = readFileSync(join(cwd, out), 'utf8');
        if (out.endsWith('.xml')) expect(text).toMatch(/^<\?xml[\s\S]*<testsuites /);
        else expect(() => JSON.parse(text)).not.toThrow();
      }
    });
  }
});
