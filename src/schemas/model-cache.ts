import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builderSource, contentModel, type ContentModel } from '../xsd/content-model.js';
import { repairsSource } from './repairs.js';
import { MODEL_FORMAT, modelFromJson, modelToJson, type ModelJson } from '../xsd/model-json.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { VERSION } from '../version.js';
import type { LoadedSchemaSet, SchemaRoot } from './store.js';

/**
 * The schema model of an installed version, kept in the store beside its XSDs (`tiss-model.json`): written
 * by `tiss schemas install`, and again the first time a version is used if it is missing or stale. It is
 * keyed by the sha256 of every XSD of the version, the model format and this package's version, so a
 * changed XSD or a new release of the model builder never reads an old one. Reading the XSDs into the
 * model costs 13–28 ms per process and per worker; loading it from here, ~2 ms. Only the store is
 * written to: a folder given with --schemas or TISS_SCHEMAS_DIR (../shared in the tests) is never touched.
 */
export const MODEL_FILE = 'tiss-model.json';

interface CachedModel {
  key: string;
  model: ModelJson;
}

const memo = new WeakMap<LoadedSchemaSet, ContentModel>();

export function modelKey(set: LoadedSchemaSet): string {
  const h = createHash('sha256');
  h.update(`tiss ${VERSION} model ${MODEL_FORMAT}\n${builderSource()}\n${modelToJson.toString()}\n${modelFromJson.toString()}\n${repairsSource()}\n`);
  for (const f of set.version.files) h.update(`${f.name} ${f.sha256LF}\n`);
  return h.digest('hex');
}

/** The model of `set`: from the store's cache when it is current, else read from the XSDs (and cached, in the store). */
export function storedContentModel(root: SchemaRoot, set: LoadedSchemaSet): ContentModel {
  const hit = memo.get(set);
  if (hit) return hit;
  let model: ContentModel | null = null;
  if (root.origin === 'store') {
    const key = modelKey(set);
    const path = join(set.dir, MODEL_FILE);
    model = readCached(path, key);
    if (!model) {
      model = contentModel(set);
      writeCached(path, key, model);
    }
  }
  model ??= contentModel(set);
  memo.set(set, model);
  return model;
}

function readCached(path: string, key: string): ContentModel | null {
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as CachedModel;
    return cached.key === key ? modelFromJson(cached.model) : null;
  } catch {
    // Missing, unreadable or from another format: read the XSDs again.
    return null;
  }
}

/** Best effort: a store that cannot be written (read-only, full) only costs the next process the XSD reading. */
function writeCached(path: string, key: string, model: ContentModel): void {
  try {
    const data: CachedModel = { key, model: modelToJson(model) };
    writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(data)));
  } catch {
    // see above
  }
}
