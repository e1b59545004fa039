import { TissError } from './errors.js';
import { describeIoError } from './io/errors.js';
import { FindingCollector, sortFindings } from './findings/collector.js';
import type { Finding } from './findings/finding.js';
import { checkHash } from './hash/check.js';
import type { HashEncoding, HashReport } from './hash/report.js';
import { identifyMessage, type GuiaCount, type MessageInfo } from './message/kind.js';
import { reportFieldText } from './message/text-encoding.js';
import { guiaNumberOf } from './message/where.js';
import { entryFor, upperCaseHash, versionsForRoot, type SchemaVersion } from './schemas/manifest.js';
import { byVersion } from './schemas/choose.js';
import { acceptedBy, selectSchema } from './schemas/select.js';
import type { SchemaRoot } from './schemas/store.js';
import { libxml2Document, readDocument, DEFAULT_MAX_SIZE, reportTooLarge, type ReadDocument } from './xml/read.js';
import { readFileBounded } from './io/bounded-read.js';
import { DEFAULT_MAX_MEMORY, type MemoryLimit } from './xml/budget.js';
import { checkFields } from './config/fields.js';
import { resolveProfile } from './config/load.js';
import type { TissConfig } from './config/schema.js';
import { messageFacts, type GuiaResumo } from './message/facts.js';
import { runRules } from './rules/engine.js';
import { tables } from './tables/index.js';
import type { RuleConfig } from './rules/types.js';
import { positionOf, type XNode, type XTree } from './xml/tree.js';
import { encodeXmlString } from './xml/xml-string.js';
import { xpathOf } from './xml/xpath.js';
import { schemaFacts } from './xsd/annotations.js';
import { reportIssues, reportXsdErrors, type XsdContext } from './xsd/translate.js';
import { typeNameAt } from './xsd/content-model.js';
import { storedContentModel } from './schemas/model-cache.js';
import { compiledSchemaFor, runXsd } from './xsd/validator.js';
import { schemaSet } from './schemas/store.js';
import { validateCompiled } from './xsd/compiled/engine.js';
import { TISS_NS } from './message/kind.js';
import { Libxml2NotLoaded } from './xml/libxml2.js';

/** The engine when none is asked for: TISS_ENGINE (so a whole test suite or CI job can run on the reference engine), else compiled. */
function defaultEngine(): XsdEngine {
  const env = typeof process === 'undefined' ? undefined : process.env.TISS_ENGINE;
  if (env === undefined || env === '') return 'compiled';
  if (env === 'compiled' || env === 'libxml2') return env;
  throw new TissError(`TISS_ENGINE=${env} não é um motor conhecido (use compiled ou libxml2).`);
}

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
  /**
   * The receiver's schema version (`4.03.00`): every message is checked against it, when its `dm_versao`
   * accepts the declared version. Wins over the profile's `schemaVersion`. Default: the declared version's own.
   */
  schemaVersion?: string;
  /**
   * Which XSD engine checks the structure: `compiled` (default: the schema model run over our own
   * reading of the file, no WebAssembly) or `libxml2` (the reference implementation). The compiled
   * engine hands a document to libxml2 itself when it holds something it does not model (ds:Signature).
   */
  engine?: XsdEngine;
}

export type XsdEngine = 'compiled' | 'libxml2';
export const XSD_ENGINES: readonly XsdEngine[] = ['compiled', 'libxml2'];

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
  /** Each guia: number, kind, beneficiário, informed total (what the page and an intake desk show). */
  guiasResumo: GuiaResumo[];
}

export interface SchemaUsed {
  version: string;
  entry: string;
  /** The version the message declares (`Padrao`, `versaoPadrao`), or null. */
  declared: string | null;
  /**
   * `own`: the declared version's schema; `requested`: the receiver's (`schemaVersion`); `nearest`: the
   * nearest newer installed version that accepts a declared version with no schema of its own (4.02.00);
   * `undeclared`: no readable version in the message, the newest installed one.
   */
  reason: 'own' | 'requested' | 'nearest' | 'undeclared';
  /** The engine that gave the XSD verdict (`libxml2` also when the compiled one deferred to it). */
  engine: XsdEngine;
}

export interface ValidationResult {
  file: string;
  /** No finding of severity error. */
  valid: boolean;
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
  encoding: { declared: string | null; bom: string | null; read: string } | null;
  message: MessageSummary | null;
  /** Version and entry schema the message was checked against, and why that one; null if the XSD was not run. */
  schema: SchemaUsed | null;
  /**
   * `valid`: no error; `invalid`: errors; `unsupported-version`: the message declares a version no installed
   * schema accepts (3.05.00, or one the receiver's version does not accept), so it was not checked against
   * any XSD (the CLI exits 3, so that CI can tell a wrong version from an invalid file).
   */
  status: 'valid' | 'invalid' | 'unsupported-version';
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
  const result: ValidationResult = { file, valid: true, findings: [], counts: { error: 0, warning: 0, info: 0 }, encoding: null, message: null, schema: null, status: 'valid', hash: null, profile: null, elapsedMs: 0 };

  let unaccepted = false;
  const engine = options.engine ?? defaultEngine();
  // The compiled engine reads the bytes once, with our strict scanner; libxml2 parses only for itself.
  const read = readDocument(bytes, out, { maxSize: options.maxSize ?? DEFAULT_MAX_SIZE, maxMemory: options.maxMemory ?? DEFAULT_MAX_MEMORY, reader: engine === 'compiled' ? 'scanner' : 'libxml2' });
  if (read) {
    reportFieldText(read, out);
    try {
      result.encoding = { declared: read.encoding.declared, bom: read.encoding.bom, read: read.encoding.decoding };
      attachElements(out, read.tree);
      const message = identifyMessage(read.tree.root, out);
      if (message) {
        result.message = summarize(message);
        const profile = resolveProfile(options.config, options.profile, message.registroANS);
        result.profile = profile.name;
        const version = resolveVersion(message, options.schemaVersion ?? profile.schemaVersion, options.schemas, out);
        if (version === 'unaccepted') unaccepted = true;
        else if (version) {
          result.schema = { ...runSchema(read, message, version.root, version.version, engine, out), declared: message.version, reason: version.reason };
          // Rules need a known version; they run even when the XSD found errors elsewhere.
          // Rules hold per version (meta.versions): the declared one when it is a version some schema
          // accepts (a 4.02.00 lote checked with the 4.03.00 XSD is still a 4.02.00 lote), else the schema's.
          const ruleVersion = message.version && version.version.accepts.includes(message.version) ? message.version : version.version.version;
          runRules(message, out, { config: { ...profile.rules, ...options.rules }, today: options.today, index: read.tree.byName, version: ruleVersion, glosaExists: (code) => glosaInVersion(code, version.version.id) });
          checkFields(message, profile.fields, profile.name, out);
        }
        result.hash = checkHash(read, message, options.hashEncoding ?? profile.hashEncoding ?? 'iso-8859-1', upperCaseHash(message.root), out);
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
    }
  }

  result.findings = sortFindings(out.findings);
  for (const f of result.findings) result.counts[f.severity]++;
  result.valid = result.counts.error === 0;
  result.status = unaccepted ? 'unsupported-version' : result.valid ? 'valid' : 'invalid';
  result.elapsedMs = Math.round((performance.now() - started) * 100) / 100;
  return result;
}

/**
 * A result made of findings alone (a file not read, a worker that crashed, the generator's report):
 * counts, verdict and status from the findings, nothing else known.
 */
export function resultOf(file: string, findings: Finding[], message: MessageSummary | null = null): ValidationResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const valid = counts.error === 0;
  return { file, valid, findings, counts, encoding: null, message, schema: null, status: valid ? 'valid' : 'invalid', hash: null, profile: null, elapsedMs: 0 };
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

export { describeIoError } from './io/errors.js';


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
 * Picks the schema that checks the message (schemas/choose.ts) and says why in a finding when it is not
 * the declared version's own. A version no installed schema accepts is a finding and `'unaccepted'` (the
 * XSD is skipped; the hash and the rules that do not depend on the version still run); a version that
 * some schema would accept but none is installed is a setup problem (TissError, exit 2).
 */
function resolveVersion(message: MessageInfo, requested: string | undefined, schemas: string | undefined, out: FindingCollector): { root: SchemaRoot; version: SchemaVersion; reason: SchemaUsed['reason'] } | 'unaccepted' | null {
  if (versionsForRoot(message.root).length === 0) return null;
  const { root, candidates, installed, choice } = selectSchema(message.root, message.version, schemas, requested);
  const versionNode = findVersionNode(message);
  const at = { line: versionNode?.line ?? message.element.line, column: versionNode?.column ?? message.element.column, xpath: versionNode ? xpathOf(versionNode) : null };
  const numbers = (list: SchemaVersion[]): string => list.map((v) => v.version).join(', ');
  switch (choice.kind) {
    case 'own':
    case 'undeclared':
      return { root, version: choice.version, reason: choice.kind };
    case 'requested':
      out.report('TISS-MSG-VERSION-RECEIVER', {
        message: `A mensagem declara a versão ${choice.declared} e foi conferida com o XSD da ${choice.version.version}, a versão de quem a recebe (o dm_versao da ${choice.version.version} aceita ${choice.declared}): o conteúdo precisa caber na ${choice.version.version}.`,
        ...at,
        reference: `XSD ${choice.version.id}: dm_versao (${choice.version.accepts.join(', ')})`,
        data: { declared: choice.declared, checkedWith: choice.version.version },
      });
      return { root, version: choice.version, reason: 'requested' };
    case 'nearest':
      out.report('TISS-MSG-VERSION-NEAREST', {
        message: `A mensagem declara a versão ${choice.declared}, que não tem esquema oficial instalado; foi conferida com o XSD da ${choice.version.version}, a versão mais próxima cujo dm_versao aceita ${choice.declared}. Um campo que só a ${choice.version.version} exige pode aparecer como erro.`,
        ...at,
        reference: `XSD ${choice.version.id}: dm_versao (${choice.version.accepts.join(', ')})`,
        fix: `Se a operadora recebe a ${choice.declared}, confira com o XSD dela; instalados: ${numbers(installed) || 'nenhum'}.`,
        data: { declared: choice.declared, checkedWith: choice.version.version },
      });
      return { root, version: choice.version, reason: 'nearest' };
    case 'unaccepted': {
      const newest = [...candidates].sort(byVersion).pop()!;
      const accepted = acceptedBy(candidates);
      out.report('TISS-MSG-VERSION-UNSUPPORTED', {
        message: choice.requested
          ? `A mensagem declara a versão ${choice.declared}, que a versão de quem a recebe (${choice.requested.version}) não aceita (dm_versao: ${choice.requested.accepts.join(', ')}). A estrutura não foi conferida contra nenhum XSD.`
          : `A mensagem declara a versão ${choice.declared}, que nenhuma versão do padrão conhecida aceita (as versões ${numbers(candidates)} aceitam ${accepted.join(', ')}). A estrutura não foi conferida contra nenhum XSD; o hash foi conferido.`,
        ...at,
        fix: choice.requested
          ? `Gere a mensagem numa versão que a ${choice.requested.version} aceita (${choice.requested.accepts.join(', ')}).`
          : `Gere a mensagem numa versão em vigor (a mais recente é a ${newest.version}) no sistema de faturamento; versões 3.x não são mais aceitas pelas operadoras.`,
        data: { declared: choice.declared, receiver: choice.requested?.version ?? null, accepted },
      });
      return 'unaccepted';
    }
  }
}

/** Whether Tabela 38 of a schema set has a code; a version the table does not list keeps every code. */
function glosaInVersion(code: string, versionId: string): boolean {
  try {
    return tables.get(38, versionId).codes.some((c) => c.code === code);
  } catch {
    return true;
  }
}

function findVersionNode(message: MessageInfo): XNode | undefined {
  const cab = message.element.children.find((c) => c.local === 'cabecalho');
  return cab?.children.find((c) => c.local === 'Padrao' || c.local === 'versaoPadrao');
}

function runSchema(read: ReadDocument, message: MessageInfo, root: SchemaRoot, version: SchemaVersion, engine: XsdEngine, out: FindingCollector): { version: string; entry: string; engine: XsdEngine } {
  const set = schemaSet(root, version);
  const entry = entryFor(version, message.root);
  if (!entry) throw new TissError(`A versão ${version.id} não declara o elemento ${message.root}.`);
  const context = (): XsdContext => {
    // Reading the XSDs' comments and content model costs tens of ms: only when there is something to explain.
    const model = storedContentModel(root, set);
    return {
      facts: schemaFacts(set),
      typeOf: (node: XNode): string | null => typeNameAt(model, pathFrom(message.element, node)),
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
