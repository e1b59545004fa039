import { TissError } from '../errors.js';
import { loadManifest } from '../schemas/manifest.js';
import { resolveSchemaRoot } from '../schemas/store.js';
import { contentModel, type ContentModel } from '../xsd/content-model.js';
import { schemaSet } from '../xsd/validator.js';

/** The content model of TISS 4.00.00 from the installed schemas (`schemas`: a schema folder, as --schemas). */
export function tissModel(schemas?: string): ContentModel {
  const version = loadManifest().versions.find((v) => v.id === '4.00.00');
  if (!version) throw new TissError('Manifesto sem a versão 4.00.00.');
  return contentModel(schemaSet(resolveSchemaRoot(schemas), version));
}
