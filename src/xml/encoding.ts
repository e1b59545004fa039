import type { FindingCollector } from '../findings/collector.js';
import { positionAt } from './position.js';

export type Decoding = 'latin1' | 'utf8' | 'utf16le' | 'utf16be';

export interface EncodingInfo {
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** Encoding name as written in the XML declaration, or null. */
  declared: string | null;
  /** How the bytes are decoded (for our own reading of the file). */
  decoding: Decoding;
  /**
   * Encoding to force on libxml2 when the declaration lies about the bytes (declared UTF-8 but the
   * bytes are ISO-8859-1), so that the rest of the file can still be checked. Null: trust the file.
   */
  parseOverride: string | null;
  /** The declared encoding is one libxml2 cannot read: nothing else can be checked. */
  unsupported: boolean;
}

const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'iso-ir-100', 'cp819', 'ibm819', 'iso_8859-1:1987', 'csisolatin1']);
const UTF8_NAMES = new Set(['utf-8', 'utf8']);
const UTF16_NAMES = new Set(['utf-16', 'utf16', 'utf-16le', 'utf-16be', 'ucs-2']);
/** Other encodings libxml2 (as built in libxml2-wasm) reads. */
const OTHER_SUPPORTED = /^(us-ascii|ascii|windows-125[0-8]|cp125[0-8]|iso-8859-([2-9]|1[0-6])|iso8859-([2-9]|1[0-6]))$/;

/** Windows-1252 characters for bytes 0x80–0x9F, to explain C1 control characters. */
const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š',
  0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
  0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

const ENCODING_REFERENCE = 'ANS, Padrão TISS — Componente de Comunicação: mensagens em ISO-8859-1';

/**
 * Finds out how the file is encoded (BOM, declaration, the bytes themselves) and reports what a
 * TISS receiver would trip on: UTF-8 bytes declared ISO-8859-1 and the reverse, BOM, UTF-16,
 * declarations other than ISO-8859-1, C1 control characters (Windows-1252 text).
 */
export function detectEncoding(bytes: Uint8Array, out: FindingCollector, view: string = decode(bytes, 'latin1')): EncodingInfo {
  const bom = detectBom(bytes);
  const utf16NoBom = !bom && bytes.length >= 4 && ((bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f));

  if (bom === 'utf-16le' || bom === 'utf-16be' || utf16NoBom) {
    const decoding: Decoding = bom === 'utf-16be' || (utf16NoBom && bytes[0] === 0) ? 'utf16be' : 'utf16le';
    out.report('TISS-ENC-UTF16', {
      message: `O arquivo está em UTF-16${bom ? ' (com BOM)' : ' (sem BOM)'}; o padrão TISS exige ISO-8859-1. Muitas operadoras recusam o arquivo inteiro.`,
      line: 1,
      column: 1,
      reference: ENCODING_REFERENCE,
      fix: 'Salve o arquivo como ISO-8859-1 (Latin-1) com <?xml version="1.0" encoding="ISO-8859-1"?>.',
    });
    return { bom, declared: readDeclaredEncoding(bytes, decoding), decoding, parseOverride: null, unsupported: false };
  }

  const start = bom === 'utf-8' ? 3 : 0;
  const declared = readDeclaredEncoding(bytes.subarray(start), 'latin1');
  const name = declared?.toLowerCase() ?? null;
  const firstNonAscii = findNonAscii(view, start);
  const utf8Check = firstNonAscii < 0 ? { valid: true, badAt: -1 } : checkUtf8(bytes, firstNonAscii);

  if (bom === 'utf-8') {
    // A BOM decides the encoding for libxml2 (and for browsers): the file is read as UTF-8 whatever it
    // declares, so we read it so too; reading it another way would check another text (issue 9).
    const conflict = name !== null && !UTF8_NAMES.has(name);
    out.report('TISS-ENC-BOM', {
      message: `O arquivo começa com a marca BOM de UTF-8 (bytes EF BB BF). Arquivos TISS são ISO-8859-1, que não tem BOM; vários sistemas de operadoras rejeitam o arquivo por causa dela.${conflict ? ` Além disso, o BOM faz o arquivo ser lido como UTF-8, mas ele declara "${declared}": leitores diferentes lerão textos diferentes.` : ''}`,
      line: 1,
      column: 1,
      reference: ENCODING_REFERENCE,
      fix: conflict ? 'Remova o BOM (os 3 primeiros bytes) e grave o arquivo em ISO-8859-1, como declarado.' : 'Salve o arquivo sem BOM ("UTF-8 sem BOM" ou, melhor, ISO-8859-1).',
    });
    if (conflict && firstNonAscii >= 0 && utf8Check.valid) {
      const pos = positionAt(bytes, firstNonAscii);
      const sample = sampleAround(bytes, firstNonAscii);
      out.report('TISS-ENC-UTF8-DECLARED-LATIN1', {
        message: `O arquivo declara ${declared}, mas tem BOM de UTF-8 e os bytes são UTF-8: "${sample.utf8}" é lido como "${sample.latin1}" por quem segue a declaração. Acentos chegam trocados para a operadora.`,
        line: pos.line,
        column: pos.column,
        reference: ENCODING_REFERENCE,
        fix: 'Remova o BOM e converta o arquivo para ISO-8859-1 (ex.: iconv -f UTF-8 -t ISO-8859-1); depois confira o hash com tiss hash --check.',
      });
    }
    // Bytes that are not UTF-8 after the BOM are refused by libxml2, whose error says where.
    if (conflict) return { bom, declared, decoding: 'utf8', parseOverride: null, unsupported: false };
  }

  if (name === null) {
    out.report('TISS-ENC-NO-DECLARATION', {
      message: 'O arquivo não tem declaração XML com o encoding; sem ela, o leitor assume UTF-8. O padrão TISS usa ISO-8859-1.',
      line: 1,
      column: 1,
      reference: ENCODING_REFERENCE,
      fix: 'Comece o arquivo com <?xml version="1.0" encoding="ISO-8859-1"?>.',
    });
  }

  if (name === null || UTF8_NAMES.has(name)) {
    if (!utf8Check.valid) {
      const pos = positionAt(bytes, utf8Check.badAt);
      out.report('TISS-ENC-LATIN1-DECLARED-UTF8', {
        message: `${name === null ? 'Sem declaração de encoding o arquivo é lido como UTF-8' : 'O arquivo declara encoding UTF-8'}, mas os bytes não são UTF-8 válido (byte 0x${hex(bytes[utf8Check.badAt])}): parecem ISO-8859-1. Acentos serão rejeitados ou trocados pela operadora. O restante do arquivo foi conferido lendo-o como ISO-8859-1.`,
        line: pos.line,
        column: pos.column,
        reference: ENCODING_REFERENCE,
        fix: 'Declare o encoding real: <?xml version="1.0" encoding="ISO-8859-1"?>.',
      });
      return { bom, declared, decoding: 'latin1', parseOverride: 'ISO-8859-1', unsupported: false };
    }
    if (name !== null) {
      out.report('TISS-ENC-NOT-ISO88591', {
        message: `O arquivo declara encoding "${declared}"; o padrão TISS exige ISO-8859-1. Algumas operadoras recusam UTF-8, e o hash do epílogo é calculado sobre bytes ISO-8859-1.`,
        line: 1,
        column: 1,
        reference: ENCODING_REFERENCE,
        fix: 'Gere o arquivo em ISO-8859-1 e declare <?xml version="1.0" encoding="ISO-8859-1"?>.',
      });
    }
    return { bom, declared, decoding: 'utf8', parseOverride: null, unsupported: false };
  }

  if (LATIN1_NAMES.has(name)) {
    if (firstNonAscii >= 0 && utf8Check.valid) {
      const pos = positionAt(bytes, firstNonAscii);
      const sample = sampleAround(bytes, firstNonAscii);
      out.report('TISS-ENC-UTF8-DECLARED-LATIN1', {
        message: `O arquivo declara ISO-8859-1, mas os bytes são UTF-8: "${sample.utf8}" será lido pela operadora como "${sample.latin1}". Os acentos chegam trocados.`,
        line: pos.line,
        column: pos.column,
        reference: ENCODING_REFERENCE,
        fix: 'Converta o arquivo para ISO-8859-1 (ex.: iconv -f UTF-8 -t ISO-8859-1); depois confira o hash com tiss hash --check (o achado do hash, se houver, diz se é preciso recalculá-lo).',
      });
    }
    // C1 bytes are not ASCII: none before the first non-ASCII byte, none at all in an ASCII file.
    if (firstNonAscii >= 0) reportC1Controls(bytes, view, firstNonAscii, out);
    return { bom, declared, decoding: 'latin1', parseOverride: null, unsupported: false };
  }

  if (UTF16_NAMES.has(name)) {
    // Declared UTF-16 but the bytes are 8-bit with no BOM: a fatal error (XML 1.0 §4.3.3), which libxml2
    // refuses too. Reported as such; the rest is read as Latin-1 so that the faturista sees everything.
    out.report('TISS-ENC-UTF16-DECLARED-8BIT', {
      message: `O arquivo declara encoding "${declared}", mas os bytes não são UTF-16 (não há BOM e cada caractere ocupa um byte). Pela especificação XML (seção 4.3.3) isso é um erro fatal: a operadora não consegue ler o arquivo. O restante foi conferido lendo-o como ISO-8859-1.`,
      line: 1,
      column: 1,
      reference: 'W3C XML 1.0, §4.3.3 (Character Encoding in Entities); ' + ENCODING_REFERENCE,
      fix: 'Declare o encoding real: <?xml version="1.0" encoding="ISO-8859-1"?>.',
    });
    return { bom, declared, decoding: 'latin1', parseOverride: 'ISO-8859-1', unsupported: false };
  }

  if (OTHER_SUPPORTED.test(name)) {
    out.report('TISS-ENC-NOT-ISO88591', {
      message: `O arquivo declara encoding "${declared}"; o padrão TISS exige ISO-8859-1.`,
      line: 1,
      column: 1,
      reference: ENCODING_REFERENCE,
      fix: 'Gere o arquivo em ISO-8859-1 e declare <?xml version="1.0" encoding="ISO-8859-1"?>.',
    });
    // Our own reading only needs positions and ASCII structure; Latin-1 keeps one char per byte.
    return { bom, declared, decoding: 'latin1', parseOverride: null, unsupported: false };
  }

  out.report('TISS-ENC-UNSUPPORTED', {
    message: `O arquivo declara o encoding "${declared}", que não é conhecido; o padrão TISS exige ISO-8859-1. O arquivo não pôde ser lido.`,
    line: 1,
    column: 1,
    reference: ENCODING_REFERENCE,
    fix: 'Declare <?xml version="1.0" encoding="ISO-8859-1"?> e grave o arquivo nesse encoding.',
  });
  return { bom, declared, decoding: 'latin1', parseOverride: null, unsupported: true };
}

function detectBom(b: Uint8Array): EncodingInfo['bom'] {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** Reads `encoding="..."` from the XML declaration, if the file starts with one. */
export function readDeclaredEncoding(bytes: Uint8Array, decoding: Decoding): string | null {
  const head = decode(bytes.subarray(0, 512), decoding).replace(/^\uFEFF/, '');
  const decl = /^<\?xml\s[^?]*\?>/.exec(head);
  if (!decl) return null;
  const enc = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl[0]);
  return enc ? enc[2]! : null;
}

export function decode(bytes: Uint8Array, decoding: Decoding): string {
  switch (decoding) {
    case 'latin1':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    case 'utf8':
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    case 'utf16le':
      return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes);
    case 'utf16be':
      return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes);
  }
}

/** `view`: the bytes one char per byte (Latin-1). */
function findNonAscii(view: string, from: number): number {
  // A regex over a one-char-per-byte view is several times faster than a JS loop on large files.
  const re = /[\x80-\xff]/g;
  re.lastIndex = from;
  const m = re.exec(view);
  return m ? m.index : -1;
}

/** Strict UTF-8 check from `from` on (bytes before it are ASCII). */
function checkUtf8(b: Uint8Array, from: number): { valid: boolean; badAt: number } {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return { valid: false, badAt: i };
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return { valid: false, badAt: i };
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { valid: false, badAt: i };
    i += n + 1;
  }
  return { valid: true, badAt: -1 };
}

function sampleAround(b: Uint8Array, at: number): { utf8: string; latin1: string } {
  let s = at;
  while (s > 0 && at - s < 12 && b[s - 1] !== 0x3c && b[s - 1] !== 0x3e && b[s - 1] !== 0x0a) s--;
  let e = at;
  while (e < b.length && e - at < 12 && b[e] !== 0x3c && b[e] !== 0x0a) e++;
  // Whole characters only: not from the middle of a UTF-8 sequence, not ending inside one.
  while (s < at && (b[s]! & 0xc0) === 0x80) s++;
  for (let k = 0; k < 3 && e < b.length && (b[e]! & 0xc0) === 0x80; k++) e++;
  const slice = b.subarray(s, e);
  return { utf8: decode(slice, 'utf8'), latin1: decode(slice, 'latin1') };
}

function reportC1Controls(b: Uint8Array, view: string, from: number, out: FindingCollector): void {
  const re = /[\x80-\x9f]/g;
  re.lastIndex = from;
  let reported = 0;
  let total = 0;
  for (let m = re.exec(view); m; m = re.exec(view)) {
    // Part of a UTF-8 sequence ("Ç" is C3 87): the field-level UTF-8 finding explains it better.
    if (insideUtf8Sequence(b, m.index)) continue;
    total++;
    if (reported >= 5) continue;
    reported++;
    const i = m.index;
    const c = b[i]!;
    const pos = positionAt(b, i);
    const guess = CP1252[c];
    out.report('TISS-ENC-C1-CONTROL', {
      message: `Byte 0x${hex(c)} é um caractere de controle invisível em ISO-8859-1${guess ? `; o arquivo provavelmente foi gravado em Windows-1252, onde ele seria "${guess}"` : ''}. A operadora verá um caractere inválido.`,
      line: pos.line,
      column: pos.column,
      reference: ENCODING_REFERENCE,
      fix: guess ? `Troque "${guess}" por um caractere ISO-8859-1 (ex.: aspas retas, hífen).` : 'Remova o caractere.',
      data: { byte: c, windows1252: guess ?? null },
    });
  }
  if (total > reported) {
    const last = out.findings[out.findings.length - 1];
    if (last) last.message += ` (mais ${total - reported} ocorrência(s) no arquivo)`;
  }
}

/** True when the continuation byte at `i` completes a valid UTF-8 sequence that starts before it. */
function insideUtf8Sequence(b: Uint8Array, i: number): boolean {
  let s = i;
  while (s > 0 && i - s < 3 && (b[s]! & 0xc0) === 0x80) s--;
  const lead = b[s]!;
  const len = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (len === 0 || s + len <= i) return false;
  for (let k = s + 1; k < s + len; k++) if (((b[k] ?? 0) & 0xc0) !== 0x80) return false;
  return true;
}

function hex(n: number | undefined): string {
  return (n ?? 0).toString(16).toUpperCase().padStart(2, '0');
}
