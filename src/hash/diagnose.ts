import type { FindingCode } from '../findings/catalog.js';
import { digestLeaves, digestOf, isLatin1, type HashEncoding, md5Hex } from './canonical.js';
import { rereadAsUtf8, type WalkDigests } from './variants.js';

export interface HashVerdict {
  /** The digest the file should carry (in the requested encoding), or null if it cannot be computed. */
  expected: string | null;
  found: string;
  ok: boolean;
  /** Null when ok. */
  code: FindingCode | null;
  /** What we could tell about the mismatch, in Portuguese. */
  explanation: string;
  /** Name of the variant the found digest matches (`utf-8`, `trimmed`, ...), or null. */
  variant: string | null;
}

export interface RawMaterial {
  /** The whole file as read. */
  fileBytes: Uint8Array;
  /** The file with the hash element's content removed, as the pieces around it (views, not a copy). */
  fileWithoutHash: readonly Uint8Array[];
  /** The message element's markup up to the hash boundary. */
  messageMarkup: Uint8Array;
}

const other = (e: HashEncoding): HashEncoding => (e === 'utf-8' ? 'iso-8859-1' : 'utf-8');
const label = (e: HashEncoding): string => (e === 'utf-8' ? 'UTF-8' : 'ISO-8859-1');

/** The canonical digest, computed on every file, and its leaves, made only when the digest differs. */
export interface Canonical {
  expected: string | null;
  leaves: () => readonly string[];
}

/** What only a wrong hash needs: a walk of the message per encoding (see walkDigests), and the raw bytes. */
export interface MoreMaterial {
  walk: (encoding: HashEncoding) => WalkDigests;
  raw: RawMaterial;
}

/**
 * Compares the digest written in the file with the canonical one and, when they differ, says why
 * when it can: the other encoding, trimmed values, indentation or comments included, the raw XML
 * hashed, another algorithm, an empty hash, or (none of these) a stale hash. The candidates are tried
 * in order (the first that matches names the variant), each digest streamed over `leaves` or a walk of
 * the message: no copy of the message's text is made.
 */
export function diagnoseHash(foundRaw: string, canonical: Canonical, more: () => MoreMaterial, encoding: HashEncoding): HashVerdict {
  const found = foundRaw.trim();
  const f = found.toLowerCase();
  const expected = canonical.expected;
  const base = { expected, found: foundRaw };

  if (found === '') {
    return { ...base, ok: false, code: 'TISS-HASH-EMPTY', variant: null, explanation: 'O elemento hash está vazio.' };
  }
  if (expected !== null && f === expected) {
    return { ...base, ok: true, code: null, variant: null, explanation: 'O hash confere.' };
  }
  const leaves = canonical.leaves();
  const { walk, raw } = more();
  // One walk per encoding at most: the indentation and comments candidates share it.
  const walks = new Map<HashEncoding, WalkDigests>();
  const walked = (e: HashEncoding): WalkDigests => {
    let w = walks.get(e);
    if (!w) walks.set(e, (w = walk(e)));
    return w;
  };

  const candidates: [string, FindingCode, string, () => string | null][] = [
    [other(encoding), encoding === 'utf-8' ? 'TISS-HASH-LATIN1' : 'TISS-HASH-UTF8',
      `O hash foi calculado sobre os bytes ${label(other(encoding))} do texto, mas deve ser sobre ${label(encoding)}: acontece quando o arquivo tem acentos e o sistema gerador usou a codificação errada.`,
      () => digestOf(leaves, other(encoding))],
    ['file-encoding', 'TISS-HASH-MISMATCH',
      'O hash confere com o texto original, mas o arquivo foi gravado em UTF-8 e declarado ISO-8859-1: a operadora lê os acentos trocados e o hash deixa de conferir. Converta o arquivo para ISO-8859-1 (o hash passará a conferir).',
      () => (leaves.every(isLatin1) ? digestLeaves(leaves, encoding, { map: rereadAsUtf8 }) : null)],
    ['trimmed', 'TISS-HASH-TRIMMED',
      'O hash foi calculado com os valores aparados (espaços do começo e do fim removidos); o padrão manda usar o conteúdo exato dos campos.',
      () => digestLeaves(leaves, encoding, { map: trim })],
    [`trimmed-${other(encoding)}`, 'TISS-HASH-TRIMMED',
      `O hash foi calculado com os valores aparados e sobre bytes ${label(other(encoding))}; o padrão manda usar o conteúdo exato dos campos em ${label(encoding)}.`,
      () => digestLeaves(leaves, other(encoding), { map: trim })],
    ['indentation', 'TISS-HASH-WHITESPACE',
      'O hash foi calculado sobre todo o texto do XML, incluindo as quebras de linha e a indentação entre as tags; só o conteúdo dos campos conta.',
      () => walked(encoding).all ?? walked(other(encoding)).all],
    ['comments', 'TISS-HASH-COMMENTS',
      'O hash foi calculado incluindo o texto dos comentários <!-- -->; comentários não são campos e não entram no hash.',
      () => (walked(encoding).comments > 0 ? walked(encoding).withComments ?? walked(other(encoding)).withComments : null)],
    ['raw-file', 'TISS-HASH-RAW-XML',
      'O hash foi calculado sobre o arquivo XML inteiro (com as tags); o padrão manda usar só o conteúdo dos campos, sem as tags.',
      () => md5Hex(raw.fileBytes)],
    ['raw-file-without-hash', 'TISS-HASH-RAW-XML',
      'O hash foi calculado sobre o arquivo XML com as tags (com o hash vazio); o padrão manda usar só o conteúdo dos campos, sem as tags.',
      () => md5Hex(raw.fileWithoutHash)],
    ['raw-message', 'TISS-HASH-RAW-XML',
      'O hash foi calculado sobre o XML da mensagem com as tags; o padrão manda usar só o conteúdo dos campos, sem as tags.',
      () => md5Hex(raw.messageMarkup)],
  ];
  for (const [variant, code, explanation, compute] of candidates) {
    const digest = compute();
    if (digest !== null && digest === f) return { ...base, ok: false, code, variant, explanation };
  }

  if (/^[0-9a-f]{40}$/.test(f) || /^[0-9a-f]{64}$/.test(f)) {
    const algo = f.length === 40 ? 'sha1' : 'sha256';
    // Not strict: ISO-8859-1 takes each character's low byte, as Buffer.from(text, 'latin1') did.
    const variants = [encoding, other(encoding)].map((e) => digestLeaves(leaves, e, { algo, strict: false }));
    const same = variants.includes(f);
    return {
      ...base,
      ok: false,
      code: 'TISS-HASH-WRONG-ALGORITHM',
      variant: algo,
      explanation: `O hash tem ${f.length} dígitos hexadecimais, ${same ? `e é o ${algo.toUpperCase()} do conteúdo` : `como um ${algo.toUpperCase()}`}; o padrão TISS usa MD5 (32 dígitos).`,
    };
  }
  if (!/^[0-9a-f]{32}$/.test(f)) {
    return {
      ...base,
      ok: false,
      code: 'TISS-HASH-MISMATCH',
      variant: 'not-md5',
      explanation: `O valor "${truncate(found)}" não é um MD5 (32 dígitos hexadecimais): parece um valor de exemplo ou um campo preenchido por engano.`,
    };
  }
  return {
    ...base,
    ok: false,
    code: 'TISS-HASH-MISMATCH',
    variant: 'stale',
    explanation: 'O hash não corresponde ao conteúdo nem a nenhum erro conhecido de cálculo: o mais provável é que o arquivo tenha sido editado depois de o hash ser gerado.',
  };
}

function trim(s: string): string {
  return s.trim();
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
