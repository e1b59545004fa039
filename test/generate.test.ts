import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTRACTS, contractJsonSchema } from '../src/generate/contract.js';
import { generateFromInput } from '../src/generate/from-input.js';
import { generate } from '../src/generate/generate.js';
import { parseInput } from '../src/generate/input.js';
import { tissModel } from '../src/generate/model.js';
import { parse } from '../src/generate/parse.js';
import { escapeText } from '../src/generate/serialize.js';
import type { JsonObject } from '../src/generate/shape.js';
import { parseConfig } from '../src/config/parse.js';
import { TissError } from '../src/errors.js';
import { validate } from '../src/validate/index.js';
import { computeHash } from '../src/hash/api.js';
import { HAS_XMLLINT, ROOT, SAMPLES, SHARED_SCHEMAS, VALID, tiss, xmlFiles, xmllint, tempDir } from './helpers.js';

const GENERATE = join(SAMPLES, 'generate');
const PASSA = join(SAMPLES, 'rules', 'passa');
const tmp = tempDir('tiss-generate-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const readJson = (file: string): JsonObject => JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
const errors = (r: { findings: { severity: string; code: string }[] }): string[] => r.findings.filter((f) => f.severity === 'error').map((f) => f.code);

/** Files parse/generate do not handle (not a mensagemTISS 4.00.00), with the reason. */
const NOT_MENSAGEM_TISS: Record<string, RegExp> = {
  'ws-lote-guias-soap.xml': /loteGuiasWS.*webservice/,
  'ws-cancela-guia.xml': /cancelaGuiaWS.*webservice/,
  'monitoramento-guias.xml': /mensagemEnvioANS.*monitoramento/,
  'monitoramento-guias-1.06.xml': /mensagemEnvioANS.*monitoramento/,
  'ws-lote-guias-soap-4.03.xml': /loteGuiasWS.*webservice/,
  'mon-campos-internacao.xml': /mensagemEnvioANS/,
  'mon-dente-face-odonto.xml': /mensagemEnvioANS/,
  'mon-guia-solic-internacao.xml': /mensagemEnvioANS/,
};

describe('parse accepts XML as a string, as validate does', () => {
  it('the same JSON from the text (ISO-8859-1 declared, accents included) as from the bytes', () => {
    const bytes = readFileSync(join(VALID, 'lote-sp-sadt.xml'));
    const text = bytes.toString('latin1');
    expect(/[\u00c0-\u00ff]/.test(text)).toBe(true);
    expect(parse(text)).toEqual(parse(bytes));
  });
});

describe('parse → generate reproduces every valid sample', () => {
  const files = [...xmlFiles(VALID).map((f) => join(VALID, f)), ...xmlFiles(PASSA).map((f) => join(PASSA, f))];

  it.each(files)('%s', (file) => {
    const bytes = readFileSync(file);
    const name = file.split('/').pop()!;
    if (NOT_MENSAGEM_TISS[name]) {
      expect(() => parse(bytes)).toThrow(TissError);
      expect(() => parse(bytes)).toThrow(NOT_MENSAGEM_TISS[name]);
      return;
    }
    if (/<ans:versaoPadrao>/.test(bytes.toString('latin1'))) {
      expect(() => parse(bytes)).toThrow(/mensagemEnvioANS/);
      return;
    }
    const json = parse(bytes, { file });
    const r = generate(json, { file });
    expect(r.findings).toEqual([]);
    // Byte-identical: same content, same layout (the samples use the generator's layout).
    expect(r.xml!.toString('latin1')).toBe(bytes.toString('latin1'));
    // And through JSON text, as the CLI does it.
    expect(parse(r.xml!)).toEqual(json);
  });

  it.each(['lote-consulta.xml', 'lote-sp-sadt.xml', 'recurso-glosa.xml'])('%s in another layout (one line, default namespace): same content and hash', (name) => {
    const other = Buffer.from(readFileSync(join(VALID, name), 'latin1').replace(/>\s+</g, '><').replace(/ans:/g, '').replace('xmlns:ans=', 'xmlns='), 'latin1');
    const r = generate(parse(other));
    expect(r.findings).toEqual([]);
    expect(r.hash).toBe(computeHash(other).expected);
    expect(parse(r.xml!)).toEqual(parse(other));
  });

  it('the list of unsupported files is current', () => {
    for (const name of Object.keys(NOT_MENSAGEM_TISS)) expect(files.some((f) => f.endsWith(`/${name}`))).toBe(true);
  });

  it('keeps what the XSD does not know out of the JSON, and says so', () => {
    const text = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1').replace('<ans:observacao>', '<ans:campoNovo>x</ans:campoNovo><ans:observacao>');
    const dropped: string[] = [];
    const json = parse(Buffer.from(text, 'latin1'), { onDropped: (x) => dropped.push(x) });
    expect(dropped).toEqual(['/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[1]/campoNovo']);
    expect(JSON.stringify(json)).not.toContain('campoNovo');
  });

  it('refuses what is not a TISS message, with a TissError', () => {
    expect(() => parse(Buffer.from('isto não é XML'))).toThrow(TissError);
    expect(() => parse(Buffer.from('<?xml version="1.0"?><a/>'))).toThrow(TissError);
  });
});

/** samples/generate/<name>.json → samples/valid/<name>.xml */
const GENERATE_SAMPLES = readdirSync(GENERATE).filter((f) => f.endsWith('.json'));

describe('samples/generate: one input per guia kind and wrapper', () => {
  it('has each kind the generator documents', () => {
    expect([...GENERATE_SAMPLES].sort()).toEqual(
      ['envio-documentos', 'lote-consulta', 'lote-honorarios', 'lote-odontologia', 'lote-resumo-internacao', 'lote-resumo-internacao-4.03', 'lote-sp-sadt', 'solicitacao-sp-sadt'].map((n) => `${n}.json`).sort(),
    );
  });

  it.each(GENERATE_SAMPLES)('%s generates the matching valid sample, with zero findings', (file) => {
    const r = generateFromInput(readFileSync(join(GENERATE, file)), { file });
    expect(r.findings).toEqual([]);
    expect(r.xml!.equals(readFileSync(join(VALID, file.replace(/\.json$/, '.xml'))))).toBe(true);
    expect(validate(r.xml!).findings).toEqual([]);
  });

  it.each(GENERATE_SAMPLES)('%s is valid against the exported JSON Schema of its contract', (file) => {
    const input = readJson(join(GENERATE, file));
    const contract = /schemas\/contracts\/(.+)\.schema\.json$/.exec(input.$schema as string)![1]!;
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'contracts', `${contract}.schema.json`), 'utf8')) as object;
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const ok = ajv.validate(schema, input);
    expect(ajv.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('lote-consulta.yaml (YAML, identificação da transação filled in) gives the same guias as the JSON', () => {
    const now = new Date(2026, 8, 12, 9, 15, 33);
    const r = generateFromInput(readFileSync(join(GENERATE, 'lote-consulta.yaml')), { file: 'lote-consulta.yaml', fill: { sequencialTransacao: '000000101', now } });
    expect(r.findings).toEqual([]);
    const fromJson = parse(readFileSync(join(VALID, 'lote-consulta.xml')));
    const fromYaml = parse(r.xml!);
    expect(fromYaml.guias).toEqual(fromJson.guias);
    expect((fromYaml.cabecalho as JsonObject).identificacaoTransacao).toEqual({
      tipoTransacao: 'ENVIO_LOTE_GUIAS',
      sequencialTransacao: '000000101',
      dataRegistroTransacao: '2026-09-12',
      horaRegistroTransacao: '09:15:33',
    });
    // Without --fill the same input is refused, and the finding says how to fix it.
    const refused = generateFromInput(readFileSync(join(GENERATE, 'lote-consulta.yaml')), { file: 'lote-consulta.yaml' });
    expect(refused.xml).toBeNull();
    expect(refused.findings.map((f) => f.path)).toEqual([
      'cabecalho.identificacaoTransacao.sequencialTransacao',
      'cabecalho.identificacaoTransacao.dataRegistroTransacao',
      'cabecalho.identificacaoTransacao.horaRegistroTransacao',
    ]);
    expect(refused.findings[0]!.fix).toMatch(/--fill/);
  });

  it.runIf(HAS_XMLLINT).each(GENERATE_SAMPLES)('%s: xmllint --schema accepts the output', (file) => {
    const r = generateFromInput(readFileSync(join(GENERATE, file)), { file });
    const out = join(tmp, file.replace(/\.json$/, '.xml'));
    writeFileSync(out, r.xml!);
    // The XSD of the version the input declares.
    const version = validate(r.xml!).schema!.version;
    expect(xmllint(join(SHARED_SCHEMAS, version, `tissV${version.replace(/\./g, '_')}.xsd`), out).output).toMatch(/validates/);
  });
});

describe('exported JSON Schemas', () => {
  const model = tissModel();
  const versions = ['4.00.00', '4.00.01', '4.01.00', '4.03.00'];
  it.each(versions.flatMap((v) => Object.keys(CONTRACTS).map((name) => [v, name] as const)))('%s: the committed JSON Schema of %s is current', (version, name) => {
    const path = version === '4.00.00' ? join(ROOT, 'schemas', 'contracts', `${name}.schema.json`) : join(ROOT, 'schemas', 'contracts', version, `${name}.schema.json`);
    const committed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(contractJsonSchema(name, { model: tissModel(undefined, version) }))));
  });

  it('the 4.03.00 contract has centroConsumo after valorTotal; the 4.00.00 one does not', () => {
    const find = (s: unknown): boolean => JSON.stringify(s).includes('"centroConsumo"');
    expect(find(contractJsonSchema('lote-sp-sadt', { version: '4.03.00' }))).toBe(true);
    expect(find(contractJsonSchema('lote-sp-sadt', { model }))).toBe(false);
  });

  it('names the XSD types, describes them in Portuguese and fixes tipo/tipoGuia', () => {
    const s = contractJsonSchema('lote-sp-sadt', { model }) as { properties: Record<string, unknown>; $defs: Record<string, { description?: string; format?: string }>; required: string[] };
    expect(s.properties.tipo).toEqual({ type: 'string', const: 'loteGuias' });
    expect(s.properties.tipoGuia).toEqual({ type: 'string', const: 'guiaSP-SADT' });
    expect(s.required).toEqual(expect.arrayContaining(['tipo', 'cabecalho', 'numeroLote', 'tipoGuia', 'guias']));
    expect(s.$defs['st_data']).toMatchObject({ format: 'date', description: 'st_data: data AAAA-MM-DD' });
    expect(s.$defs['dm_regimeAtendimento']!.description).toBe('dm_regimeAtendimento: código da tabela 76 — Regime de atendimento');
    expect(Object.keys(s.$defs)).toContain('ctm_sp-sadtGuia');
  });

  it('refuses an unknown contract with the list', () => {
    expect(() => contractJsonSchema('lote-xyz', { model })).toThrow(/Contrato desconhecido: "lote-xyz"/);
  });
});

describe('generate: behaviour', () => {
  const sadt = (): JsonObject => readJson(join(GENERATE, 'lote-sp-sadt.json'));

  it('never changes the caller\'s object', () => {
    const input = sadt();
    const before = JSON.stringify(input);
    generate(input, { fill: true });
    expect(JSON.stringify(input)).toBe(before);
  });

  it('writes fields in XSD order whatever the order of the keys', () => {
    const input = sadt();
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    expect(generate(reversed(input)).xml!.equals(generate(input).xml!)).toBe(true);
  });

  it('takes numbers and booleans, written with the type\'s decimals', () => {
    const input = sadt();
    for (const guia of input.guias as JsonObject[]) {
      for (const proc of guia.procedimentosExecutados as JsonObject[]) {
        expect(proc.reducaoAcrescimo).toBe('1.00');
        proc.reducaoAcrescimo = 1; // written "1.00": st_decimal3-2 has 2 decimals
        proc.valorUnitario = Number(proc.valorUnitario);
        proc.quantidadeExecutada = Number(proc.quantidadeExecutada);
      }
    }
    const r = generate(input);
    expect(r.findings).toEqual([]);
    expect(r.xml!.equals(generate(sadt()).xml!)).toBe(true);
  });

  it('writes Latin-1 text as bytes and escapes markup; CR survives as a reference', () => {
    expect(escapeText('Conceição & <filho>')).toBe('Conceição &amp; &lt;filho&gt;');
    expect(escapeText('linha 1\r\nlinha 2')).toBe('linha 1&#13;\nlinha 2');
    expect(escapeText('café — ok')).toBe('café &#8212; ok');
    const input = sadt();
    (input.guias as JsonObject[])[0]!.observacao = 'Retorno em 7 dias & "jejum" <12h>;\r\nação: João';
    const r = generate(input);
    expect(r.findings).toEqual([]);
    expect(r.xml!.includes(Buffer.from('ação: João', 'latin1'))).toBe(true);
    expect(r.xml!.includes(Buffer.from('&amp; "jejum" &lt;12h&gt;;&#13;', 'latin1'))).toBe(true);
    expect(((parse(r.xml!).guias as JsonObject[])[0]!).observacao).toBe('Retorno em 7 dias & "jejum" <12h>;\r\nação: João');
  });

  it('refuses text outside Latin-1: written as a character reference, reported on the input path, nothing returned', () => {
    const input = sadt();
    (input.guias as JsonObject[])[1]!.observacao = 'Dor 😖 há 3 dias';
    const r = generate(input);
    expect(r.xml).toBeNull();
    expect(r.findings.map((f) => [f.code, f.path, f.guia])).toEqual([['TISS-ENC-OUTSIDE-LATIN1', 'guias[1].observacao', '200045311']]);
  });

  it('refuses XML-illegal control characters before writing anything', () => {
    const input = sadt();
    (input.guias as JsonObject[])[0]!.observacao = 'texto\u0007com campainha';
    const r = generate(input);
    expect(r.xml).toBeNull();
    expect(r.findings[0]).toMatchObject({ code: 'TISS-GEN-VALOR', path: 'guias[0].observacao', xpath: null });
    expect(r.findings[0]!.message).toMatch(/U\+0007/);
  });

  it('fills the identificação da transação when asked', () => {
    const input = sadt();
    delete (input.cabecalho as JsonObject).identificacaoTransacao;
    const r = generate(input, { fill: { now: new Date(2026, 10, 20, 8, 5, 9) } });
    expect(r.findings).toEqual([]);
    expect((parse(r.xml!).cabecalho as JsonObject).identificacaoTransacao).toEqual({
      tipoTransacao: 'ENVIO_LOTE_GUIAS',
      sequencialTransacao: '202611200805',
      dataRegistroTransacao: '2026-11-20',
      horaRegistroTransacao: '08:05:09',
    });
  });

  it('asks for tipoTransacao where it cannot be deduced', () => {
    const r = generate({ tipo: 'demonstrativosRetorno', cabecalho: {} });
    const f = r.findings.find((x) => x.path === 'cabecalho.identificacaoTransacao.tipoTransacao');
    expect(f).toMatchObject({ code: 'TISS-GEN-CAMPO-AUSENTE' });
    expect(f!.fix).toMatch(/demonstrativosRetorno ele não pode ser deduzido/);
  });

  it('computes the hash over the bytes the operadora wants (option or profile)', () => {
    const utf8 = generate(sadt(), { hashEncoding: 'utf-8' });
    expect(utf8.findings).toEqual([]);
    expect(utf8.hash).not.toBe(generate(sadt()).hash);
    expect(validate(utf8.xml!, { hashEncoding: 'utf-8' }).findings).toEqual([]);
    const config = parseConfig({ profiles: { 'vida-plena': { registroANS: ['346659'], hashEncoding: 'utf-8' } } });
    expect(generate(sadt(), { config }).hash).toBe(utf8.hash);
  });

  it('writes the message when there are only warnings, and returns them', () => {
    const input = readJson(join(GENERATE, 'invalid', 'cpf-digito.json'));
    expect(generate(input).xml).toBeNull();
    const r = generate(input, { rules: { 'TISS-R-CPF-DV': 'warning' } });
    expect(r.valid).toBe(true);
    expect(r.xml).not.toBeNull();
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['TISS-R-CPF-DV', 'warning']]);
  });

  it('turns any other shape of input into TISS-GEN-ENTRADA', () => {
    for (const bad of [null, 42, 'x', [], { tipo: 'loteDeGuias' }]) {
      const r = generate(bad);
      expect(r.xml).toBeNull();
      expect(errors(r)).toEqual(['TISS-GEN-ENTRADA']);
    }
  });

  it('suggests the field meant by a misspelt name, and reports it once', () => {
    const input = sadt();
    const guia = (input.guias as JsonObject[])[0]!;
    const cab = guia.cabecalhoGuia as JsonObject;
    cab.numeroGuiaprestador = cab.numeroGuiaPrestador!;
    delete cab.numeroGuiaPrestador;
    const r = generate(input);
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['TISS-GEN-CAMPO-DESCONHECIDO', 'guias[0].cabecalhoGuia.numeroGuiaprestador']]);
    expect(r.findings[0]!.fix).toBe('Renomeie "numeroGuiaprestador" para "numeroGuiaPrestador".');
  });

  it('says which tipoGuia the guias look like when it is missing', () => {
    const input = sadt();
    delete input.tipoGuia;
    const r = generate(input);
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([['TISS-GEN-CAMPO-AUSENTE', 'tipoGuia']]);
    expect(r.findings[0]!.fix).toMatch(/"tipoGuia": "guiaSP-SADT"/);
  });
});

describe('reading input files', () => {
  it('reports JSON syntax errors with line and column', () => {
    expect(() => parseInput('{\n  "tipo": "loteGuias",\n}', 'x.json')).toThrow(/x\.json:3:1: JSON inválido na linha 3, coluna 1/);
  });

  it('reads YAML values as text: codes keep their zeros', () => {
    const { value } = parseInput('numeroGuiaPrestador: 000123\ncodigo: 01\nvalor: 1.50\n', 'x.yaml');
    expect(value).toEqual({ numeroGuiaPrestador: '000123', codigo: '01', valor: '1.50' });
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(() => parseInput('tipo: loteGuias\n  cabecalho: [\n', 'x.yaml')).toThrow(/x\.yaml:\d+:\d+: YAML inválido/);
  });

  it('refuses a YAML alias bomb before it expands', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    expect(() => parseInput(levels.join('\n'), 'bomba.yaml')).toThrow(/aliases \(&\/\*\) demais/);
  });

  it('a lote without tipoGuia nor guias says both', () => {
    const r = generate({ tipo: 'loteGuias', cabecalho: {} });
    expect(r.findings.filter((f) => f.path === 'tipoGuia' || f.path === 'guias').map((f) => f.code)).toEqual(['TISS-GEN-CAMPO-AUSENTE', 'TISS-GEN-CAMPO-AUSENTE']);
  });

  it('refuses input that is not UTF-8 unless told it is ISO-8859-1', () => {
    const latin1 = Buffer.from(readFileSync(join(GENERATE, 'lote-consulta.json'), 'utf8'), 'latin1');
    expect(() => generateFromInput(latin1, { file: 'l.json' })).toThrow(/não é UTF-8.*/);
    const r = generateFromInput(latin1, { file: 'l.json', inputEncoding: 'iso-8859-1' });
    expect(r.findings).toEqual([]);
    expect(r.xml!.equals(readFileSync(join(VALID, 'lote-consulta.xml')))).toBe(true);
  });
});

describe('generator input: nothing is changed without a word (issue 9, item 14)', () => {
  const text = readFileSync(join(GENERATE, 'lote-consulta.json'), 'utf8');
  const run = (json: string) => generateFromInput(Buffer.from(json, 'utf8'), { file: 'l.json' });

  it.each([
    ['12345678901234567', '12345678901234568', '"12345678901234567"'],
    ['9007199254740993', '9007199254740992', '"9007199254740993"'],
    ['0.10000000000000000001', '0.1', '"0.10000000000000000001"'],
  ])('a number JSON cannot keep (%s) is refused on its path, with the text to write', (literal, read, fix) => {
    const r = run(text.replace('"numeroCarteira": "0034665900276615"', `"numeroCarteira": ${literal}`));
    expect(r.xml).toBeNull();
    const f = r.findings.find((x) => x.data?.issue === 'number-precision')!;
    expect(f).toMatchObject({ code: 'TISS-GEN-VALOR', path: 'guias[0].dadosBeneficiario.numeroCarteira', line: 29, column: 27, guia: '100087101' });
    expect(f.message).toContain(`seria lido como ${read}`);
    expect(f.fix).toContain(fix);
    // One finding for the value, not a second one about what JSON.parse made of it.
    expect(r.findings.filter((x) => x.path === f.path)).toHaveLength(1);
  });

  it.each([
    ['1e21', '"1000000000000000000000"'],
    ['4.8392E5', '"483920"'],
  ])('a number in exponent form (%s) is refused, with its digits written out', (literal, fix) => {
    const r = run(text.replace('"codValidacao": "483920"', `"codValidacao": ${literal}`));
    expect(r.xml).toBeNull();
    const f = r.findings.find((x) => x.path === 'guias[0].codValidacao')!;
    expect(f.message).toMatch(/notação científica/);
    expect(f.fix).toContain(fix);
  });

  it('plain numbers that JSON keeps exactly are still accepted (150, 150.5, 150.10)', () => {
    for (const v of ['150', '150.5', '150.10']) {
      const r = run(text.replace('"valorProcedimento": "150.00"', `"valorProcedimento": ${v}`));
      expect(errors(r)).toEqual([]);
    }
  });

  it('a key repeated in one object is refused, at the second occurrence, naming the first', () => {
    const r = run(text.replace('"numeroLote": "202609101",', '"numeroLote": "202609101",\n  "numeroLote": "999",'));
    expect(r.xml).toBeNull();
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'TISS-GEN-CAMPO-REPETIDO', path: 'numeroLote', line: 20, column: 3, data: { firstLine: 19 } });
    // Inside a guia: the guia number is given.
    const inGuia = run(text.replace('"codValidacao": "483920",', '"codValidacao": "483920", "codValidacao": "1",'));
    expect(inGuia.findings[0]).toMatchObject({ code: 'TISS-GEN-CAMPO-REPETIDO', path: 'guias[0].codValidacao', guia: '100087101' });
  });

  it('the library refuses the same numbers when given an object (no JSON text to read)', () => {
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    const guia = (input.guias as JsonObject[])[0]!;
    // A literal a double cannot hold, on purpose: the generator must refuse it rather than write the rounded digits.
    // eslint-disable-next-line no-loss-of-precision
    (guia.dadosBeneficiario as JsonObject).numeroCarteira = 12345678901234567;
    guia.codValidacao = 1e21;
    ((guia.dadosAtendimento as JsonObject).procedimento as JsonObject).valorProcedimento = 150.129;
    const r = generate(input);
    expect(r.xml).toBeNull();
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, f.message]));
    expect(byPath['guias[0].dadosBeneficiario.numeroCarteira']).toMatch(/passa de 2\^53/);
    expect(byPath['guias[0].codValidacao']).toMatch(/notação científica/);
    expect(byPath['guias[0].dadosAtendimento.procedimento.valorProcedimento']).toMatch(/mais de 2 casas decimais e seria arredondado para 150\.13/);
  });

  it('100,000 unknown keys are reported in linear time (before: more than 60 s)', () => {
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    const guia = (input.guias as JsonObject[])[0]!;
    for (let i = 0; i < 100_000; i++) guia[`campoX${i}`] = 'v';
    const started = performance.now();
    const r = generateFromInput(Buffer.from(JSON.stringify(input)), { file: 'muitos.json' });
    // A guard against a quadratic path, not a benchmark: it takes about 1.5 s here.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.findings).toHaveLength(100_000);
    expect(r.findings[99_999]).toMatchObject({ code: 'TISS-GEN-CAMPO-DESCONHECIDO', guia: '100087101', line: 1 });
  }, 60_000);
});

describe('codes: written as text, wrong or missing ones say which there are (issue 13)', () => {
  const consulta = (change: (atendimento: JsonObject) => void): ReturnType<typeof generate> => {
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    change((input.guias as JsonObject[])[0]!.dadosAtendimento as JsonObject);
    return generate(input);
  };
  const AT = 'guias[0].dadosAtendimento.regimeAtendimento';
  const VALUES = '01 (Ambulatorial); 02 (Domiciliar); 03 (Internação); 04 (Pronto Socorro); 05 (Telessaúde)';

  it('a missing code lists the table\'s values with their meanings, as validate does', () => {
    const r = consulta((a) => delete a.regimeAtendimento);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'TISS-GEN-CAMPO-AUSENTE', path: AT, data: { allowed: ['01', '02', '03', '04', '05'] } });
    expect(r.findings[0]!.message).toBe(`${AT}: campo obrigatório ausente (tabela 76 — Regime de atendimento); valores permitidos: ${VALUES}.`);
    expect(r.findings[0]!.fix).toBe(`Preencha ${AT} com um dos códigos da tabela 76 (tiss tabela 76): ${VALUES}.`);
  });

  it('"5" where the table has 05 suggests "05"', () => {
    const r = consulta((a) => (a.regimeAtendimento = '5'));
    expect(r.findings[0]!.message).toBe(`${AT}: código "5" não permitido (tabela 76 — Regime de atendimento): você quis dizer "05"? Valores permitidos: ${VALUES}.`);
    expect(r.findings[0]!.fix).toBe('Use "05".');
  });

  it('a number for a code is refused (the schema and generate agree: codes are text), naming the text to write', () => {
    const five = consulta((a) => (a.regimeAtendimento = 5 as unknown as string));
    expect(five.xml).toBeNull();
    expect(five.findings).toMatchObject([{ code: 'TISS-GEN-VALOR', path: AT, message: `${AT}: o código 5 deve ser escrito como texto, entre aspas: "05".`, fix: 'Escreva "05" (entre aspas).' }]);
    // Before, a number whose text was a code (1 for "1") was accepted and 5 for "05" refused as an unknown code.
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    (input.cabecalho as JsonObject).identificacaoTransacao = { ...((input.cabecalho as JsonObject).identificacaoTransacao as JsonObject), sequencialTransacao: 101 as unknown as string };
    expect(generate(input).findings).toMatchObject([{ code: 'TISS-GEN-VALOR', path: 'cabecalho.identificacaoTransacao.sequencialTransacao', fix: 'Escreva "101" (entre aspas).' }]);
  });

  it('a code in the wrong case suggests the right one', () => {
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    ((input.cabecalho as JsonObject).identificacaoTransacao as JsonObject).tipoTransacao = 'envio_lote_guias';
    expect(generate(input).findings[0]!.fix).toBe('Use "ENVIO_LOTE_GUIAS".');
  });
});

describe('generate per version (issue 10): the version comes from cabecalho.Padrao', () => {
  const resumo = (): JsonObject => readJson(join(GENERATE, 'lote-resumo-internacao-4.03.json'));
  const proc = (input: JsonObject): JsonObject => ((input.guias as JsonObject[])[0]!.procedimentosExecutados as JsonObject[])[0]!;

  it('a 4.03.00 input is built with the 4.03.00 XSD: centroConsumo in its place whatever the key order', () => {
    const input = resumo();
    const p = proc(input);
    // centroConsumo first among the keys: the writer follows the content model, not the input.
    const reordered: JsonObject = { centroConsumo: p.centroConsumo!, ...p };
    (input.guias as JsonObject[])[0]!.procedimentosExecutados = [reordered, ...((input.guias as JsonObject[])[0]!.procedimentosExecutados as JsonObject[]).slice(1)];
    const r = generate(input);
    expect(r.findings).toEqual([]);
    expect(r.xml!.equals(readFileSync(join(VALID, 'lote-resumo-internacao-4.03.xml')))).toBe(true);
  });

  it('a field of another version is reported on the input path, naming the version where it exists', () => {
    const input = resumo();
    (input.cabecalho as JsonObject).Padrao = '4.01.00';
    const r = generate(input);
    expect(r.xml).toBeNull();
    const f = r.findings.find((x) => x.code === 'TISS-GEN-CAMPO-DESCONHECIDO')!;
    expect(f.path).toBe('guias[0].procedimentosExecutados[0].centroConsumo');
    expect(f.message).toMatch(/não existe neste ponto da mensagem TISS 4\.01\.00 \(existe na versão 4\.03\.00\)/);
    expect(f.fix).toMatch(/versão 4\.03\.00/);
  });

  it('a field the ANS took out says so, from the XSD\'s own "retirado na versão" comment', () => {
    const input = readJson(join(GENERATE, 'lote-honorarios.json'));
    ((input.guias as JsonObject[])[0]!.beneficiario as JsonObject).nomeBeneficiario = 'Maria das Graças Pereira';
    const f = generate(input).findings.find((x) => x.code === 'TISS-GEN-CAMPO-DESCONHECIDO')!;
    expect(f.path).toBe('guias[0].beneficiario.nomeBeneficiario');
    expect(f.message).toMatch(/foi retirado do padrão na versão 4\.00\.00/);
    expect(f.fix).toBe('Remova "nomeBeneficiario" (retirado na versão 4.00.00).');
  });

  it('a version no schema accepts is a finding on cabecalho.Padrao; without Padrao, the reference 4.00.00', () => {
    const input = readJson(join(GENERATE, 'lote-consulta.json'));
    (input.cabecalho as JsonObject).Padrao = '3.05.00';
    const r = generate(input);
    expect(r.findings).toMatchObject([{ code: 'TISS-GEN-VALOR', path: 'cabecalho.Padrao' }]);
    expect(r.findings[0]!.message).toMatch(/3\.05\.00.*não é aceita/);
    const plain = generate(readJson(join(GENERATE, 'lote-consulta.json')));
    expect(validate(plain.xml!).schema).toMatchObject({ version: '4.00.00' });
  });

  it('4.02.00 (no schema of its own) is built with the 4.03.00 content model, and validated the same way', () => {
    const input = resumo();
    (input.cabecalho as JsonObject).Padrao = '4.02.00';
    const r = generate(input);
    expect(r.valid).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(['TISS-MSG-VERSION-NEAREST']);
  });
});

describe('tiss generate / tiss parse (CLI)', () => {
  it('generate -o writes the file atomically; parse gives back the same JSON', () => {
    const out = join(tmp, 'cli-lote.xml');
    const r = tiss(['generate', join(GENERATE, 'lote-sp-sadt.json'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Mensagem gravada em .*cli-lote\.xml \(loteGuias: 3 guiaSP-SADT\); hash 2d9734b369a53d1d3cbc50c9497255ff/);
    expect(readFileSync(out).equals(readFileSync(join(VALID, 'lote-sp-sadt.xml')))).toBe(true);
    const p = tiss(['parse', out]);
    expect(p.status).toBe(0);
    const json = JSON.parse(p.stdout) as JsonObject;
    expect(json.guias).toEqual(readJson(join(GENERATE, 'lote-sp-sadt.json')).guias);
  });

  it('parse --yaml | generate - --stdout reproduces the file', () => {
    const y = tiss(['parse', '--yaml', join(VALID, 'lote-odontologia.xml')]);
    expect(y.status).toBe(0);
    const g = spawnLatin1(['generate', '-', '--stdout'], y.stdout);
    expect(g.status).toBe(0);
    expect(g.stdout.equals(readFileSync(join(VALID, 'lote-odontologia.xml')))).toBe(true);
    expect(g.stderr.toString()).toMatch(/Mensagem gerada na saída padrão/);
  });

  it('invalid input: exit 1, findings located in the input, nothing written, old output untouched', () => {
    const out = join(tmp, 'existente.xml');
    writeFileSync(out, 'conteúdo anterior');
    const r = tiss(['generate', join(GENERATE, 'invalid', 'data-formato.json'), '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/linha 215, coluna 11 {2}TISS-GEN-VALOR {2}guia 200045311/);
    expect(r.stdout).toMatch(/> 215 \| {11}"dataExecucao": "12\/09\/2026",/);
    expect(r.stdout).toMatch(/Nada foi gravado/);
    expect(readFileSync(out, 'utf8')).toBe('conteúdo anterior');
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--format json: the findings, with the JSON path and the input line', () => {
    const r = tiss(['generate', join(GENERATE, 'invalid', 'codigo-tabela.json'), '--dry-run', '-f', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { valid: boolean; output: null; findings: { code: string; path: string; xpath: string | null; line: number; guia: string; fix: string }[] };
    expect(report.valid).toBe(false);
    expect(report.output).toBeNull();
    expect(report.findings).toMatchObject([{ code: 'TISS-GEN-VALOR', path: 'guias[0].dadosAtendimento.regimeAtendimento', xpath: null, line: 58, guia: '200045310', fix: 'Use um código da tabela 76 (veja: tiss tabela 76).' }]);
  });

  it('bad input and bad usage: exit 2 with a clear message, never a stack trace', () => {
    const broken = join(tmp, 'quebrado.json');
    writeFileSync(broken, '{\n  "tipo": "loteGuias",\n  "guias": [\n}\n');
    const r = tiss(['generate', broken, '--dry-run']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/quebrado\.json:4:1: JSON inválido na linha 4, coluna 1/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(tiss(['generate', broken]).stderr).toMatch(/-o <arquivo\.xml>, --stdout, ou --dry-run/);
    expect(tiss(['generate', join(tmp, 'nao-existe.json'), '--dry-run']).status).toBe(2);
    const big = tiss(['generate', join(GENERATE, 'lote-sp-sadt.json'), '--dry-run', '--max-size', '1KB']);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/tem [\d,]+ KB, mais que 1,0 KB \(--max-size\)/);
    const schema = tiss(['generate', '--json-schema', 'lote-xyz']);
    expect(schema.status).toBe(2);
    expect(schema.stderr).toMatch(/Contrato desconhecido.*\n.*lote-consulta/);
    const p = tiss(['parse', join(VALID, 'monitoramento-guias.xml')]);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(/mensagemEnvioANS/);
  });

  it('a destination that cannot be written: exit 2, in Portuguese, nothing left behind', () => {
    const r = tiss(['generate', join(GENERATE, 'lote-consulta.json'), '-o', join(tmp, 'nao-existe', 'l.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Não foi possível gravar .*l\.xml: a pasta de destino não existe/);
    expect(r.stderr).not.toMatch(/erro interno/);
  });

  it('--json-schema prints the committed schema', () => {
    const r = tiss(['generate', '--json-schema', 'envio-documentos']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas', 'contracts', 'envio-documentos.schema.json'), 'utf8')));
  });

  it('parse exits 1 and lists what it left out', () => {
    const file = join(tmp, 'extra.xml');
    writeFileSync(file, Buffer.from(readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1').replace('<ans:observacao>', '<ans:extra>1</ans:extra><ans:observacao>'), 'latin1'));
    const r = tiss(['parse', file, '-o', join(tmp, 'extra.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/1 elemento\(s\) fora do XSD.*\n.*guiaConsulta\[1\]\/extra/);
    expect(existsSync(join(tmp, 'extra.json'))).toBe(true);
  });
});

function spawnLatin1(args: string[], input: string): { status: number | null; stdout: Buffer; stderr: Buffer } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tiss.js'), ...args], { input, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
