import { TissError } from '../errors.js';
import { describeIoError } from '../io/errors.js';
import { FindingCollector, sortFindings } from '../findings/collector.js';
import { checkHash } from '../hash/check.js';
import { identifyMessage } from '../message/kind.js';
import { reportFieldText } from '../message/text-encoding.js';
import { forgetGuias, guiaNumberOf } from '../message/where.js';
import { upperCaseHash } from '../schemas/manifest.js';
import { readDocument, DEFAULT_MAX_SIZE, reportTooLarge } from '../xml/read.js';
import { readFileBounded } from '../io/bounded-read.js';
import { DEFAULT_MAX_MEMORY } from '../xml/budget.js';
import { checkFields } from '../config/fields.js';
import { resolveProfile } from '../config/load.js';
import { runRules } from '../rules/engine.js';
import type { XNode, XTree } from '../xml/tree.js';
import { encodeXmlString } from '../xml/xml-string.js';
import { xpathOf } from '../xml/xpath.js';
import { Libxml2NotLoaded } from '../xml/libxml2.js';
import { defaultEngine, type ValidateOptions } from './options.js';
import { resultOf, summarize, type ResultParts, type ValidationResult } from './result.js';
import { glosaInVersion } from './glosa.js';
import { runSchema } from './schema.js';
import { resolveVersion } from './version.js';
import { defaultTabelasDir, loadTuss22 } from '../terminology/store.js';

/**
 * Validates one TISS message: encoding, well-formedness, message kind and version, the official XSD
 * (every error, not the first) and the epílogo hash. `input` is the file's bytes, or XML text (encoded
 * back with the encoding it declares). Throws TissError only for problems of the setup (no schemas).
 */
export function validate(input: Uint8Array | string, options: ValidateOptions = {}): ValidationResult {
  const started = performance.now();
  const file = options.file ?? '<entrada>';
  const bytes = typeof input === 'string' ? encodeXmlString(input) : input;
  const out = new FindingCollector(file);
  const parts: ResultParts = {};

  const engine = options.engine ?? defaultEngine();
  // The compiled engine reads the bytes once, with our strict scanner; libxml2 parses only for itself.
  const read = readDocument(bytes, out, { maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY, reader: engine === 'compiled' ? 'scanner' : 'libxml2' });
  if (read) {
    reportFieldText(read, out);
    try {
      parts.encoding = { declared: read.encoding.declared, bom: read.encoding.bom, read: read.encoding.decoding };
      attachElements(out, read.tree);
      const message = identifyMessage(read.tree.root, out);
      if (message) {
        parts.message = summarize(message);
        const profile = resolveProfile(options.config, options.profile, message.registroANS);
        parts.profile = profile.name;
        const version = resolveVersion(message, options.schemaVersion ?? profile.schemaVersion, options.schemas, out);
        if (version === 'unaccepted') parts.unaccepted = true;
        else if (version) {
          parts.schema = { ...runSchema(read, message, version.root, version.version, engine, out), declared: message.version, reason: version.reason };
          // Rules need a known version; they run even when the XSD found errors elsewhere.
          // Rules hold per version (meta.versions): the declared one when it is a version some schema
          // accepts (a 4.02.00 lote checked with the 4.03.00 XSD is still a 4.02.00 lote), else the schema's.
          const ruleVersion = message.version && version.version.accepts.includes(message.version) ? message.version : version.version.version;
          runRules(message, out, { config: { ...profile.rules, ...options.rules }, today: options.today, tabela22: () => loadTuss22(options.tabelas ?? defaultTabelasDir()), index: read.tree.byName, version: ruleVersion, stackTraces: Boolean(process.env.TISS_DEBUG), glosaExists: (code) => glosaInVersion(code, version.version.id) });
          checkFields(message, profile.fields, profile.name, out);
        }
        parts.hash = checkHash(read, message, options.hashEncoding ?? profile.hashEncoding ?? 'iso-8859-1', upperCaseHash(message.root), out);
      }
    } catch (e) {
      if (e instanceof TissError || e instanceof Libxml2NotLoaded) throw e;
      out.report('TISS-INTERNAL', {
        message: `Falha interna ao conferir o arquivo: ${(e as Error).message}. Os demais arquivos não são afetados; por favor, relate o problema.`,
        // A stack trace only for whoever debugs (TISS_DEBUG): never in a report a faturista or an operadora reads.
        detail: process.env.TISS_DEBUG ? ((e as Error).stack ?? null) : null,
      });
    } finally {
      read.doc?.dispose();
      forgetGuias();
    }
  }

  parts.elapsedMs = Math.round((performance.now() - started) * 100) / 100;
  return resultOf(file, sortFindings(out.findings), parts);
}

/** Reads a file and validates it; unreadable files are a TissError (exit 2), not a finding. */
export function validateFile(path: string, options: ValidateOptions = {}): ValidationResult {
  const file = options.file ?? path;
  const read = readFileBounded(path, options.maxSize ?? DEFAULT_MAX_SIZE);
  switch (read.kind) {
    case 'ok':
      return validate(read.bytes, { ...options, file });
    case 'too-large': {
      // Not read: the finding says how large it is.
      const out = new FindingCollector(file);
      reportTooLarge(out, read.size, read.limit);
      return resultOf(file, out.findings);
    }
    case 'not-regular':
      throw new TissError(`Não foi possível ler ${path}: é ${read.what}, não um arquivo comum.`);
    case 'error':
      throw new TissError(`Não foi possível ler ${path}: ${describeIoError(read.error)}`);
  }
}

/**
 * Findings about bytes (encoding) know a line and column but not the element; point them at the
 * innermost element there, so they carry an XPath and a guia number too.
 */
function attachElements(out: FindingCollector, tree: XTree): void {
  for (const f of out.findings) {
    if (f.xpath !== null || f.line === null || f.column === null || f.line === 1) continue;
    const offset = (tree.lineStarts[f.line - 1] ?? 0) + f.column - 1;
    // Down by element number: no object for the siblings passed on the way.
    const t = tree.table;
    let id = tree.root.id;
    for (let c = t.firstChildOf[id]!; c >= 0; ) {
      if (t.startOf[c]! <= offset && offset < t.endOf[c]!) {
        id = c;
        c = t.firstChildOf[id]!;
      } else c = t.nextSiblingOf[c]!;
    }
    const node: XNode = t.node(id);
    f.xpath = xpathOf(node);
    f.guia = guiaNumberOf(node);
  }
}
