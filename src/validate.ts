import { TissError } from './errors.js';
import { describeIoError } from './io/errors.js';
import { FindingCollector, sortFindings } from './findings/collector.js';
import type { Finding } from './findings/finding.js';
import type { HashEncoding } from './hash/canonical.js';
import { checkHash, type HashReport } from './hash/check.js';
import { guiaNumberOf, identifyMessage, type GuiaCount, type MessageInfo } from './message/kind.js';
import { versionsForRoot, type SchemaVersion } from './schemas/manifest.js';
import { INSTALL_HINT, installedVersions, resolveSchemaRoot, type SchemaRoot } from './schemas/store.js';
import { readDocument, DEFAULT_MAX_SIZE, reportTooLarge, type ReadDocument } from './xml/read.js';
import { readFileBounded } from './io/bounded-read.js';
import { DEFAULT_MAX_MEMORY, type MemoryLimit } from './xml/budget.js';
import { checkFields } from './config/fields.js';
import { resolveProfile } from './config/load.js';
import type { TissConfig } from './config/schema.js';
import { messageFacts } from './message/facts.js';
import { runRules } from './rules/engine.js';
import { tables } from './tables/index.js';
import type { RuleConfig } from './rules/types.js';
import { positionOf, type XNode, type XTree } from './xml/tree.js';
import { xpathOf } from './xml/xpath.js';
import { schemaFacts } from './xsd/annotations.js';
import { reportXsdErrors } from './xsd/translate.js';
import { contentModel, typeNameAt } from './xsd/content-model.js';
import { compiledSchemaFor, runXsd } from './xsd/validator.js';

export interface ValidateOptions {
  /** Name shown in findings (path or `<stdin>`). */
  file?: string;
  /** Schema folder (`--schemas`); otherwise `TISS_SCHEMAS_DIR`, then the store. */
  schemas?: string;
  /** Bytes the epílogo hash is computed over; ISO-8859-1 by the standard, UTF-8 for some operadoras. */
  hashEncoding?: HashEncoding;
  /** Refuse files larger than this many bytes (default 200 MB). */
  maxSize?: number;
  /**
   * Memory a file may take to be checked: `'auto'` (default: 4 × its size + 150 MB) or bytes. A file
   * estimated (from its element count, before parsing) to need more is a TISS-INPUT-TOO-COMPLEX finding.
   */
  maxMemory?: MemoryLimit;
  /** Rules to turn off or whose severity to change (`{ "TISS-R-CNS-DV": "off" }`); wins over the profile. */
  rules?: RuleConfig;
  /** Operadora profiles (tiss.config.json, already parsed); chosen by `profile` or by the message's registro ANS. */
  config?: TissConfig;
  /** Name of the profile to apply to every file (otherwise chosen per file by registro ANS). */
  profile?: string;
  /** Reference date for "not in the future" rules, YYYY-MM-DD (default: today). */
  today?: string;
}

export interface MessageSummary {
  family: MessageInfo['family'];
  root: string;
  soap: boolean;
  version: string | null;
  tipoTransacao: string | null;
  direction: string | null;
  operation: string | null;
  registroANS: string | null;
  guias: GuiaCount[];
  numerosGuia: string[];
  prestador: string | null;
  valorInformado: number | null;
}

export interface ValidationResult {
  file: string;
  /** No finding of severity error. */
  valid: boolean;
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
  encoding: { declared: string | null; bom: string | null; read: string } | null;
  message: MessageSummary | null;
  /** Version and entry schema the message was checked against; null if the XSD was not run. */
  schema: { version: string; entry: string } | null;
  hash: HashReport | null;
  /** Name of the operadora profile applied, or null. */
  profile: string | null;
  /** Time spent validating this file, in milliseconds. */
  elapsedMs: number;
}

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
  const result: ValidationResult = { file, valid: true, findings: [], counts: { error: 0, warning: 0, info: 0 }, encoding: null, message: null, schema: null, hash: null, profile: null, elapsedMs: 0 };

  const read = readDocument(bytes, out, { maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY });
  if (read) {
    try {
      result.encoding = { declared: read.encoding.declared, bom: read.encoding.bom, read: read.encoding.decoding };
      attachElements(out, read.tree);
      const message = identifyMessage(read.tree.root, out);
      if (message) {
        result.message = summarize(message);
        const profile = resolveProfile(options.config, options.profile, message.registroANS);
        result.profile = profile.name;
        const version = resolveVersion(message, options, out);
        if (version) {
          result.schema = runSchema(read, message, version.root, version.version, out);
          // Rules need a known version; they run even when the XSD found errors elsewhere.
          runRules(message, out, { config: { ...profile.rules, ...options.rules }, today: options.today, index: read.tree.byName });
          checkFields(message, profile.fields, profile.name, out);
        }
        const upper = (version?.version.hashCase ?? versionsForRoot(message.root)[0]?.hashCase) === 'upper';
        result.hash = checkHash(read, message, options.hashEncoding ?? profile.hashEncoding ?? 'iso-8859-1', upper, out);
      }
    } catch (e) {
      if (e instanceof TissError) throw e;
      out.report('TISS-INTERNAL', {
        message: `Falha interna ao conferir o arquivo: ${(e as Error).message}. Os demais arquivos não são afetados; por favor, relate o problema.`,
        // A stack trace only for whoever debugs (TISS_DEBUG): never in a report a faturista or an operadora reads.
        detail: process.env.TISS_DEBUG ? ((e as Error).stack ?? null) : null,
      });
    } finally {
      read.doc.dispose();
    }
  }

  result.findings = sortFindings(out.findings);
  for (const f of result.findings) result.counts[f.severity]++;
  result.valid = result.counts.error === 0;
  result.elapsedMs = Math.round((performance.now() - started) * 100) / 100;
  return result;
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
      return { file, valid: false, findings: out.findings, counts: { error: 1, warning: 0, info: 0 }, encoding: null, message: null, schema: null, hash: null, profile: null, elapsedMs: 0 };
    }
    case 'not-regular':
      throw new TissError(`Não foi possível ler ${path}: é ${read.what}, não um arquivo comum.`);
    case 'error':
      throw new TissError(`Não foi possível ler ${path}: ${describeIoError(read.error)}`);
  }
}

export { describeIoError } from './io/errors.js';

/** XML text given as a string: encoded with the encoding it declares (ISO-8859-1 or UTF-8). */
function encodeXmlString(xml: string): Uint8Array {
  const declared = /^\uFEFF?<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/.exec(xml)?.[1]?.toLowerCase();
  // eslint-disable-next-line no-control-regex
  const latin1 = declared !== undefined && /^(iso-?8859-1|latin-?1)$/.test(declared) && !/[^\u0000-\u00ff]/.test(xml);
  return Buffer.from(xml, latin1 ? 'latin1' : 'utf8');
}

function summarize(m: MessageInfo): MessageSummary {
  return {
    family: m.family,
    root: m.root,
    soap: m.soap,
    version: m.version,
    tipoTransacao: m.tipoTransacao,
    direction: m.direction,
    operation: m.operation,
    registroANS: m.registroANS,
    guias: m.guias,
    ...messageFacts(m),
  };
}

/**
 * Picks the schema version for the message. A version-looking value we do not have is a finding
 * (and the XSD is skipped); a missing or garbled value is left to the XSD of the only candidate.
 */
function resolveVersion(message: MessageInfo, options: ValidateOptions, out: FindingCollector): { root: SchemaRoot; version: SchemaVersion } | null {
  const candidates = versionsForRoot(message.root);
  const root = resolveSchemaRoot(options.schemas);
  const installed = installedVersions(root).filter((v) => candidates.includes(v));
  const found = message.version;
  const exact = candidates.find((v) => v.version === found);

  if (!exact && found && /^\d+\.\d+\.\d+$/.test(found)) {
    const versionNode = findVersionNode(message);
    const names = installedVersions(root).map((v) => `${v.title}`).join(', ') || 'nenhuma';
    out.report('TISS-MSG-VERSION-UNSUPPORTED', {
      message: `A mensagem declara a versão ${found}, mas este validador confere ${candidates.map((v) => v.version).join(', ')} (instaladas: ${names}). A estrutura não foi conferida contra o XSD; o hash foi conferido.`,
      line: versionNode?.line ?? message.element.line,
      column: versionNode?.column ?? message.element.column,
      xpath: versionNode ? xpathOf(versionNode) : null,
      fix: `Gere a mensagem na versão ${candidates.map((v) => v.version).join(' ou ')} (a exigida pela operadora), ou valide-a com a ferramenta da versão ${found}.`,
      data: { found, supported: candidates.map((v) => v.version), installed: installedVersions(root).map((v) => v.id) },
    });
    return null;
  }
  const version = exact ?? candidates[0];
  if (!version) return null;
  if (!installed.includes(version)) {
    throw new TissError(`Os esquemas XSD da versão ${version.id} não estão instalados em ${root.dir}.`, INSTALL_HINT);
  }
  return { root, version };
}

function findVersionNode(message: MessageInfo): XNode | undefined {
  const cab = message.element.children.find((c) => c.local === 'cabecalho');
  return cab?.children.find((c) => c.local === 'Padrao' || c.local === 'versaoPadrao');
}

function runSchema(read: ReadDocument, message: MessageInfo, root: SchemaRoot, version: SchemaVersion, out: FindingCollector): { version: string; entry: string } {
  const schema = compiledSchemaFor(root, version, message.root);
  const path = message.element === read.tree.root ? null : libxml2PathOf(message.element);
  const details = runXsd(schema, read.doc, path);
  if (details.length > 0) {
    // Reading the XSDs' comments and content model costs tens of ms: only when there is something to explain.
    const model = contentModel(schema.set);
    const typeOf = (node: XNode): string | null => typeNameAt(model, pathFrom(message.element, node));
    const tableFor = (type: string) => tables.forXsdType(type, root);
    reportXsdErrors(details, read.tree, { facts: schemaFacts(schema.set), typeOf, tableFor, schemaLabel: `${schema.entry} (${version.id})` }, out);
  }
  return { version: version.id, entry: schema.entry };
}

/**
 * Findings about bytes (encoding) know a line and column but not the element; point them at the
 * innermost element there, so they carry an XPath and a guia number too.
 */
function attachElements(out: FindingCollector, tree: XTree): void {
  for (const f of out.findings) {
    if (f.xpath !== null || f.line === null || f.column === null || f.line === 1) continue;
    const offset = (tree.lineStarts[f.line - 1] ?? 0) + f.column - 1;
    let node: XNode = tree.root;
    for (;;) {
      const next = node.children.find((c) => c.start <= offset && offset < c.end);
      if (!next) break;
      node = next;
    }
    f.xpath = xpathOf(node);
    f.guia = guiaNumberOf(node);
  }
}

/** Local names from the message element down to `node` (both included). */
function pathFrom(message: XNode, node: XNode): string[] {
  const path: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    path.push(cur.local);
    if (cur === message) return path.reverse();
  }
  return [];
}

/** A namespace-agnostic XPath libxml2 can evaluate to reach `node`. */
function libxml2PathOf(node: XNode): string {
  const steps: string[] = [];
  for (let cur: XNode | null = node; cur; cur = cur.parent) {
    steps.push(`*[local-name()='${cur.local}'][${positionOf(cur).nameIndex}]`);
  }
  return `/${steps.reverse().join('/')}`;
}
