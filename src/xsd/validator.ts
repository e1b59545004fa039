import type { ErrorDetail, XmlDocument, XmlElement, XsdValidator } from 'libxml2-wasm';
import { libxml2 } from '../xml/libxml2.js';
import { TissError } from '../errors.js';
import { entryFor, type SchemaVersion } from '../schemas/manifest.js';
import { schemaSet, type LoadedSchemaSet, type SchemaRoot } from '../schemas/store.js';
import { safeParseOptions } from '../xml/parse.js';
import { serveSchemaFiles } from './provider.js';

export interface CompiledSchema {
  version: SchemaVersion;
  entry: string;
  set: LoadedSchemaSet;
  validator: XsdValidator;
}

const compiled = new Map<string, CompiledSchema>();

/** The compiled XSD for a message root, compiled once per process and reused for every file. */
export function compiledSchemaFor(root: SchemaRoot, version: SchemaVersion, messageRoot: string): CompiledSchema {
  const entry = entryFor(version, messageRoot);
  if (!entry) throw new TissError(`A versão ${version.id} não declara o elemento ${messageRoot}.`);
  const key = `${root.dir}|${version.id}|${entry}`;
  const hit = compiled.get(key);
  if (hit) return hit;

  const set = schemaSet(root, version);
  const urlOf = serveSchemaFiles(`${version.id}`, set.files);
  const bytes = set.files.get(entry);
  if (!bytes) throw new TissError(`Esquema de entrada ${entry} ausente em ${set.dir}.`);
  const { XmlDocument, XsdValidator } = libxml2();
  // The schema document stays alive with the validator (libxml2 keeps pointers into it).
  const xsdDoc = XmlDocument.fromBuffer(bytes, { url: urlOf(entry), option: safeParseOptions() });
  let validator: XsdValidator;
  try {
    validator = XsdValidator.fromDoc(xsdDoc);
  } catch (e) {
    const details = (e as { details?: ErrorDetail[] }).details?.map((d) => d.message.trim()).join('; ');
    throw new TissError(`Não foi possível compilar o esquema ${entry} (${version.id}): ${details ?? (e as Error).message}`);
  }
  const result = { version, entry, set, validator };
  compiled.set(key, result);
  return result;
}

/**
 * Validates the document (or, for a message inside a SOAP envelope, just the message element)
 * and returns every error libxml2 reports, in document order. Empty when valid.
 */
export function runXsd(schema: CompiledSchema, doc: XmlDocument, messageXPath: string | null): ErrorDetail[] {
  const { XmlDocument, XmlElement, XmlValidateError } = libxml2();
  let target: XmlDocument | XmlElement = doc;
  if (messageXPath) {
    const el = doc.get(messageXPath);
    if (!(el instanceof XmlElement)) throw new Error(`elemento da mensagem não encontrado: ${messageXPath}`);
    target = el;
  }
  try {
    if (target instanceof XmlDocument) schema.validator.validate(target);
    else schema.validator.validate(target);
    return [];
  } catch (e) {
    if (e instanceof XmlValidateError) return e.details;
    throw e;
  }
}
