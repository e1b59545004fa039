import type { XmlDocument } from 'libxml2-wasm';
import type { FindingCollector } from '../findings/collector.js';
import { checkBudget, DEFAULT_MAX_MEMORY, type MemoryLimit } from './budget.js';
import { decode, detectEncoding, type EncodingInfo } from './encoding.js';
import { findOutsideLatin1, type OutsideLatin1 } from './latin1.js';
import { findDoctype, parseWithLibxml2, WF_REFERENCE } from './parse.js';
import { lineColumn, lineStartsOf } from './lines.js';
import { scanTree } from './scan.js';
import type { XTree } from './tree.js';
import { formatInteger, formatSize } from '../locale/pt-br.js';

/** A file read far enough to check its contents. The caller disposes `doc`. */
export interface ReadDocument {
  bytes: Uint8Array;
  encoding: EncodingInfo;
  tree: XTree;
  /**
   * libxml2's document: read with the file when libxml2 is the well-formedness gate; null when our strict
   * scanner was (the compiled engine), until a check that needs libxml2 asks for it (libxml2Document).
   */
  doc: XmlDocument | null;
  /** The values with a character that does not fit ISO-8859-1 (message/text-encoding.ts reports them). */
  outsideLatin1: readonly OutsideLatin1[];
}

export const DEFAULT_MAX_SIZE = 200 * 1024 * 1024;

export interface ReadLimits {
  /** Refuse files larger than this many bytes. */
  maxSize?: number;
  /** Refuse files whose reading would need more memory than this (see budget.ts). */
  maxMemory?: MemoryLimit;
  /**
   * Who decides well-formedness: `libxml2` (its parse, then our tree checked against its document) or
   * `scanner` (our strict scanner alone, one reading of the bytes: what the compiled XSD engine uses).
   */
  reader?: 'libxml2' | 'scanner';
}

const DOCTYPE_MESSAGE = 'O arquivo tem uma declaração <!DOCTYPE>. Mensagens TISS não usam DTD nem entidades; por segurança (XXE, "billion laughs") o arquivo não foi processado.';

/**
 * Reading stage: size and emptiness, encoding, DOCTYPE refusal, memory budget, libxml2
 * well-formedness, our located tree, where characters outside Latin-1 are (the caller reports them with
 * message/text-encoding.ts reportFieldText, right after). Returns null when the file cannot be
 * read as XML (findings say why).
 *
 * Every stage reads the same document (issue 9): the bytes are decoded the way libxml2 decodes them
 * (a BOM wins over the declaration); a DOCTYPE is refused before libxml2 sees it (in that decoding and
 * in the raw bytes), again if libxml2 still found one, and by our scanner anywhere in the file; and the
 * tree must have libxml2's root element and element count, or the file is never "valid".
 */
export function readDocument(bytes: Uint8Array, out: FindingCollector, limits: ReadLimits = {}): ReadDocument | null {
  const maxSize = limits.maxSize ?? DEFAULT_MAX_SIZE;
  if (bytes.length > maxSize) {
    reportTooLarge(out, bytes.length, maxSize);
    return null;
  }
  if (bytes.length === 0 || isBlank(bytes)) {
    out.report('TISS-INPUT-EMPTY', {
      message: bytes.length === 0 ? 'O arquivo está vazio (0 bytes).' : 'O arquivo só contém espaços e quebras de linha.',
      fix: 'Gere ou baixe o arquivo de novo; confira se a gravação não foi interrompida.',
    });
    return null;
  }

  const notXml = describeNonXml(bytes);
  if (notXml) {
    out.report('TISS-XML-NOT-WELL-FORMED', {
      message: `O arquivo não é XML: ${notXml}.`,
      line: 1,
      column: 1,
      fix: 'Envie o arquivo XML da mensagem TISS (o sistema de faturamento o gera com extensão .xml).',
    });
    return null;
  }

  // The bytes one char per byte: what the encoding checks scan, and (for an ISO-8859-1 file) the text itself.
  // Decoded once per call, never kept beside the bytes: a caller may fill the same buffer with another file.
  const raw = decode(bytes, 'latin1');
  const encoding = detectEncoding(bytes, out, raw);
  if (encoding.unsupported) return null;
  // Refused in the raw bytes too (one char per byte, whatever the BOM or the declaration says).
  const rawDoctype = findDoctype(raw.startsWith('\u00ef\u00bb\u00bf') ? raw.slice(3) : raw);
  const text = encoding.decoding === 'latin1' ? raw : decode(bytes, encoding.decoding);
  const doctypeAt = findDoctype(text);
  if (doctypeAt >= 0 || rawDoctype >= 0) {
    const { line, column } = doctypeAt >= 0 ? lineColumn(lineStartsOf(text), doctypeAt) : { line: null, column: null };
    reportDoctype(out, line, column);
    return null;
  }

  const shape = checkBudget(bytes, limits.maxMemory ?? DEFAULT_MAX_MEMORY, out);
  if (shape === false) return null;
  // The start tags counted for the budget bound the element count: the table is made once at that size.
  const capacity = shape?.elements;

  if (limits.reader === 'scanner') {
    const scanned = scanTree(text, { strict: true, capacity });
    if ('problem' in scanned) {
      const p = scanned.problem;
      const { line, column } = lineColumn(lineStartsOf(text), p.offset);
      if (p.kind === 'doctype') reportDoctype(out, line, column);
      else if (p.kind === 'not-well-formed') out.report('TISS-XML-NOT-WELL-FORMED', { message: p.message, line, column, reference: WF_REFERENCE, fix: p.fix });
      else out.report('TISS-XML-NOT-WELL-FORMED', { message: 'XML mal formado.', line, column, reference: WF_REFERENCE });
      return null;
    }
    return finish(bytes, encoding, scanned.tree, null);
  }

  const doc = parseWithLibxml2(bytes, encoding, out);
  if (!doc) return null;
  if (doc.dtd) {
    doc.dispose();
    reportDoctype(out, null, null);
    return null;
  }

  const scanned = scanTree(text, { capacity });
  if ('problem' in scanned) {
    doc.dispose();
    const { line, column } = lineColumn(lineStartsOf(text), scanned.problem.offset);
    if (scanned.problem.kind === 'doctype') reportDoctype(out, line, column);
    else reportAmbiguous(out, scanned.problem.kind === 'malformed' ? scanned.problem.what : 'nenhum elemento raiz', line, column);
    return null;
  }
  const tree = scanned.tree;
  const mismatch = sameDocument(doc, tree);
  if (mismatch) {
    doc.dispose();
    reportAmbiguous(out, mismatch, null, null);
    return null;
  }
  return finish(bytes, encoding, tree, doc);
}

function finish(bytes: Uint8Array, encoding: EncodingInfo, tree: XTree, doc: XmlDocument | null): ReadDocument {
  return { bytes, encoding, tree, doc, outsideLatin1: findOutsideLatin1(tree, encoding.decoding === 'latin1') };
}

/**
 * libxml2's document of a file our strict scanner read (for a check only libxml2 does: a document the
 * compiled engine defers). Parsed once, kept in `read.doc` (the caller disposes it); null if libxml2
 * refuses what the scanner accepted, which is then a finding, never a silent pass.
 */
export function libxml2Document(read: ReadDocument, out: FindingCollector): XmlDocument | null {
  if (read.doc) return read.doc;
  read.doc = parseWithLibxml2(read.bytes, read.encoding, out);
  return read.doc;
}

/**
 * Null when libxml2's document and our tree are the same document (root element, its namespace, and
 * the number of elements); otherwise what differs, in Portuguese.
 */
export function sameDocument(doc: Pick<XmlDocument, 'root' | 'eval'>, tree: XTree): string | null {
  const root = doc.root;
  if (root.name !== tree.root.local || (root.namespaceUri ?? '') !== tree.root.uri) {
    return `o elemento raiz lido pelo libxml2 é <${root.name}>, e o nosso é <${tree.root.local}>`;
  }
  let count: ReturnType<typeof doc.eval>;
  try {
    count = doc.eval('count(//*)');
  } catch {
    // libxml2's XPath holds at most 10,000,000 nodes in a node-set (XPATH_MAX_NODESET_LENGTH): past that the
    // count fails, and the two readings cannot be compared (measured: 10 million <x/>, with --max-memory raised).
    return `o libxml2 não conseguiu contar os elementos do arquivo: a nossa leitura tem ${formatInteger(tree.elements)}, acima de 10 milhões, o limite do libxml2, e sem a contagem não há como confirmar que as duas leituras são o mesmo documento`;
  }
  if (count !== tree.elements) return `o libxml2 leu ${typeof count === 'number' ? count : '?'} elementos, e a nossa leitura ${tree.elements}`;
  return null;
}

function reportDoctype(out: FindingCollector, line: number | null, column: number | null): void {
  out.report('TISS-XML-DOCTYPE', {
    message: DOCTYPE_MESSAGE,
    line,
    column,
    reference: 'Padrão TISS: mensagens definidas só por XSD; proteção contra XXE (OWASP)',
    fix: 'Remova a declaração <!DOCTYPE ...> e qualquer entidade definida nela.',
  });
}

export function reportAmbiguous(out: FindingCollector, what: string, line: number | null, column: number | null): void {
  out.report('TISS-XML-AMBIGUOUS', {
    message: `O arquivo não pôde ser lido de uma única forma (${what}). Por segurança ele não foi conferido: um arquivo que cada sistema lê de um jeito pode esconder conteúdo alterado.`,
    line,
    column,
    reference: 'W3C XML 1.0; leitura única do documento (tiss, issue 9)',
    fix: 'Gere o arquivo de novo pelo sistema de faturamento, sem DOCTYPE, BOM ou marcações fora do padrão TISS.',
  });
}

/** The finding of a file over --max-size (also used when the file was not read, only its size known). */
export function reportTooLarge(out: FindingCollector, size: number, maxSize: number): void {
  out.report('TISS-INPUT-TOO-LARGE', {
    message: `O arquivo tem ${formatSize(size)}, acima do limite de ${formatSize(maxSize)}. Um lote TISS tem no máximo 100 guias; um arquivo desse tamanho provavelmente não é uma mensagem TISS.`,
    fix: 'Confira o arquivo; se ele for legítimo, aumente o limite com --max-size.',
    data: { size, maxSize },
  });
}

const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'é um PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'é um arquivo ZIP (talvez o lote compactado: descompacte-o antes)'],
  [[0x1f, 0x8b], 'é um arquivo compactado GZIP (descompacte-o antes)'],
  [[0x89, 0x50, 0x4e, 0x47], 'é uma imagem PNG'],
  [[0xff, 0xd8, 0xff], 'é uma imagem JPEG'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'é um documento do Office (DOC/XLS)'],
];

/** Why the bytes cannot be XML at all (a known file type, or no "<" at the start), or null. */
function describeNonXml(bytes: Uint8Array): string | null {
  for (const [magic, what] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return what;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes[0] === 0 || bytes[1] === 0) {
    // UTF-16 (with or without BOM) is XML the encoding stage reports; other NUL-led data is binary.
    const u16 = bytes.length >= 4 && ((bytes[0] === 0x3c && bytes[1] === 0) || (bytes[0] === 0 && bytes[1] === 0x3c) || bytes[0] === 0xff || bytes[0] === 0xfe);
    return u16 ? null : 'o conteúdo é binário (bytes nulos no início)';
  }
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x3c) return null;
  const head = Buffer.from(bytes.subarray(i, i + 24)).toString('latin1').replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '·');
  return `ele não começa com "<", e sim com "${head}"`;
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

