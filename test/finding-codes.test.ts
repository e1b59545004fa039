import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CODES } from '../src/findings/catalog.js';
import { reportXsdErrors } from '../src/xsd/translate.js';
import { FindingCollector } from '../src/findings/collector.js';
import { buildTree } from '../src/xml/scan.js';
import { reportAmbiguous, sameDocument } from '../src/xml/read.js';
import { validate } from '../src/validate/index.js';
import { parseConfig } from '../src/config/parse.js';
import { generateFromInput } from '../src/generate/from-input.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { formatReport } from '../src/formatters/report.js';
import { codeDescriptors } from '../src/codes.js';
import { unreadableResult } from '../src/batch/outcome.js';
import { runTask } from '../src/batch/task.js';
import { codes, INVALID, SAMPLES, VALID, validateSample } from './helpers.js';

const GEN_INVALID = join(SAMPLES, 'generate', 'invalid');

const GUIA_2 = '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[2]';

/**
 * Each invalid sample, the exact codes it must produce, and where the main finding must point.
 * Together with the unit cases below, every code of the catalogue is asserted (last test).
 */
const CASES: { file: string; codes: string[]; line?: number; column?: number; xpath?: string; guia?: string; text?: RegExp }[] = [
  { file: 'input-vazio.xml', codes: ['TISS-INPUT-EMPTY'], text: /vazio/ },
  { file: 'enc-bom.xml', codes: ['TISS-ENC-BOM', 'TISS-ENC-NOT-ISO88591'], line: 1, text: /BOM/ },
  { file: 'enc-sem-declaracao.xml', codes: ['TISS-ENC-NO-DECLARATION'], line: 1 },
  { file: 'enc-utf8-declarado-iso.xml', codes: ['TISS-ENC-UTF8-DECLARED-LATIN1', 'TISS-HASH-MISMATCH'], line: 39, column: 38, guia: '100087101', text: /JosÃ©/ },
  { file: 'enc-iso-declarado-utf8.xml', codes: ['TISS-ENC-LATIN1-DECLARED-UTF8'], line: 39, column: 38, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[1]/profissionalExecutante/nomeProfissional' },
  { file: 'enc-utf16.xml', codes: ['TISS-ENC-UTF16'], line: 1 },
  { file: 'enc-utf16-declarado-8bits.xml', codes: ['TISS-ENC-UTF16-DECLARED-8BIT'], line: 1, text: /UTF-16.*4\.3\.3/ },
  { file: 'enc-utf8-num-campo.xml', codes: ['TISS-ENC-UTF8-DECLARED-LATIN1'], line: 109, column: 13, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[3]/profissionalExecutante/nomeProfissional', guia: '100087103', text: /"Helena AraÃºjo SimÃµes".*"Helena Araújo Simões"/ },
  { file: 'enc-desconhecido.xml', codes: ['TISS-ENC-UNSUPPORTED'], text: /EBCDIC-BR/ },
  { file: 'enc-fora-latin1.xml', codes: ['TISS-ENC-OUTSIDE-LATIN1', 'TISS-HASH-UNVERIFIABLE'], line: 57, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[1]/observacao', guia: '100087101', text: /U\+2014/ },
  { file: 'enc-windows-1252.xml', codes: ['TISS-ENC-C1-CONTROL', 'TISS-ENC-C1-CONTROL'], line: 57, column: 88, text: /Windows-1252.*“/ },
  { file: 'xml-mal-formado.xml', codes: ['TISS-XML-NOT-WELL-FORMED'], line: 50, column: 51, text: /<\/tipoconsulta>.*<tipoConsulta>/ },
  { file: 'xml-truncado.xml', codes: ['TISS-XML-NOT-WELL-FORMED'], line: 90, text: /truncado/ },
  { file: 'xml-doctype.xml', codes: ['TISS-XML-DOCTYPE'], line: 2, column: 1 },
  { file: 'xml-bom-doctype-isca.xml', codes: ['TISS-ENC-BOM', 'TISS-XML-DOCTYPE'], line: 1, text: /BOM.*declara "ISO-8859-1"/ },
  { file: 'msg-raiz-desconhecida.xml', codes: ['TISS-MSG-UNKNOWN-ROOT'], line: 2, xpath: '/guiaConsulta' },
  { file: 'msg-sem-namespace.xml', codes: ['TISS-MSG-NAMESPACE'], line: 2 },
  { file: 'msg-versao-3.05.xml', codes: ['TISS-MSG-VERSION-UNSUPPORTED'], line: 18, xpath: '/mensagemTISS/cabecalho/Padrao', text: /3\.05\.00, que nenhuma versão.*aceita/ },
  { file: 'msg-versao-4.02-honorarios.xml', codes: ['TISS-MSG-VERSION-NEAREST', 'TISS-XSD-MISSING-ELEMENT', 'TISS-XSD-MISSING-ELEMENT'], line: 18, xpath: '/mensagemTISS/cabecalho/Padrao', text: /4\.02\.00.*XSD da 4\.03\.00/ },
  { file: 'versao-4.01-tipo-atendimento-05.xml', codes: ['TISS-XSD-ENUMERATION'], line: 58, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[1]/dadosAtendimento/tipoAtendimento', guia: '200045310', text: /'05' não é um código válido/ },
  { file: 'versao-4.01-cnpj-com-letra.xml', codes: Array(5).fill('TISS-XSD-PATTERN'), line: 12, xpath: '/mensagemTISS/cabecalho/origem/identificacaoPrestador/CNPJ', text: /CNPJ alfanumérico, que só é aceito a partir da versão 4\.03\.00/ },
  { file: 'versao-4.03-honorario-sem-carater.xml', codes: ['TISS-XSD-MISSING-ELEMENT'], line: 47, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaHonorarios[1]/dadosInternacao', text: /<caraterAtendimento>/ },
  { file: 'versao-4.03-cnpj-alfanumerico-dv.xml', codes: ['TISS-R-CNPJ-DV'], line: 12, xpath: '/mensagemTISS/cabecalho/origem/identificacaoPrestador/CNPJ', text: /12ABC345T0AM57.*dígitos verificadores/ },
  { file: 'versao-4.03-centro-consumo-fora-de-lugar.xml', codes: ['TISS-XSD-UNEXPECTED-ELEMENT'], line: 77, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaResumoInternacao[1]/procedimentosExecutados/procedimentoExecutado[1]/centroConsumo', text: /<centroConsumo>.*<valorTotal>/ },
  { file: 'msg-corpo-vazio.xml', codes: ['TISS-MSG-EMPTY-BODY'], line: 2, xpath: '/mensagemTISS' },
  { file: 'xsd-elemento-inesperado.xml', codes: ['TISS-XSD-UNEXPECTED-ELEMENT'], line: 82, xpath: `${GUIA_2}/nomeBeneficiario`, guia: '100087102', text: /<nomeBeneficiario>.*<dadosAtendimento>/ },
  { file: 'xsd-elemento-retirado.xml', codes: ['TISS-XSD-UNEXPECTED-ELEMENT'], line: 34, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaHonorarios[1]/beneficiario/nomeBeneficiario', guia: '400007731', text: /<nomeBeneficiario> foi retirado do padrão na versão 4\.00\.00.*remova-o/ },
  { file: 'xsd-elemento-ausente.xml', codes: ['TISS-XSD-MISSING-ELEMENT'], line: 66, xpath: `${GUIA_2}/dadosBeneficiario`, guia: '100087102', text: /<atendimentoRN>/ },
  { file: 'xsd-101-guias.xml', codes: ['TISS-XSD-MAX-OCCURS'], line: 3524, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[101]', guia: '100090100', text: /100 guias/ },
  { file: 'xsd-codigo-invalido.xml', codes: ['TISS-XSD-ENUMERATION'], line: 200, column: 13, xpath: '/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaSP-SADT[2]/dadosSolicitacao/caraterAtendimento', guia: '200045311', text: /1 \(Eletiva\); 2 \(Urgência\/Emergência\)/ },
  { file: 'xsd-formato.xml', codes: ['TISS-XSD-PATTERN'], line: 61, xpath: `${GUIA_2}/cabecalhoConsulta/registroANS`, text: /6 dígitos/ },
  { file: 'xsd-tamanho.xml', codes: ['TISS-XSD-LENGTH'], line: 62, guia: '2026-LOTE-0912-100087102', text: /24 caracteres.*20/ },
  { file: 'xsd-digitos.xml', codes: ['TISS-XSD-DIGITS'], line: 90, text: /130\.005.*2/ },
  { file: 'xsd-intervalo.xml', codes: ['TISS-XSD-RANGE'], line: 23, text: /1849-12-31.*1850-01-01/ },
  { file: 'xsd-data.xml', codes: ['TISS-XSD-DATE'], line: 85, xpath: `${GUIA_2}/dadosAtendimento/dataAtendimento`, text: /AAAA-MM-DD/ },
  { file: 'xsd-tipo.xml', codes: ['TISS-XSD-TYPE'], line: 90, text: /decimal/ },
  { file: 'xsd-texto-solto.xml', codes: ['TISS-XSD-TEXT-NOT-ALLOWED'], line: 66, xpath: `${GUIA_2}/dadosBeneficiario` },
  { file: 'xsd-atributo.xml', codes: ['TISS-XSD-ATTRIBUTE'], line: 59, xpath: GUIA_2, text: /atributo id/ },
  { file: 'hash-vazio.xml', codes: ['TISS-HASH-EMPTY'], line: 133, xpath: '/mensagemTISS/epilogo/hash', text: /vazio.*21fa28b18f1471c639cd229fcb52935b/ },
  { file: 'hash-utf8.xml', codes: ['TISS-HASH-UTF8'], line: 133, text: /UTF-8/ },
  { file: 'hash-aparado.xml', codes: ['TISS-HASH-TRIMMED'], line: 133, text: /aparados/ },
  { file: 'hash-indentacao.xml', codes: ['TISS-HASH-WHITESPACE'], line: 133, text: /indentação/ },
  { file: 'hash-comentario.xml', codes: ['TISS-HASH-COMMENTS'], line: 134, text: /comentários/ },
  { file: 'hash-xml-bruto.xml', codes: ['TISS-HASH-RAW-XML'], line: 133, text: /tags/ },
  { file: 'hash-sha1.xml', codes: ['TISS-HASH-WRONG-ALGORITHM'], line: 133, text: /SHA1/ },
  { file: 'hash-desatualizado.xml', codes: ['TISS-HASH-MISMATCH'], line: 133, text: /editado/ },
  { file: 'hash-ausente.xml', codes: ['TISS-XSD-MISSING-ELEMENT', 'TISS-HASH-MISSING'], line: 2 },
  { file: 'hash-minusculo-monitoramento.xml', codes: ['TISS-HASH-CASE'], line: 270, xpath: '/mensagemEnvioANS/epilogo/hash', text: /maiúsculas/ },
];

describe('every invalid sample yields its finding codes, where it is', () => {
  it.each(CASES)('$file → $codes', (c) => {
    const r = validateSample(join(INVALID, c.file));
    expect(codes(r).sort()).toEqual([...c.codes].sort());
    const main = r.findings.find((f) => f.code === c.codes[0])!;
    expect(main.file).toBe(join(INVALID, c.file));
    expect(main.message.length).toBeGreaterThan(20);
    if (c.line !== undefined) expect(main.line).toBe(c.line);
    if (c.column !== undefined) expect(main.column).toBe(c.column);
    if (c.xpath !== undefined) expect(main.xpath).toBe(c.xpath);
    if (c.guia !== undefined) expect(main.guia).toBe(c.guia);
    if (c.text) expect(main.message).toMatch(c.text);
    expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
  });

  it('covers every invalid sample in samples/invalid', async () => {
    const { xmlFiles } = await import('./helpers.js');
    expect(xmlFiles(INVALID)).toEqual(CASES.map((c) => c.file).sort());
  });
});

/** Each invalid generator input (samples/generate/invalid), the codes it must produce and where (input path and line). */
const GEN_CASES: { file: string; codes: string[]; line: number; path: string; guia?: string; text?: RegExp }[] = [
  { file: 'sem-tipo.json', codes: ['TISS-GEN-ENTRADA'], line: 1, path: 'tipo', text: /"tipo" deve dizer que mensagem gerar/ },
  { file: 'sem-cnes-consulta.json', codes: ['TISS-GEN-CAMPO-AUSENTE'], line: 68, path: 'guias[1].contratadoExecutante.CNES', guia: '100087102' },
  { file: 'sem-cnes-solicitacao.json', codes: ['TISS-R-CNES-SOLIC-SPSADT'], line: 19, path: 'solicitacaoSP-SADT', guia: '600021455', text: /tipoEtapaAutorizacao = 2/ },
  { file: 'data-formato.json', codes: ['TISS-GEN-VALOR'], line: 215, path: 'guias[1].procedimentosExecutados[0].dataExecucao', guia: '200045311', text: /AAAA-MM-DD/ },
  { file: 'decimal-virgula.json', codes: ['TISS-GEN-VALOR'], line: 52, path: 'guias[0].dadosAtendimento.procedimento.valorProcedimento', guia: '100087101', text: /ponto, ex\.: 150\.00/ },
  { file: '101-guias.json', codes: ['TISS-GEN-QUANTIDADE'], line: 21, path: 'guias', text: /no máximo 100 guias/ },
  { file: 'tipos-misturados.json', codes: ['TISS-GEN-TIPO-GUIA'], line: 487, path: 'guias[3]', guia: '100087101', text: /guiaConsulta, mas o lote é de guiaSP-SADT/ },
  { file: 'fora-latin1.json', codes: ['TISS-ENC-OUTSIDE-LATIN1'], line: 161, path: 'guias[0].observacao', guia: '200045310', text: /U\+2014/ },
  { file: 'codigo-tabela.json', codes: ['TISS-GEN-VALOR'], line: 58, path: 'guias[0].dadosAtendimento.regimeAtendimento', guia: '200045310', text: /tabela 76 — Regime de atendimento/ },
  { file: 'campo-desconhecido.json', codes: ['TISS-GEN-CAMPO-DESCONHECIDO'], line: 24, path: 'guias[0].numeroGuiaPrestado', text: /você quis dizer "numeroGuiaPrestador"/ },
  { file: 'escolha-dupla.json', codes: ['TISS-GEN-ESCOLHA'], line: 11, path: 'cabecalho.origem.identificacaoPrestador', text: /só um entre: CNPJ, CPF, codigoPrestadorNaOperadora/ },
  { file: 'carteira-numero.json', codes: ['TISS-GEN-VALOR'], line: 65, path: 'guias[1].dadosBeneficiario.numeroCarteira', guia: '100087102', text: /seria lido como 34665900402259016/ },
  { file: 'campo-repetido.json', codes: ['TISS-GEN-CAMPO-REPETIDO'], line: 48, path: 'guias[0].dadosAtendimento.dataAtendimento', guia: '100087101', text: /linhas 47 e 48/ },
  { file: 'cpf-digito.json', codes: ['TISS-R-CPF-DV'], line: 70, path: 'guias[0].procedimentosRealizados[0].profissionais[0].codProfissional.cpfContratado', guia: '400007731', text: /35271849024/ },
];

describe('every invalid generator input yields its codes, on the input path and line', () => {
  it.each(GEN_CASES)('$file → $codes', (c) => {
    const r = generateFromInput(readFileSync(join(GEN_INVALID, c.file)), { file: c.file });
    expect(r.xml).toBeNull();
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code).sort()).toEqual([...c.codes].sort());
    const main = r.findings.find((f) => f.code === c.codes[0])!;
    expect(main).toMatchObject({ file: c.file, line: c.line, path: c.path, guia: c.guia ?? null });
    // xpath is the written message's XPath, only for findings of its validation (rules, encoding), never the input's path.
    expect(main.xpath === null || main.xpath.startsWith('/mensagemTISS/')).toBe(true);
    expect(main.message.startsWith(`${c.path}: `) || c.path === 'tipo').toBe(true);
    if (c.text) expect(main.message).toMatch(c.text);
    expect(main.fix).toBeTruthy();
  });

  it('covers every file in samples/generate/invalid', () => {
    expect(readdirSync(GEN_INVALID).sort()).toEqual(GEN_CASES.map((c) => c.file).sort());
  });
});

/** Codes that no committed sample can carry; each is triggered here. */
const UNIT_CODES: Record<string, () => string[]> = {
  'TISS-MSG-VERSION-RECEIVER': () => codes(validate(readFileSync(join(VALID, 'lote-consulta.xml')), { schemaVersion: '4.03.00' })),
  'TISS-INPUT-TOO-LARGE': () => codes(validate(readFileSync(join(VALID, 'lote-consulta.xml')), { maxSize: 1024 })),
  // A path that cannot be read: a result of the library's validateFiles (test/async-api.test.ts), and the
  // code the CI formats give a file the CLI could not read (JUnit error type, Code Quality check).
  'TISS-INPUT-UNREADABLE': () => {
    const o = runTask({ file: join(VALID, 'nao-existe.xml'), options: {} });
    expect(o).toEqual({ kind: 'unreadable', file: join(VALID, 'nao-existe.xml'), reason: 'arquivo não encontrado' });
    const report = { tool: { name: 'tiss', version: 't' }, results: [], unreadable: [{ file: 'x.xml', reason: 'arquivo não encontrado' }] };
    const options = { quiet: false, color: false, source: () => null, codes: codeDescriptors(), cwd: '/' };
    const quality = (JSON.parse(formatReport(FORMATTERS.codequality, report, options)) as { check_name: string }[]).map((q) => q.check_name);
    const junit = [...formatReport(FORMATTERS.junit, report, options).matchAll(/type="([^"]+)"/g)].map((m) => m[1]!);
    expect(quality).toEqual(['TISS-INPUT-UNREADABLE']);
    expect(junit).toEqual(['TISS-INPUT-UNREADABLE']);
    return codes(unreadableResult(join(VALID, 'nao-existe.xml'), 'arquivo não encontrado'));
  },
  'TISS-INPUT-TOO-COMPLEX': () => codes(validate(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><a>${'<x/>'.repeat(250_000)}</a>`, 'latin1'), { maxMemory: 200 * 1024 * 1024 })),
  'TISS-XML-AMBIGUOUS': () => {
    // No file is known to be read differently by libxml2 and our scanner (that is the point); the check
    // is proven by handing it a libxml2 document and a tree that disagree.
    const out = new FindingCollector('x.xml');
    const tree = buildTree('<a><b/></a>')!;
    const disagree = sameDocument({ root: { name: 'a', namespaceUri: '' }, eval: () => 3 } as never, tree);
    expect(disagree).toMatch(/3 elementos.*2/);
    expect(sameDocument({ root: { name: 'x', namespaceUri: '' }, eval: () => 2 } as never, tree)).toMatch(/<x>.*<a>/);
    expect(sameDocument({ root: { name: 'a', namespaceUri: '' }, eval: () => 2 } as never, tree)).toBeNull();
    // libxml2's count fails past 10 million elements (its XPath node-set limit): a finding, not an internal error.
    const uncounted = sameDocument({ root: { name: 'a', namespaceUri: '' }, eval: () => { throw new Error("Failed to evaluate XPath expression 'count(//*)'"); } } as never, tree);
    expect(uncounted).toMatch(/não conseguiu contar os elementos.*10 milhões/);
    reportAmbiguous(out, disagree!, null, null);
    return out.findings.map((f) => f.code);
  },
  'TISS-HASH-LATIN1': () => codes(validate(readFileSync(join(VALID, 'lote-consulta.xml')), { hashEncoding: 'utf-8' })),
  'TISS-PERFIL-CAMPO': () =>
    codes(validate(readFileSync(join(VALID, 'lote-consulta.xml')), { config: parseConfig({ defaults: { fields: { numeroCarteira: { pattern: '\\d{17}' } } } }) })),
  'TISS-XSD-OTHER': () => {
    const out = new FindingCollector('x.xml');
    const tree = buildTree('<a><b/></a>')!;
    reportXsdErrors([{ message: "Element 'b': Something libxml2 says that we never translated.\n", level: 2, line: 1, col: 0, xpath: '/a/b' }], tree, { facts: { meanings: new Map(), base: new Map(), enumerations: new Map(), removed: new Map() }, typeOf: () => null, schemaLabel: 'x.xsd' }, out);
    return out.findings.map((f) => f.code);
  },
};

describe('codes no sample can carry', () => {
  it.each(Object.entries(UNIT_CODES))('%s', (code, run) => {
    expect(run()).toContain(code);
  });

  it('TISS-XSD-OTHER keeps the raw libxml2 text', () => {
    const out = new FindingCollector('x.xml');
    reportXsdErrors([{ message: "Element 'b': Something new.\n", level: 2, line: 1, col: 0, xpath: '/a/b' }], buildTree('<a><b/></a>')!, { facts: { meanings: new Map(), base: new Map(), enumerations: new Map(), removed: new Map() }, typeOf: () => null, schemaLabel: 'x.xsd' }, out);
    expect(out.findings[0]).toMatchObject({ code: 'TISS-XSD-OTHER', line: 1, xpath: '/a/b', detail: "Element 'b': Something new." });
  });

  it('TISS-INTERNAL: a crash inside the checks is a finding of that file, not a stack trace', async () => {
    vi.resetModules();
    vi.doMock('../src/hash/check.js', () => ({
      checkHash: () => {
        throw new Error('falha simulada');
      },
    }));
    const { validate: mocked } = await import('../src/validate/index.js');
    // Fresh modules: libxml2 is loaded again in them (test/setup.ts loaded it in the first ones).
    await (await import('../src/xml/libxml2.js')).loadLibxml2();
    const r = mocked(readFileSync(join(VALID, 'lote-consulta.xml')), { file: 'lote.xml' });
    expect(codes(r)).toEqual(['TISS-INTERNAL']);
    expect(r.findings[0]!.message).toMatch(/falha simulada/);
    expect(r.valid).toBe(false);
    vi.doUnmock('../src/hash/check.js');
    vi.resetModules();
  });
});

describe('the catalogue', () => {
  it('every code is asserted by a test (a sample case or a unit case)', () => {
    const asserted = new Set([...CASES.flatMap((c) => c.codes).filter((c) => !c.startsWith('TISS-R-')), ...GEN_CASES.flatMap((c) => c.codes).filter((c) => c.startsWith('TISS-GEN-')), ...Object.keys(UNIT_CODES), 'TISS-INTERNAL']);
    expect([...asserted].sort()).toEqual(Object.keys(CODES).sort());
  });

  it('every finding has the same fields', () => {
    const r = validateSample(join(INVALID, 'xsd-codigo-invalido.xml'));
    expect(Object.keys(r.findings[0]!).sort()).toEqual(['code', 'column', 'data', 'detail', 'file', 'fix', 'glosa', 'guia', 'line', 'message', 'reference', 'severity', 'source', 'xpath']);
  });
});
