import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, MANIFEST_PATH } from '../src/schemas/manifest.js';
import { manifestSchema } from '../src/schemas/manifest-schema.js';
import { buildManifest } from '../src/schemas/build-manifest.js';
import { SHARED_SCHEMAS } from './helpers.js';

const sums = (file: string): Map<string, string> =>
  new Map(readFileSync(join(SHARED_SCHEMAS, file), 'utf8').trim().split('\n').map((l) => {
    const [sum, path] = l.split(/\s+/);
    return [path!, sum!];
  }));

describe('schemas/manifest.json', () => {
  it('has the documented shape', () => {
    expect(() => manifestSchema.parse(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')))).not.toThrow();
  });

  it('is what scripts/build-manifest.js makes of the official XSDs beside us (run it when they change)', () => {
    expect(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))).toEqual(buildManifest(SHARED_SCHEMAS));
  });

  it('pins every file by the sha256 after CRLF→LF that the distribution beside us publishes (SHA256SUMS-LF)', () => {
    const lf = sums('SHA256SUMS-LF');
    const files = loadManifest().versions.flatMap((v) => v.files.map((f) => [`${v.id}/${f.name}`, f.sha256LF] as const));
    expect(files.length).toBe(lf.size);
    for (const [path, sum] of files) expect(lf.get(path), path).toBe(sum);
  });

  it('knows every version the issue names, with the versions dm_versao accepts', () => {
    const accepts = Object.fromEntries(loadManifest().versions.map((v) => [v.id, v.accepts]));
    expect(accepts).toEqual({
      '4.00.00': ['4.00.00'],
      '4.00.01': ['4.00.00', '4.00.01'],
      '4.01.00': ['4.00.00', '4.00.01', '4.01.00'],
      '4.03.00': ['4.00.00', '4.00.01', '4.01.00', '4.02.00', '4.03.00'],
      'monitoramento-1.02.00': ['1.02.00'],
      'monitoramento-1.06.00': ['1.06.00', '1.05.00'],
    });
  });

  it('declares as roots exactly the global elements of each entry schema', () => {
    for (const v of loadManifest().versions) {
      for (const e of v.entries) {
        const xsd = readFileSync(join(SHARED_SCHEMAS, v.id, e.schema), 'latin1');
        const globals = [...xsd.matchAll(/^\t<element name="([^"]+)"/gm)].map((m) => m[1]);
        expect([...e.roots].sort()).toEqual(globals.sort());
      }
    }
  });
});
