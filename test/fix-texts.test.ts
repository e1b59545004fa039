import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVALID, tiss, validateSample, tempDir, VALID } from './helpers.js';
import { validate } from '../src/validate/index.js';

/** Issue 13, item 3: a finding's "Como corrigir" says what to do in the situation at hand. */

describe('the hash findings name the hash encoding in use', () => {
  const stale = join(INVALID, 'hash-desatualizado.xml');

  it('ISO-8859-1 (the default): the command and the generator advice say ISO-8859-1', () => {
    const f = validateSample(stale).findings.find((x) => x.code.startsWith('TISS-HASH-'))!;
    expect(f.fix).toBe('Recalcule com: tiss hash --fix --write <arquivo> (ou corrija o gerador: MD5 do texto dos campos, na ordem, sem tags, em ISO-8859-1).');
  });

  it('UTF-8 (--hash-encoding utf-8 or a profile): the command recalculates in UTF-8, the advice says UTF-8', () => {
    const f = validateSample(stale, { hashEncoding: 'utf-8' }).findings.find((x) => x.code.startsWith('TISS-HASH-'))!;
    expect(f.fix).toBe('Recalcule com: tiss hash --fix --write --encoding utf-8 <arquivo> (ou corrija o gerador: MD5 do texto dos campos, na ordem, sem tags, em UTF-8).');
    expect(f.fix).not.toContain('ISO-8859-1');
    const none = validateSample(join(INVALID, 'hash-ausente.xml'), { hashEncoding: 'utf-8' }).findings.find((x) => x.code === 'TISS-HASH-MISSING')!;
    expect(none.fix).toContain('em UTF-8');
  });

  it('following the UTF-8 advice makes the file pass with --hash-encoding utf-8', () => {
    const file = join(tempDir('tiss-fixtext-'), 'lote.xml');
    copyFileSync(stale, file);
    const before = tiss(['validate', '--hash-encoding', 'utf-8', file]);
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('Como corrigir: Recalcule com: tiss hash --fix --write --encoding utf-8 <arquivo>');
    expect(tiss(['hash', '--fix', '--write', '--encoding', 'utf-8', file]).status).toBe(0);
    const after = tiss(['validate', '--hash-encoding', 'utf-8', file]);
    expect(after.stdout).not.toContain('TISS-HASH-');
    expect(after.status).toBe(0);
  });
});

describe('a truncated file: fetch it again, on both engines', () => {
  const ADVICE = 'O arquivo foi cortado antes do fim (download, transferência ou geração interrompida): gere-o ou baixe-o de novo e confira se ele chegou inteiro.';

  it.each(['compiled', 'libxml2'] as const)('%s: xml-truncado.xml (cut inside a tag) gets the re-download advice, not "check the quotes"', (engine) => {
    const [f, ...rest] = validateSample(join(INVALID, 'xml-truncado.xml'), { engine }).findings;
    expect(rest).toEqual([]);
    expect(f!.code).toBe('TISS-XML-NOT-WELL-FORMED');
    expect(f!.message).toMatch(/truncado/);
    expect(f!.fix).toBe(ADVICE);
  });

  // Cut right after "<" or "<ans:": before, a stray-"<" advice (compiled) or libxml2's English with no fix.
  it.each([
    ['compiled', '<'],
    ['compiled', '<ans:'],
    ['libxml2', '<'],
    ['libxml2', '<ans:'],
  ] as const)('%s: a file that ends in %j is truncated, not a stray "<"', (engine, tail) => {
    const text = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1').slice(0, 3000) + tail;
    const findings = validate(Buffer.from(text, 'latin1'), { file: 'cortado.xml', engine }).findings;
    expect(findings.map((x) => x.code)).toEqual(['TISS-XML-NOT-WELL-FORMED']);
    expect(findings[0]!.message).toMatch(/truncado/);
    expect(findings[0]!.message).not.toMatch(/Failed|QName/);
    expect(findings[0]!.fix).toBe(ADVICE);
  });

  it('a stray "<" with text after it is still a stray "<"', () => {
    const text = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1').replace('>Caio Augusto', '>Caio < Augusto');
    const f = validate(Buffer.from(text, 'latin1'), { file: 'x.xml' }).findings.find((x) => x.code === 'TISS-XML-NOT-WELL-FORMED');
    expect(f?.message).toBe('Há um "<" que não inicia uma tag válida; no texto ele precisa ser escrito como &lt;.');
  });
});
