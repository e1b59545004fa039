import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../src/formatters/index.js';
import type { Report } from '../src/formatters/types.js';
import { formatReport } from '../src/formatters/utils/summary.js';
import { codeFrame } from '../src/formatters/utils/code-frame.js';
import { validate } from '../src/validate.js';
import { INVALID, VALID } from './helpers.js';

describe('code frame', () => {
  it('shows the line with context and a caret under the column', () => {
    const frame = codeFrame('a\n  bcd\ne', 2, 3);
    expect(frame).toBe(['  1 | a', '> 2 |   bcd', '    |   ^', '  3 | e'].join('\n'));
  });

  it('cuts a very long single line to a window around the column', () => {
    const line = `${'x'.repeat(5000)}<ans:hash>abc</ans:hash>${'y'.repeat(5000)}`;
    const frame = codeFrame(line, 1, 5001);
    const [text, caret] = frame.split('\n');
    expect(text!.length).toBeLessThan(120);
    expect(text).toContain('<ans:hash>');
    expect(text!.startsWith('> 1 | …')).toBe(true);
    expect(text![caret!.indexOf('^')]).toBe('<');
  });

  it('a single-line (minified) lote still gets a useful frame', () => {
    const minified = readFileSync(join(INVALID, 'xsd-codigo-invalido.xml'), 'latin1').replace(/>\s+</g, '><');
    const r = validate(Buffer.from(minified, 'latin1'), { file: 'min.xml' });
    const f = r.findings[0]!;
    expect(f).toMatchObject({ code: 'TISS-XSD-ENUMERATION', line: 1 });
    expect(f.column).toBeGreaterThan(1000);
    const frame = codeFrame(minified, f.line!, f.column);
    expect(frame).toContain('<ans:caraterAtendimento>3</ans:caraterAtendimento>');
  });
});

describe('formatters', () => {
  const report: Report = {
    tool: { name: 'tiss', version: 't' },
    results: [validate(readFileSync(join(VALID, 'cancela-guia.xml')), { file: 'ok.xml' }), validate(readFileSync(join(INVALID, 'msg-corpo-vazio.xml')), { file: 'aviso.xml' })],
    unreadable: [{ file: 'x.xml', reason: 'arquivo não encontrado' }],
  };
  const options = { quiet: false, color: false, source: () => null, cwd: process.cwd() };

  it('text: one line per valid file, warnings, unreadable files and a summary', () => {
    const out = formatReport(FORMATTERS.text, report, options);
    expect(out).toContain('✔ ok.xml (cancelaGuia v4.00.00)');
    expect(out).toContain('aviso arquivo  TISS-MSG-EMPTY-BODY'.replace('arquivo', 'linha 2, coluna 1'));
    expect(out).toContain('não lido: arquivo não encontrado');
    expect(out.trim().split('\n').pop()).toBe('✖ 0 erros e 1 aviso em 3 arquivos: 2 válidos, 0 com erros, 1 não lido');
  });

  it('text --quiet hides warnings and valid files', () => {
    const out = formatReport(FORMATTERS.text, report, { ...options, quiet: true });
    // Neither the valid file's line nor the warning (nor its file's heading): only what is an error —
    // the unreadable file — and a summary that counts errors only.
    expect(out).toBe('✖ x.xml\n  não lido: arquivo não encontrado\n\n✖ 0 erros em 3 arquivos: 2 válidos, 0 com erros, 1 não lido\n');
    expect(formatReport(FORMATTERS.text, report, options)).toContain('TISS-MSG-EMPTY-BODY');
  });

  it('json: versioned, parseable, quiet filters findings', () => {
    const body = JSON.parse(formatReport(FORMATTERS.json, report, { ...options, quiet: true }));
    expect(body.schemaVersion).toBe(1);
    expect(body.files[1].findings).toEqual([]);
    expect(body.files[1].counts.warning).toBe(1);
    expect(body.unreadable).toEqual([{ file: 'x.xml', reason: 'arquivo não encontrado' }]);
  });
});
