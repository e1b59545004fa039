import { TissError } from '../errors.js';
import type { SchemaVersion } from '../schemas/manifest.js';
import { acceptedBy, selectSchema } from '../schemas/select.js';
import { installedVersions, resolveSchemaRoot, schemaSet } from '../schemas/store.js';
import type { ContentModel } from '../xsd/content-model.js';
import { storedContentModel } from '../schemas/model-cache.js';

/** The TISS version generate and parse fall back on when the input does not say (the reference one). */
export const DEFAULT_PADRAO = '4.00.00';

export interface VersionModel {
  model: ContentModel;
  /** The schema set whose content model it is (4.03.00 for a declared 4.02.00). */
  version: SchemaVersion;
}

/**
 * The content model a mensagemTISS of `declared` version is built and read with, chosen as validate
 * chooses its XSD: the version's own schema, or the nearest newer installed one that accepts it (4.02.00
 * → 4.03.00). A string when no schema accepts the version (the caller reports it); a TissError when
 * one would but none is installed.
 */
export function tissModelFor(declared: string, schemas?: string): VersionModel | string {
  const { root, candidates, choice } = selectSchema('mensagemTISS', declared, schemas);
  if (choice.kind === 'own' || choice.kind === 'nearest') return { model: storedContentModel(root, schemaSet(root, choice.version)), version: choice.version };
  return `a versão "${declared}" não é aceita por nenhum esquema do padrão TISS (versões aceitas: ${acceptedBy(candidates).join(', ')})`;
}

/** The content model of one TISS version (default: the reference 4.00.00). */
export function tissModel(schemas?: string, version = DEFAULT_PADRAO): ContentModel {
  const found = tissModelFor(version, schemas);
  if (typeof found === 'string') throw new TissError(`Não há modelo para a versão ${version}: ${found}.`);
  return found.model;
}

/** The other installed TISS versions' content models, for "this field exists in version X". */
export function otherTissModels(than: SchemaVersion, schemas?: string): VersionModel[] {
  const root = resolveSchemaRoot(schemas);
  return installedVersions(root)
    .filter((v) => v.standard === 'TISS' && v.id !== than.id)
    .map((v) => ({ model: storedContentModel(root, schemaSet(root, v)), version: v }));
}
