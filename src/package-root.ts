import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of this package (where package.json, schemas/ and tables/ are), found by walking up from
 * this module: the same answer from `dist/<folder>/<module>.js` and from the bundled CLI
 * (`dist/bundle/`), whatever their depth.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'tiss') return dir;
      } catch {
        // not ours: keep going up
      }
    }
    if (dirname(dir) === dir) throw new Error('package.json do tiss não encontrado');
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
