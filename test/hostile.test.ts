import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../src/validate.js';
import { VALID } from './helpers.js';

/**
 * Hostile and broken input: every case ends in findings (never an exception, a hang, or a read
 * of anything but the input). Files are generated here, not committed.
 */
const dir = mkdtempSync(join(tmpdir(), 'tiss-hostile-'));
const CANARY = 'CANARIO-NAO-PODE-SER-LIDO-7f3a';
const canaryFile = join(dir, 'canary.txt');
writeFileSync(canaryFile, CANARY);
let hits = 0;
const server = createServer((_req, res) => {
  hits++;
  res.end(`<!ENTITY x "${CANARY}">`);
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const lote = readFileSync(join(VALID, 'lote-consulta.xml'));
const msg = (s: string) => Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n${s}`, 'latin1');
const TISS_ROOT = '<ans:mensagemTISS xmlns:ans="http://www.ans.gov.br/padroes/tiss/schemas">';

function check(bytes: Uint8Array) {
  const started = performance.now();
  const r = validate(bytes, { file: 'hostil.xml' });
  const ms = performance.now() - started;
  expect(ms).toBeLessThan(10_000);
  expect(JSON.stringify(r)).not.toContain(CANARY);
  expect(r.findings.every((f) => f.code !== 'TISS-INTERNAL')).toBe(true);
  return r;
}

describe('hostile input', () => {
  it('XXE to a local file: refused, the file is never read', () => {
    const r = check(msg(`<!DOCTYPE m [<!ENTITY xxe SYSTEM "file://${canaryFile}">]>\n${TISS_ROOT}<ans:cabecalho>&xxe;</ans:cabecalho></ans:mensagemTISS>`));
    expect(r.findings.map((f) => f.code)).toEqual(['TISS-XML-DOCTYPE']);
  });

  it('XXE to a loopback URL, parameter entities and an external DTD: no request is made', () => {
    const url = `http://127.0.0.1:${port}/x.dtd`;
    for (const doctype of [
      `<!DOCTYPE m [<!ENTITY xxe SYSTEM "${url}">]>`,
      `<!DOCTYPE m [<!ENTITY % p SYSTEM "${url}"> %p;]>`,
      `<!DOCTYPE m SYSTEM "${url}">`,
    ]) {
      const r = check(msg(`${doctype}\n${TISS_ROOT}<ans:cabecalho>&xxe;</ans:cabecalho></ans:mensagemTISS>`));
      expect(r.findings[0]!.code).toBe('TISS-XML-DOCTYPE');
    }
    expect(hits).toBe(0);
  });

  it('billion laughs: refused at once, memory untouched', () => {
    const ents = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
    const before = process.memoryUsage().rss;
    const r = check(msg(`<!DOCTYPE m [${ents}]>\n<m>&l9;</m>`));
    expect(r.findings[0]!.code).toBe('TISS-XML-DOCTYPE');
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('a DOCTYPE after comments and processing instructions is still found', () => {
    const r = check(msg(`<!-- a -->\n<?pi x?>\n<!DOCTYPE m>\n<m/>`));
    expect(r.findings[0]!.code).toBe('TISS-XML-DOCTYPE');
  });

  it('truncated at every 1/20th of a valid lote: a finding, with a line', () => {
    for (let i = 1; i < 20; i++) {
      const r = check(lote.subarray(0, Math.floor((lote.length * i) / 20)));
      expect(r.valid).toBe(false);
      const f = r.findings.find((x) => x.code === 'TISS-XML-NOT-WELL-FORMED' || x.code === 'TISS-INPUT-EMPTY')!;
      expect(f, `cut at ${i}/20`).toBeDefined();
    }
  });

  it('binary junk, NUL bytes, empty and blank files', () => {
    expect(check(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff])).findings[0]!.code).toBe('TISS-XML-NOT-WELL-FORMED');
    expect(check(msg('<m>a\u0000b</m>')).findings.map((f) => f.code)).toContain('TISS-XML-NOT-WELL-FORMED');
    expect(check(Buffer.alloc(0)).findings[0]!.code).toBe('TISS-INPUT-EMPTY');
    expect(check(Buffer.from('  \n\t\r\n')).findings[0]!.code).toBe('TISS-INPUT-EMPTY');
  });

  it('UTF-16 with and without BOM is read and reported', () => {
    const text = lote.toString('latin1').replace('encoding="ISO-8859-1"', 'encoding="UTF-16"');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const noBom = Buffer.from(text, 'utf16le');
    for (const b of [withBom, noBom]) {
      const r = check(b);
      expect(r.findings.map((f) => f.code)).toEqual(['TISS-ENC-UTF16']);
      expect(r.message?.operation).toBe('loteGuias');
      expect(r.hash?.ok).toBe(true);
    }
  });

  it('wrong encoding both ways', () => {
    const utf8AsLatin1 = Buffer.from(lote.toString('latin1'), 'utf8');
    expect(check(utf8AsLatin1).findings.map((f) => f.code)).toContain('TISS-ENC-UTF8-DECLARED-LATIN1');
    const latin1AsUtf8 = Buffer.from(lote.toString('latin1').replace('ISO-8859-1', 'UTF-8'), 'latin1');
    expect(check(latin1AsUtf8).findings.map((f) => f.code)).toEqual(['TISS-ENC-LATIN1-DECLARED-UTF8']);
  });

  it('100,000-deep nesting is refused by the parser limit', () => {
    const deep = msg(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);
    const r = check(deep);
    expect(r.findings[0]!.code).toBe('TISS-XML-NOT-WELL-FORMED');
  });

  it('a 10 MB text node and 10,000 attributes end in findings, not a crash', () => {
    const big = check(msg(`${TISS_ROOT}<ans:cabecalho>${'x'.repeat(10 * 1024 * 1024)}</ans:cabecalho></ans:mensagemTISS>`));
    expect(big.valid).toBe(false);
    const attrs = Array.from({ length: 10_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const many = check(msg(`${TISS_ROOT.replace('>', ` ${attrs}>`)}<ans:cabecalho/></ans:mensagemTISS>`));
    expect(many.valid).toBe(false);
  });

  it('--max-size refuses larger files with a clear finding', () => {
    const r = validate(lote, { maxSize: 100 });
    expect(r.findings.map((f) => f.code)).toEqual(['TISS-INPUT-TOO-LARGE']);
    expect(r.findings[0]!.message).toMatch(/acima do limite/);
  });
});
