import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../src/formatters/index.js';
import type { Report } from '../src/formatters/types.js';
import { formatReport } from '../src/formatters/report.js';
import { codeFrame } from '../src/formatters/utils/code-frame.js';
import { generate } from '../src/generate/generate.js';
import { resultOf, validate } from '../src/validate/index.js';
import { INVALID, SAMPLES, VALID } from './helpers.js';
import { codeDescriptors } from '../src/codes.js';

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
  const options = { quiet: false, color: false, source: () => null, codes: codeDescriptors(), cwd: process.cwd() };

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

  it('sarif: the rules are the code descriptors handed in (the formatter reads no catalogue); no address unless the package has a homepage', () => {
    const mine = [{ id: 'TISS-MSG-EMPTY-BODY', title: 'Título de teste', description: 'Descrição de teste', severity: 'warning' as const, origin: 'message' }];
    const log = JSON.parse(formatReport(FORMATTERS.sarif, report, { ...options, codes: mine }));
    const driver = log.runs[0].tool.driver;
    expect(driver.rules).toEqual([{ id: 'TISS-MSG-EMPTY-BODY', name: 'msgEmptyBody', shortDescription: { text: 'Título de teste' }, fullDescription: { text: 'Descrição de teste' }, defaultConfiguration: { level: 'warning' }, help: { text: 'Título de teste. Veja a tabela de códigos no README do tiss.' }, properties: { source: 'message' } }]);
    expect(driver).not.toHaveProperty('informationUri');
    const withHome = JSON.parse(formatReport(FORMATTERS.sarif, { ...report, tool: { ...report.tool, informationUri: 'https://example.org/tiss' } }, { ...options, codes: mine })).runs[0].tool.driver;
    expect(withHome.informationUri).toBe('https://example.org/tiss');
    expect(withHome.rules[0].helpUri).toBe('https://example.org/tiss#finding-codes');
    // The whole list: every engine code and every rule, each once.
    const all = JSON.parse(formatReport(FORMATTERS.sarif, report, options)).runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    expect(all).toEqual(codeDescriptors().map((c) => c.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it('json: versioned, parseable, quiet filters findings', () => {
    const body = JSON.parse(formatReport(FORMATTERS.json, report, { ...options, quiet: true }));
    expect(body.schemaVersion).toBe(1);
    expect(body.files[1].findings).toEqual([]);
    expect(body.files[1].counts.warning).toBe(1);
    expect(body.unreadable).toEqual([{ file: 'x.xml', reason: 'arquivo não encontrado' }]);
  });
});

describe('a generator finding shows its input path in every format (issue 13)', () => {
  // One finding on the input (path only) and one of the written message's validation (path and XPath).
  const onInput = generate({ ...JSON.parse(readFileSync(join(SAMPLES, 'generate', 'lote-consulta.json'), 'utf8')), numeroLote: 202609101 }, { file: 'lote.json' }).findings;
  expect(onInput).toMatchObject([{ code: 'TISS-GEN-VALOR', path: 'numeroLote', xpath: null }]);
  const consulta = JSON.parse(readFileSync(join(SAMPLES, 'generate', 'lote-consulta.json'), 'utf8')) as { guias: { observacao?: string }[] };
  consulta.guias[0]!.observacao = 'Dor — há 3 dias';
  const written = generate(consulta, { file: 'lote.json' }).findings;
  expect(written).toMatchObject([{ code: 'TISS-ENC-OUTSIDE-LATIN1', path: 'guias[0].observacao', xpath: expect.stringMatching(/^\/mensagemTISS\/.*\/guiaConsulta\[1\]\/observacao$/) }]);
  const report: Report = { tool: { name: 'tiss', version: 't' }, results: [resultOf('lote.json', [...onInput, ...written])], unreadable: [] };
  const options = { quiet: false, color: false, source: () => null, codes: codeDescriptors(), cwd: process.cwd() };
  const xpath = written[0]!.xpath!;

  it('text: "em <path>", and the XML XPath beside it when there is one', () => {
    const out = formatReport(FORMATTERS.text, report, options);
    expect(out).toContain('    em numeroLote\n');
    expect(out).toContain(`    em guias[0].observacao (no XML: ${xpath})\n`);
  });

  it('json: the path field of each finding', () => {
    const out = JSON.parse(formatReport(FORMATTERS.json, report, options)) as { files: { findings: { path?: string; xpath: string | null }[] }[] };
    expect(out.files[0]!.findings.map((f) => [f.path, f.xpath])).toEqual([['numeroLote', null], ['guias[0].observacao', xpath]]);
  });

  it('sarif: the path as a logical location (property), before the XPath (element)', () => {
    const out = JSON.parse(formatReport(FORMATTERS.sarif, report, options)) as { runs: { results: { locations: { logicalLocations?: unknown[] }[] }[] }[] };
    expect(out.runs[0]!.results.map((r) => r.locations[0]!.logicalLocations)).toEqual([
      [{ fullyQualifiedName: 'numeroLote', kind: 'property' }],
      [{ fullyQualifiedName: 'guias[0].observacao', kind: 'property' }, { fullyQualifiedName: xpath, kind: 'element' }],
    ]);
  });

  it('junit: the path in the failure lines', () => {
    const out = formatReport(FORMATTERS.junit, report, options);
    expect(out).toContain('TISS-GEN-VALOR erro numeroLote: numeroLote:');
    expect(out).toContain(`TISS-ENC-OUTSIDE-LATIN1 erro guias[0].observacao ${xpath}: `);
  });

  it('codequality: the path is part of the fingerprint only where there is one', () => {
    const issues = JSON.parse(formatReport(FORMATTERS.codequality, report, options)) as { fingerprint: string }[];
    const withoutPath = JSON.parse(formatReport(FORMATTERS.codequality, { ...report, results: [resultOf('lote.json', onInput.map(({ path: _, ...f }) => f))] }, options)) as { fingerprint: string }[];
    expect(issues[0]!.fingerprint).not.toBe(withoutPath[0]!.fingerprint);
  });
});
