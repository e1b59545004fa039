import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, MANIFEST_PATH } from '../src/schemas/manifest.js';
import { manifestSchema } from '../src/schemas/manifest-schema.js';
import { SHARED_SCHEMAS } from './helpers.js';

describe('schemas/manifest.json', () => {
  it('has the documented shape', () => {
    expect(() => manifestSchema.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')))).not.toThrow();
  });

  it('lists the sha256 the ANS distribution beside us publishes', () => {
    const sums = new Map(readFileSync(join(SHARED_SCHEMAS, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => {
      const [sum, path] = l.split(/\s+/);
      return [path!, sum!];
    }));
    for (const v of loadManifest().versions) for (const f of v.files) expect(sums.get(`${v.sourceDir}/${f.name}`), f.name).toBe(f.sha256);
  });

  it('declares as roots exactly the global elements of each entry schema', () => {
    for (const v of loadManifest().versions) {
      for (const e of v.entries) {
        const xsd = readFileSync(join(SHARED_SCHEMAS, v.sourceDir, e.schema), 'latin1');
        const globals = [...xsd.matchAll(/^\t<element name="([^"]+)"/gm)].map((m) => m[1]);
        expect(e.roots.sort()).toEqual(globals.sort());
      }
    }
  });
});
