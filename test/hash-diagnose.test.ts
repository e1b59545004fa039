import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeHash, type HashOptions } from '../src/hash/api.js';

/**
 * Every explanation of a wrong epílogo hash, each proved on a message whose texts are written out here by
 * hand (not taken from our own walk of the tree): the canonical leaves, the leaves trimmed, every text node
 * (indentation included), the leaves with the comments, the raw XML, another algorithm. The order of the
 * candidates decides the variant when several match; the cases where two match pin it.
 */

const NS = 'http://www.ans.gov.br/padroes/tiss/schemas';
const digest = (algo: string, text: string | Buffer, enc: BufferEncoding = 'latin1'): string => createHash(algo).update(typeof text === 'string' ? Buffer.from(text, enc) : text).digest('hex');
const md5 = (text: string | Buffer, enc: BufferEncoding = 'latin1'): string => digest('md5', text, enc);

/** A mensagemTISS with padded and accented fields, a comment inside a field, one between elements, and one after the epílogo. */
const tiss = (hash: string, { declared = 'ISO-8859-1', bytes = 'latin1' }: { declared?: string; bytes?: BufferEncoding } = {}): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="${declared}"?>\n<ans:mensagemTISS xmlns:ans="${NS}">\n  <ans:cabecalho>\n    <ans:a> x </ans:a>\n    <ans:b>é<!-- c1 -->ç</ans:b>\n  </ans:cabecalho>\n  <!-- c2 -->\n  <ans:epilogo><ans:hash>${hash}</ans:hash></ans:epilogo>\n  <!-- depois -->\n</ans:mensagemTISS>\n`,
    bytes,
  );
const LEAVES = ' x éç';
const TRIMMED = 'xéç';
/** Every text node up to the epílogo: the message's, the cabecalho's (its fields' text among them). */
const ALL = '\n  ' + '\n    ' + ' x ' + '\n    ' + 'éç' + '\n  ' + '\n  ' + '\n  ';
/** The leaves with the comments up to the epílogo; a field's comments come before its text. */
const WITH_COMMENTS = ' x ' + ' c1 ' + 'éç' + ' c2 ';

const verdict = (bytes: Buffer, options: HashOptions = {}) => {
  const r = computeHash(bytes, options);
  expect(r.readable).toBe(true);
  const codes = r.findings.filter((f) => f.code.startsWith('TISS-HASH-')).map((f) => f.code);
  return { ok: r.ok, code: codes.length ? codes : null, variant: r.variant, expected: r.expected, explanation: r.explanation };
};

describe('diagnosis of a wrong hash (ISO-8859-1, the standard)', () => {
  const canonical = md5(LEAVES);

  it.each<[string, string, string | null, string | null]>([
    ['the canonical digest', canonical, null, null],
    ['the canonical digest, in capitals and padded', ` ${canonical.toUpperCase()}\n`, null, null],
    ['UTF-8 bytes', md5(LEAVES, 'utf8'), 'TISS-HASH-UTF8', 'utf-8'],
    ['trimmed values', md5(TRIMMED), 'TISS-HASH-TRIMMED', 'trimmed'],
    ['trimmed values in UTF-8', md5(TRIMMED, 'utf8'), 'TISS-HASH-TRIMMED', 'trimmed-utf-8'],
    ['every text node (indentation)', md5(ALL), 'TISS-HASH-WHITESPACE', 'indentation'],
    ['the comments as fields', md5(WITH_COMMENTS), 'TISS-HASH-COMMENTS', 'comments'],
    ['the file with the hash emptied', md5(tiss('')), 'TISS-HASH-RAW-XML', 'raw-file-without-hash'],
    ['the message markup up to the epílogo', md5(tiss('').toString('latin1').replace(/^[\s\S]*?(?=<ans:mensagemTISS)/, '').replace(/<ans:epilogo>[\s\S]*$/, '')), 'TISS-HASH-RAW-XML', 'raw-message'],
    ['SHA-1 of the content', digest('sha1', LEAVES), 'TISS-HASH-WRONG-ALGORITHM', 'sha1'],
    ['SHA-1 of the content in UTF-8', digest('sha1', LEAVES, 'utf8'), 'TISS-HASH-WRONG-ALGORITHM', 'sha1'],
    ['SHA-256 of the content', digest('sha256', LEAVES), 'TISS-HASH-WRONG-ALGORITHM', 'sha256'],
    ['40 hex digits of something else', 'f'.repeat(40), 'TISS-HASH-WRONG-ALGORITHM', 'sha1'],
    ['not hex', 'HASH-DE-EXEMPLO', 'TISS-HASH-MISMATCH', 'not-md5'],
    ['an MD5 of something else', '0'.repeat(32), 'TISS-HASH-MISMATCH', 'stale'],
    ['nothing', '', 'TISS-HASH-EMPTY', null],
  ])('%s', (_what, hash, code, variant) => {
    const v = verdict(tiss(hash));
    expect(v).toMatchObject({ ok: code === null, code: code ? [code] : null, variant, expected: canonical });
  });

  it('says whether a digest of 40 or 64 digits is the SHA of the content', () => {
    expect(verdict(tiss(digest('sha1', LEAVES))).explanation).toMatch(/e é o SHA1 do conteúdo/);
    expect(verdict(tiss(digest('sha1', LEAVES, 'utf8'))).explanation).toMatch(/e é o SHA1 do conteúdo/);
    expect(verdict(tiss(digest('sha256', LEAVES, 'utf8'))).explanation).toMatch(/e é o SHA256 do conteúdo/);
    expect(verdict(tiss('f'.repeat(40))).explanation).toMatch(/como um SHA1;/);
  });

  it('file saved in UTF-8 but declared ISO-8859-1, hash of the original text: the file is the defect', () => {
    const v = verdict(tiss(md5(LEAVES), { bytes: 'utf8' }));
    expect(v).toMatchObject({ ok: false, code: ['TISS-HASH-MISMATCH'], variant: 'file-encoding', expected: md5(Buffer.from(LEAVES, 'utf8')) });
  });

  it('comments outside ISO-8859-1: the comments variant is the UTF-8 digest', () => {
    const doc = `<?xml version="1.0" encoding="UTF-8"?>\n<ans:mensagemTISS xmlns:ans="${NS}">\n  <ans:cabecalho><ans:a>é</ans:a><!-- € --></ans:cabecalho>\n  <ans:epilogo><ans:hash>${md5('é € ', 'utf8')}</ans:hash></ans:epilogo>\n</ans:mensagemTISS>\n`;
    expect(verdict(Buffer.from(doc, 'utf8'))).toMatchObject({ ok: false, code: ['TISS-HASH-COMMENTS'], variant: 'comments', expected: md5('é') });
  });

  it('ASCII text: where two variants give the same digest, the first in order names it', () => {
    const ascii = (hash: string) => Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<ans:mensagemTISS xmlns:ans="${NS}"><ans:cabecalho><ans:a> x </ans:a></ans:cabecalho><ans:epilogo><ans:hash>${hash}</ans:hash></ans:epilogo></ans:mensagemTISS>\n`, 'latin1');
    // trimmed = trimmed-utf-8; no indentation, so every text node = the leaves: the canonical digest.
    expect(verdict(ascii(md5('x')))).toMatchObject({ code: ['TISS-HASH-TRIMMED'], variant: 'trimmed' });
    expect(verdict(ascii(md5(' x ')))).toMatchObject({ ok: true, variant: null });
  });
});

describe('diagnosis of a wrong hash (UTF-8 requested)', () => {
  const options: HashOptions = { encoding: 'utf-8' };
  const canonical = md5(LEAVES, 'utf8');

  it.each<[string, string, string | null, string | null]>([
    ['the canonical digest', canonical, null, null],
    ['ISO-8859-1 bytes', md5(LEAVES), 'TISS-HASH-LATIN1', 'iso-8859-1'],
    ['trimmed values', md5(TRIMMED, 'utf8'), 'TISS-HASH-TRIMMED', 'trimmed'],
    ['trimmed values in ISO-8859-1', md5(TRIMMED), 'TISS-HASH-TRIMMED', 'trimmed-iso-8859-1'],
    ['every text node (indentation)', md5(ALL, 'utf8'), 'TISS-HASH-WHITESPACE', 'indentation'],
    ['the comments as fields', md5(WITH_COMMENTS, 'utf8'), 'TISS-HASH-COMMENTS', 'comments'],
    ['SHA-256 of the content', digest('sha256', LEAVES), 'TISS-HASH-WRONG-ALGORITHM', 'sha256'],
    ['an MD5 of something else', '0'.repeat(32), 'TISS-HASH-MISMATCH', 'stale'],
  ])('%s', (_what, hash, code, variant) => {
    expect(verdict(tiss(hash), options)).toMatchObject({ ok: code === null, code: code ? [code] : null, variant, expected: canonical });
  });

  it('file saved in UTF-8 but declared ISO-8859-1, hash of the original text in UTF-8: the ISO-8859-1 variant comes first and names it', () => {
    // The garbled leaves' ISO-8859-1 bytes are the original text's UTF-8 bytes: both variants give this digest.
    const v = verdict(tiss(md5(LEAVES, 'utf8'), { bytes: 'utf8' }), options);
    expect(v).toMatchObject({ ok: false, code: ['TISS-HASH-LATIN1'], variant: 'iso-8859-1' });
  });
});

describe('diagnosis of a wrong hash in a *WS message (the hash element is the boundary)', () => {
  const ws = (hash: string): Buffer =>
    Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<ans:cancelaGuiaWS xmlns:ans="${NS}">\n  <ans:cabecalho>\n    <ans:a> 1</ans:a>\n  </ans:cabecalho>\n  <!-- c -->\n  <ans:hash>${hash}</ans:hash>\n  <!-- depois -->\n</ans:cancelaGuiaWS>\n`, 'latin1');

  it.each<[string, string, string | null]>([
    ['the canonical digest', md5(' 1'), null],
    ['trimmed values', md5('1'), 'trimmed'],
    ['every text node (indentation)', md5('\n  \n    ' + ' 1' + '\n  ' + '\n  ' + '\n  '), 'indentation'],
    ['the comments as fields', md5(' 1 c '), 'comments'],
    ['the message markup up to the hash', md5(ws('').toString('latin1').replace(/^[\s\S]*?(?=<ans:cancelaGuiaWS)/, '').replace(/<ans:hash>[\s\S]*$/, '')), 'raw-message'],
  ])('%s', (_what, hash, variant) => {
    expect(verdict(ws(hash))).toMatchObject({ ok: variant === null, variant, expected: md5(' 1') });
  });
});

describe('diagnosis of a wrong hash on many fields (the digests are fed in chunks)', () => {
  // 12,000 fields (several chunks of leaves and of text), padded, accented, some with a comment.
  const n = 12_000;
  const value = (i: number): string => (i % 3 === 0 ? ` v${i}é ` : i % 3 === 1 ? `ç${i}` : `${i}  `);
  const fields = Array.from({ length: n }, (_, i) => `    <ans:f>${value(i)}${i % 1000 === 7 ? `<!-- n${i} -->` : ''}</ans:f>\n`).join('');
  const big = (hash: string): Buffer =>
    Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<ans:mensagemTISS xmlns:ans="${NS}">\n  <ans:cabecalho>\n${fields}  </ans:cabecalho>\n  <ans:epilogo><ans:hash>${hash}</ans:hash></ans:epilogo>\n</ans:mensagemTISS>\n`, 'latin1');
  const values = Array.from({ length: n }, (_, i) => value(i));
  const leaves = values.join('');
  const trimmed = values.map((s) => s.trim()).join('');
  const all = '\n  ' + values.map((s) => '\n    ' + s).join('') + '\n' + '  ' + '\n  ';
  const withComments = values.map((s, i) => (i % 1000 === 7 ? ` n${i} ` : '') + s).join('');

  it.each<[string, string, string]>([
    ['UTF-8 bytes', md5(leaves, 'utf8'), 'utf-8'],
    ['trimmed values', md5(trimmed), 'trimmed'],
    ['trimmed values in UTF-8', md5(trimmed, 'utf8'), 'trimmed-utf-8'],
    ['every text node (indentation)', md5(all), 'indentation'],
    ['the comments as fields', md5(withComments), 'comments'],
    ['SHA-1 of the content in UTF-8', digest('sha1', leaves, 'utf8'), 'sha1'],
  ])('%s', (_what, hash, variant) => {
    expect(verdict(big(hash))).toMatchObject({ ok: false, variant, expected: md5(leaves) });
  });

  it('file saved in UTF-8 but declared ISO-8859-1', () => {
    const bytes = Buffer.from(big(md5(leaves)).toString('latin1'), 'utf8');
    expect(verdict(bytes)).toMatchObject({ ok: false, variant: 'file-encoding', expected: md5(Buffer.from(leaves, 'utf8')) });
  });
});
