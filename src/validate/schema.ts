import { TissError } from '../errors.js';
import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { TISS_NS } from '../message/kind.js';
import { entryFor, type SchemaVersion } from '../schemas/manifest.js';
import { storedContentModel } from '../schemas/model-cache.js';
import { schemaSet, type SchemaRoot } from '../schemas/store.js';
import { tables } from '../tables/index.js';
import { libxml2PathOf } from '../xml/libxml2-path.js';
import { libxml2Document, type ReadDocument } from '../xml/read.js';
import type { XNode } from '../xml/tree.js';
import { localPathFrom } from '../xml/xpath.js';
import { schemaFacts } from '../xsd/annotations.js';
import { validateCompiled } from '../xsd/compiled/engine.js';
import { typeNameAt } from '../xsd/content-model.js';
import { reportIssues, reportXsdErrors, type XsdContext } from '../xsd/translate.js';
import { compiledSchemaFor, runXsd } from '../xsd/validator.js';
import { glosaInVersion } from './glosa.js';
import type { XsdEngine } from './options.js';

/**
 * Checks the message against the schema of its version with the engine asked for: the compiled engine, or
 * libxml2 (asked for, or when the compiled engine defers a document it does not model, ds:Signature).
 */
export function runSchema(read: ReadDocument, message: MessageInfo, root: SchemaRoot, version: SchemaVersion, engine: XsdEngine, out: FindingCollector): { version: string; entry: string; engine: XsdEngine } {
  const set = schemaSet(root, version);
  const entry = entryFor(version, message.root);
  if (!entry) throw new TissError(`A versão ${version.id} não declara o elemento ${message.root}.`);
  const context = (): XsdContext => {
    // Reading the XSDs' comments and content model costs tens of ms: only when there is something to explain.
    const model = storedContentModel(root, set);
    return {
      facts: schemaFacts(set),
      typeOf: (node: XNode): string | null => typeNameAt(model, localPathFrom(message.element, node)),
      tableFor: (type: string) => tables.forXsdType(type, root),
      schemaLabel: `${entry} (${version.id})`,
      glosaExists: (code: string) => glosaInVersion(code, version.id),
    };
  };
  if (engine === 'compiled') {
    const result = validateCompiled(storedContentModel(root, set), message.element, TISS_NS);
    if (result.deferred === null) {
      if (result.issues.length > 0) reportIssues(result.issues, context(), out);
      return { version: version.id, entry, engine: 'compiled' };
    }
  }
  const schema = compiledSchemaFor(root, version, message.root);
  const doc = libxml2Document(read, out);
  if (!doc) return { version: version.id, entry, engine: 'libxml2' };
  const path = message.element === read.tree.root ? null : libxml2PathOf(message.element);
  const details = runXsd(schema, doc, path);
  if (details.length > 0) reportXsdErrors(details, read.tree, context(), out);
  return { version: version.id, entry, engine: 'libxml2' };
}
