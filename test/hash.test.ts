import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeHash, fixHash } from '../src/hash/api.js';
import { CORPUS, INVALID, tiss, VALID, tempDir } from './helpers.js';

const tmp = () => tempDir('tiss-hash-');

/**
 * Cross-check with an independent implementation (petrinhu/TISS_ANS_hash, conformance/vectors.json):
 * its reference feeds MD5 with UTF-8 bytes and counts comments as fields. Where the text is ASCII and
 * has no comment, its digest must equal our canonical (ISO-8859-1) one; where it has accents, it must
 * equal our UTF-8 variant.
 */
const PETRINHU = 'petrinhu__TISS_ANS_hash/conformance__inputs__';
const ASCII_VECTORS: [string, string][] = [
  ['syn_minimal.xml', '3aa0c578c95cdb861a125f480a8a4de5'],
  ['syn_empty.xml', 'e43622c19cad903e2abd678330b9d7ca'],
  ['syn_crlf_value.xml', '4df6fcedd9ed44aa9741d70e10f06746'],
  ['syn_multi_guia.xml', '0e1339fa27441b62c28e38267f10632d'],
  ['syn_entidades_xml.xml', 'b0d587961802b967dd4e6033dc659625'],
  ['syn_cdata.xml', '9fe56c6419fc78dd26313d63834b877f'],
  ['syn_atributo_folha.xml', '7a811223bea501d2b307c9181de25fb3'],
  ['syn_namespace_xsi.xml', '7691354564876cbd1f105bf85cb9abd0'],
  ['syn_whitespace_puro.xml', '4b09417e46d92615764c81b434e3dd58'],
  ['syn_leading_zero.xml', 'a258e0ce23d683450961493351fa21b8'],
];
const UTF8_VECTORS: [string, string][] = [
  ['syn_acento.xml', 'a20afc9a89aadaa2179d03d225337662'],
  ['syn_iso8859_simbolos.xml', 'f17145d66f22e7641a4ea466e4b8024b'],
  ['syn_perf_grande.xml', '4ea0da5e9916827df848a3fcf661d3d7'],
  ['syn_bom_utf8.xml', '47d20fe3f5bb21cba74e54e5292170ab'],
];

describe('canonical digest', () => {
  it.each(ASCII_VECTORS)('%s: equals the independent implementation', (file, digest) => {
    expect(computeHash(readFileSync(join(CORPUS, PETRINHU + file))).expected).toBe(digest);
  });

  it.each(UTF8_VECTORS)('%s: its UTF-8 variant equals the independent implementation', (file, digest) => {
    const bytes = readFileSync(join(CORPUS, PETRINHU + file));
    expect(computeHash(bytes, { encoding: 'utf-8' }).expected).toBe(digest);
    expect(computeHash(bytes).expected).not.toBe(digest);
  });

  it('is untrimmed, decodes entities and CDATA, ignores attributes, comments and indentation', () => {
    const doc = (body: string) =>
      Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<ans:mensagemTISS xmlns:ans="http://www.ans.gov.br/padroes/tiss/schemas">\n  <ans:cabecalho>\n${body}\n  </ans:cabecalho>\n  <ans:epilogo><ans:hash/></ans:epilogo>\n</ans:mensagemTISS>`, 'latin1');
    const md5 = (s: string) => computeHash(doc(`<ans:a>${s}</ans:a>`)).expected;
    expect(computeHash(doc('<ans:a x="1"> a&amp;b<![CDATA[<c>]]> </ans:a><!-- nota --><ans:b/>\n<ans:c>é</ans:c>')).expected).toBe(
      createHash('md5').update(Buffer.from(' a&b<c> é', 'latin1')).digest('hex'),
    );
    expect(md5('x')).not.toBe(md5(' x'));
  });

  it('stops at the epílogo: a Signature after it does not count', () => {
    const base = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');
    const signed = base.replace('</ans:epilogo>', '</ans:epilogo>\n  <ans:Signature>qualquer</ans:Signature>');
    expect(computeHash(Buffer.from(signed, 'latin1')).expected).toBe(computeHash(Buffer.from(base, 'latin1')).expected);
  });

  it('uses uppercase for Envio de Dados (monitoramento)', () => {
    const r = computeHash(readFileSync(join(VALID, 'monitoramento-guias.xml')));
    expect(r.expected).toMatch(/^[0-9A-F]{32}$/);
    expect(r.ok).toBe(true);
  });

  it('is compared case-insensitively for TISS', () => {
    const text = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1').replace(/<ans:hash>([^<]+)</, (_m, h: string) => `<ans:hash>${h.toUpperCase()}<`);
    expect(computeHash(Buffer.from(text, 'latin1')).ok).toBe(true);
  });
});

describe('fix', () => {
  it('writes the canonical digest and changes no other byte', () => {
    const before = readFileSync(join(INVALID, 'hash-desatualizado.xml'));
    const r = fixHash(before);
    expect(r.changed).toBe(true);
    const after = Buffer.from(r.fixed!);
    const i = before.indexOf('<ans:hash>') + '<ans:hash>'.length;
    expect(after.subarray(0, i)).toEqual(before.subarray(0, i));
    expect(after.subarray(i + 32)).toEqual(before.subarray(i + 32));
    expect(after.subarray(i, i + 32).toString()).toBe(r.expected);
    expect(computeHash(after).ok).toBe(true);
  });

  it('fills an empty or self-closing hash element', () => {
    const base = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');
    const selfClosing = Buffer.from(base.replace(/<ans:hash>[^<]*<\/ans:hash>/, '<ans:hash/>'), 'latin1');
    const r = fixHash(selfClosing);
    expect(Buffer.from(r.fixed!).toString('latin1')).toBe(base);
  });

  it('keeps a UTF-8 file UTF-8 (offsets in bytes, BOM kept)', () => {
    const base = readFileSync(join(CORPUS, PETRINHU + 'syn_bom_utf8.xml'));
    const r = fixHash(base, { encoding: 'utf-8' });
    const out = Buffer.from(r.fixed!);
    expect(out.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(computeHash(out, { encoding: 'utf-8' }).ok).toBe(true);
  });

  it('refuses a file that is not well-formed', () => {
    const r = fixHash(readFileSync(join(INVALID, 'xml-truncado.xml')));
    expect(r.readable).toBe(false);
    expect(r.fixed).toBeNull();
    expect(r.findings[0]!.code).toBe('TISS-XML-NOT-WELL-FORMED');
  });
});

describe('tiss hash (CLI)', () => {
  it('prints the digest', () => {
    const r = tiss(['hash', join(VALID, 'lote-consulta.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('21fa28b18f1471c639cd229fcb52935b');
  });

  it('--check: 0 when it matches, 1 with the diagnosis when not', () => {
    expect(tiss(['hash', '--check', join(VALID, 'lote-consulta.xml')]).status).toBe(0);
    const bad = tiss(['hash', '--check', join(INVALID, 'hash-utf8.xml')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/UTF-8/);
    expect(bad.stdout).toMatch(/tiss hash --fix --write/);
  });

  it('--fix without --write or -o writes nothing and exits 1', () => {
    const dir = tmp();
    const file = join(dir, 'lote.xml');
    copyFileSync(join(INVALID, 'hash-vazio.xml'), file);
    const before = readFileSync(file);
    const r = tiss(['hash', '--fix', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Nada foi gravado/);
    expect(readFileSync(file)).toEqual(before);
  });

  it('--fix --write rewrites in place, atomically, keeping the mode and leaving no temp file', () => {
    const dir = tmp();
    const file = join(dir, 'lote.xml');
    copyFileSync(join(INVALID, 'hash-vazio.xml'), file);
    chmodSync(file, 0o640);
    const r = tiss(['hash', '--fix', '--write', file]);
    expect(r.status).toBe(0);
    expect(readFileSync(file)).toEqual(readFileSync(join(VALID, 'lote-consulta.xml')));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['lote.xml']);
  });

  it('--fix -o OUT leaves the input untouched', () => {
    const dir = tmp();
    const input = join(dir, 'in.xml');
    const output = join(dir, 'out.xml');
    copyFileSync(join(INVALID, 'hash-desatualizado.xml'), input);
    const before = readFileSync(input);
    expect(tiss(['hash', '--fix', input, '-o', output]).status).toBe(0);
    expect(readFileSync(input)).toEqual(before);
    expect(computeHash(readFileSync(output)).ok).toBe(true);
  });

  it('refuses (exit 2) to fix a file that is not well-formed, and does not touch it', () => {
    const dir = tmp();
    const file = join(dir, 'x.xml');
    copyFileSync(join(INVALID, 'xml-truncado.xml'), file);
    const before = readFileSync(file);
    const r = tiss(['hash', '--fix', '--write', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/truncado/);
    expect(readFileSync(file)).toEqual(before);
  });

  it('--write without --fix is a usage error', () => {
    const r = tiss(['hash', '--write', join(VALID, 'lote-consulta.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--fix/);
  });
});

describe('atomic write', () => {
  it('a failure while writing leaves the original intact and no temp file', async () => {
    const dir = tmp();
    const file = join(dir, 'lote.xml');
    writeFileSync(file, 'original');
    vi.resetModules();
    vi.doMock('node:fs', async (orig) => {
      const fs = await orig<typeof import('node:fs')>();
      return { ...fs, fsyncSync: () => { throw new Error('disco cheio (simulado)'); } };
    });
    const { writeFileAtomic } = await import('../src/io/atomic-write.js');
    expect(() => writeFileAtomic(file, Buffer.from('novo conteúdo'))).toThrow(/disco cheio/);
    vi.doUnmock('node:fs');
    vi.resetModules();
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['lote.xml']);
  });
});
