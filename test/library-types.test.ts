import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSUMER_TS, CONSUMER_TSCONFIG, ROOT, tempDir } from './helpers.js';

/**
 * The library's declarations (dist/index.d.ts and what it reaches) are self-contained: a strict consumer
 * without skipLibCheck and without @types/node compiles (issue 13). libxml2-wasm's declarations need
 * `lib: esnext.disposable`, so no exported signature may reach them; Node's Buffer is typed so that it is a
 * Buffer with @types/node and a Uint8Array without. The packed package is checked the same way in
 * test/pack.test.ts; this one runs against dist/ (built by `npm test`), in seconds.
 */
describe('library types', () => {
  it('a strict module-nodenext consumer compiles against dist/ with no skipLibCheck and no @types/node', () => {
    const app = tempDir('tiss-types-');
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(ROOT, join(app, 'node_modules', 'tiss'), 'dir');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumidor', private: true, type: 'module' }));
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(CONSUMER_TSCONFIG));
    // Without @types/node, generate().xml is a Uint8Array (Buffer's methods do not type-check)...
    writeFileSync(join(app, 'consumidor.ts'), `${CONSUMER_TS}// @ts-expect-error: no Buffer without @types/node\nexport const same: boolean = generate({}).xml!.equals(new Uint8Array());\n`);
    const tsc = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', app], { encoding: 'utf8' });
    expect(tsc.stdout).toBe('');
    expect(tsc.status).toBe(0);

    // ... and with @types/node, a Buffer (they do).
    writeFileSync(join(app, 'buffer.ts'), "import { generate } from 'tiss';\nexport const same: boolean = generate({}).xml!.equals(new Uint8Array());\n");
    const withNode = { compilerOptions: { ...CONSUMER_TSCONFIG.compilerOptions, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] }, files: ['buffer.ts'] };
    writeFileSync(join(app, 'tsconfig.node.json'), JSON.stringify(withNode));
    const node = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(app, 'tsconfig.node.json')], { encoding: 'utf8' });
    expect(node.stdout).toBe('');
    expect(node.status).toBe(0);
  });
});
