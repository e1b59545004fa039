import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeHash, fixHash } from '../src/hash/api.js';
import { validate } from '../src/validate/index.js';
import { codes, VALID } from './helpers.js';

/**
 * Issue 9, item 7: `hash --fix` on a message without its hash element inserts it where the XSD wants it
 * (before this, it said "hash já está correto" and wrote nothing, although validate told the user to run it).
 */
const lote = readFileSync(join(VALID, 'lote-consulta.xml')).toString('latin1');
const ws = readFileSync(join(VALID, 'ws-cancela-guia.xml')).toString('latin1');
const mon = readFileSync(join(VALID, 'monitoramento-guias.xml')).toString('latin1');
const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const fixed = (s: string): string => Buffer.from(fixHash(b(s)).fixed!).toString('latin1');

describe('hash --fix inserts a missing hash', () => {
  it('no epilogo: a new epilogo after the body, in the document prefix and indentation (byte for byte the original)', () => {
    const without = lote.replace(/\n\s*<ans:epilogo>[\s\S]*<\/ans:epilogo>/, '');
    expect(codes(validate(b(without)))).toContain('TISS-HASH-MISSING');
    const r = fixHash(b(without));
    expect(r.inserted).toBe('epilogo');
    expect(r.changed).toBe(true);
    expect(Buffer.from(r.fixed!).toString('latin1')).toBe(lote);
  });

  it('an epilogo without hash, empty or self-closing: the hash goes inside', () => {
    for (const e of ['<ans:epilogo/>', '<ans:epilogo></ans:epilogo>', '<ans:epilogo>\n  </ans:epilogo>']) {
      const text = lote.replace(/<ans:epilogo>[\s\S]*<\/ans:epilogo>/, e);
      const r = fixHash(b(text));
      expect(r.inserted).toBe('hash');
      expect(codes(validate(Buffer.from(r.fixed!)))).toEqual([]);
    }
  });

  it('a one-line file stays on one line; a default namespace gets no prefix', () => {
    const one = lote.replace(/>\s+</g, '><');
    const out = fixed(one.replace(/<ans:epilogo>.*<\/ans:epilogo>/, ''));
    expect(out.split('\n')).toHaveLength(one.split('\n').length);
    expect(codes(validate(b(out)))).toEqual([]);
    const plain = one.replace(/ans:/g, '').replace('xmlns:ans=', 'xmlns=');
    const p = fixed(plain.replace(/<epilogo>.*<\/epilogo>/, ''));
    expect(p).toContain('<epilogo><hash>');
    expect(validate(b(p)).hash?.ok).toBe(true);
  });

  it('before the Signature, never after it', () => {
    const sig = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>';
    const text = lote.replace(/<ans:epilogo>[\s\S]*<\/ans:epilogo>/, sig);
    const out = fixed(text);
    expect(out.indexOf('<ans:epilogo>')).toBeLessThan(out.indexOf('<ds:Signature'));
    expect(computeHash(b(out)).ok).toBe(true);
  });

  it('a *WS body gets its hash after the body (and before its Signature)', () => {
    const without = ws.replace(/\n\s*<ans:hash>[^<]*<\/ans:hash>/, '');
    const r = fixHash(b(without));
    expect(r.inserted).toBe('hash');
    expect(Buffer.from(r.fixed!).toString('latin1')).toBe(ws);
  });

  it('Envio de Dados: the hash comes in uppercase, as the ANS writes it', () => {
    const without = mon.replace(/\n\s*<ans:epilogo>[\s\S]*<\/ans:epilogo>/, '');
    const out = fixed(without);
    expect(out).toBe(mon);
  });

  it('a hash inside a comment is not a hash', () => {
    const text = lote.replace(/<ans:epilogo>[\s\S]*<\/ans:epilogo>/, (m) => `<!-- ${m} -->`);
    const h = computeHash(b(text));
    expect(h.found).toBeNull();
    const r = fixHash(b(text));
    expect(r.inserted).toBe('epilogo');
    expect(computeHash(Buffer.from(r.fixed!)).ok).toBe(true);
  });

  it('UTF-8 bytes declared ISO-8859-1 whose hash matches the original text: not rewritten (that would hide the cause)', () => {
    const utf8 = Buffer.from(lote, 'utf8');
    const r = fixHash(utf8);
    expect(r.variant).toBe('file-encoding');
    expect(r.fixed).toBeNull();
    expect(r.refused).toMatch(/Converta-o para ISO-8859-1/);
  });

  it('UTF-16: refused with the reason, not an internal error', () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lote.replace('ISO-8859-1', 'UTF-16').replace(/<ans:hash>[^<]*/, '<ans:hash>0'), 'utf16le')]);
    const r = fixHash(u16);
    expect(r.fixed).toBeNull();
    expect(r.refused).toMatch(/UTF-16/);
  });
});
