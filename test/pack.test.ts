import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { CONSUMER_TS, CONSUMER_TSCONFIG, ROOT, SHARED_SCHEMAS, VALID, tempDir } from './helpers.js';

/**
 * The package as a user gets it (issue 13): `npm pack`, installed from the tarball into a fresh project,
 * then the CLI and a TypeScript consumer (module nodenext, strict, no skipLibCheck, the async API too) used there. The tarball is packed from
 * the dist/ that `npm test` built (--ignore-scripts: rebuilding here would race the other test files).
 * Dependencies come from the
 * npm registry (or npm's cache), as for any user.
 */
describe('the packed package', () => {
  it('installs from its tarball; npx tiss --version and validate work; an ESM TypeScript consumer compiles, a CommonJS one gets a compile-time error', () => {
    const out = tempDir('tiss-pack-');
    const pack = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'))!;
    const listing = spawnSync('tar', ['-tzf', join(out, tgz)], { encoding: 'utf8' }).stdout;
    expect(listing).toMatch(/package\/LICENSE/);
    expect(listing).toMatch(/package\/dist\/bundle\/tiss\.js/);
    expect(listing).not.toMatch(/\.map$/m);

    const app = tempDir('tiss-consumer-');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumidor', private: true, type: 'module' }));
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(out, tgz)], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/install-scripts|prepare/);

    const env = { ...process.env, TISS_HOME: join(app, 'home'), TISS_SCHEMAS_DIR: '' };
    const npx = (args: string[]) => spawnSync('npx', ['--no-install', 'tiss', ...args], { cwd: app, encoding: 'utf8', env });
    expect(npx(['--version']).stdout.trim()).toBe(VERSION);
    expect(npx(['schemas', 'install', '--from', SHARED_SCHEMAS]).status).toBe(0);
    const v = npx(['validate', join(VALID, 'lote-consulta.xml')]);
    expect(v.status, v.stderr).toBe(0);

    // No skipLibCheck: the library's declarations stand alone (test/library-types.test.ts), the async API included.
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    writeFileSync(join(app, 'consumidor.ts'), CONSUMER_TS);
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const esm = spawnSync(tsc, ['-p', app], { encoding: 'utf8' });
    expect(esm.status, esm.stdout).toBe(0);

    writeFileSync(join(app, 'tsconfig.cjs.json'), JSON.stringify({ ...CONSUMER_TSCONFIG, files: ['consumidor.cts'] }));
    writeFileSync(join(app, 'consumidor.cts'), "import { validate } from 'tiss';\nexport const f = validate;\n");
    const cjs = spawnSync(tsc, ['-p', join(app, 'tsconfig.cjs.json')], { encoding: 'utf8' });
    expect(cjs.status).not.toBe(0);
    expect(cjs.stdout).toMatch(/TS1479|TS2307|TS1541|ECMAScript module/);
  }, 300_000);
});
