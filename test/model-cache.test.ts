import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/schemas/manifest.js';
import { MODEL_FILE, modelKey, storedContentModel } from '../src/schemas/model-cache.js';
import { installSchemas, loadSchemaSet, type SchemaRoot } from '../src/schemas/store.js';
import { contentModel } from '../src/xsd/content-model.js';
import { modelFromJson, modelToJson } from '../src/xsd/model-json.js';
import { validate } from '../src/validate/index.js';
import { SHARED_SCHEMAS, VALID, tempDir } from './helpers.js';

/**
 * The schema model is read from the XSDs once per installed version and kept in the store (issue 11:
 * "compile each installed schema version once, at install time, cached beside the XSDs, keyed by their
 * sha256, rebuilt when missing or stale"). A process then loads it instead of reading the XSDs.
 */
const versions = loadManifest().versions;

describe('schema model cache', () => {
  it('the model survives JSON unchanged, for every version', () => {
    const root: SchemaRoot = { dir: SHARED_SCHEMAS, origin: '--schemas' };
    for (const v of versions) {
      const built = contentModel(loadSchemaSet(root, v));
      const json = modelToJson(built);
      expect(json.decls.length, v.id).toBeGreaterThan(100);
      expect(modelToJson(modelFromJson(JSON.parse(JSON.stringify(json)))), v.id).toEqual(json);
    }
  });

  it('install writes it beside the XSDs; a run loads it; a stale one is rebuilt; a folder given with --schemas is never written', () => {
    const store = tempDir('tiss-model-');
    installSchemas(SHARED_SCHEMAS, store);
    const root: SchemaRoot = { dir: store, origin: 'store' };
    const v = versions.find((x) => x.id === '4.00.00')!;
    const file = join(store, v.id, MODEL_FILE);
    expect(existsSync(file)).toBe(true);
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    const set = loadSchemaSet(root, v);
    expect(cached.key).toBe(modelKey(set));

    // Stale (another key): rebuilt from the XSDs and written again, with the right key.
    writeFileSync(file, JSON.stringify({ ...cached, key: 'outra' }));
    const rebuilt = storedContentModel(root, loadSchemaSet(root, v));
    expect(rebuilt.element('mensagemTISS')).toBeDefined();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { key: string }).key).toBe(modelKey(set));

    // Broken: the same.
    writeFileSync(file, '{');
    expect(storedContentModel(root, loadSchemaSet(root, v)).element('mensagemTISS')).toBeDefined();
    expect((JSON.parse(readFileSync(file, 'utf8')) as { key: string }).key).toBe(modelKey(set));

    // A folder that is not the store: read, never written.
    const shared: SchemaRoot = { dir: SHARED_SCHEMAS, origin: '--schemas' };
    storedContentModel(shared, loadSchemaSet(shared, v));
    expect(existsSync(join(SHARED_SCHEMAS, v.id, MODEL_FILE))).toBe(false);

    // What a run loads from the cache is the model the XSDs give (the suite and the engine differential
    // run on the default store, so on the cached model, whenever it is there).
    const loaded = storedContentModel(root, loadSchemaSet(root, v));
    expect(modelToJson(loaded)).toEqual(modelToJson(contentModel(loadSchemaSet(root, v))));
    const bytes = readFileSync(join(VALID, 'lote-sp-sadt.xml'));
    expect(validate(bytes, { schemas: store }).valid).toBe(true);
  });
});
