import type { XmlDocument } from 'libxml2-wasm';
import type { FindingCollector } from '../findings/collector.js';
import { decode, detectEncoding, type EncodingInfo } from './encoding.js';
import { reportOutsideLatin1 } from './latin1.js';
import { findDoctype, parseWithLibxml2 } from './parse.js';
import { buildTree, lineColumn, lineStartsOf, type XTree } from './tree.js';

/** A file read far enough to check its contents. The caller disposes `doc`. */
export interface ReadDocument {
  bytes: Uint8Array;
  encoding: EncodingInfo;
  tree: XTree;
  doc: XmlDocument;
  /** Count of characters that do not fit ISO-8859-1. */
  outsideLatin1: number;
}

export const DEFAULT_MAX_SIZE = 200 * 1024 * 1024;

/**
 * Reading stage: size and emptiness, encoding, DOCTYPE refusal, libxml2 well-formedness, our located
 * tree, characters outside Latin-1. Returns null when the file cannot be read as XML (findings say why).
 */
export function readDocument(bytes: Uint8Array, out: FindingCollector, maxSize = DEFAULT_MAX_SIZE): ReadDocument | null {
  if (bytes.length > maxSize) {
    out.report('TISS-INPUT-TOO-LARGE', {
      message: `O arquivo tem ${formatSize(bytes.length)}, acima do limite de ${formatSize(maxSize)}. Um lote TISS tem no máximo 100 guias; um arquivo desse tamanho provavelmente não é uma mensagem TISS.`,
      fix: 'Confira o arquivo; se ele for legítimo, aumente o limite com --max-size.',
      data: { size: bytes.length, maxSize },
    });
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

  const encoding = detectEncoding(bytes, out);
  if (encoding.unsupported) return null;
  const text = decode(bytes, encoding.decoding);

  const doctypeAt = findDoctype(text);
  if (doctypeAt >= 0) {
    const { line, column } = lineColumn(lineStartsOf(text), doctypeAt);
    out.report('TISS-XML-DOCTYPE', {
      message: 'O arquivo tem uma declaração <!DOCTYPE>. Mensagens TISS não usam DTD nem entidades; por segurança (XXE, "billion laughs") o arquivo não foi processado.',
      line,
      column,
      reference: 'Padrão TISS: mensagens definidas só por XSD; proteção contra XXE (OWASP)',
      fix: 'Remova a declaração <!DOCTYPE ...> e qualquer entidade definida nela.',
    });
    return null;
  }

  const doc = parseWithLibxml2(bytes, encoding, out);
  if (!doc) return null;

  const tree = buildTree(text);
  if (!tree) {
    doc.dispose();
    out.report('TISS-INTERNAL', { message: 'O arquivo é XML bem formado, mas não foi possível localizar o elemento raiz.' });
    return null;
  }
  const outsideLatin1 = reportOutsideLatin1(tree, out);
  return { bytes, encoding, tree, doc, outsideLatin1 };
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

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${n} bytes`;
}
