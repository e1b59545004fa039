import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/findings/catalog.js';
import { RULES } from '../src/rules/catalog.js';
import { RULE_GLOSAS, ruleGlosa } from '../src/rules/glosas.js';
import { GLOSA_FIELDS } from '../src/xsd/glosa.js';
import { runRules } from '../src/rules/engine.js';
import type { Rule } from '../src/rules/types.js';
import { FindingCollector } from '../src/findings/collector.js';
import { identifyMessage } from '../src/message/kind.js';
import { buildTree } from '../src/xml/scan.js';
import { tables } from '../src/tables/index.js';
import { codeDescriptors, glosaText } from '../src/codes.js';
import { validate, type ValidationResult } from '../src/validate/index.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { formatReport } from '../src/formatters/report.js';
import { Aggregator } from '../src/report/aggregate.js';
import { aggregateText } from '../src/report/text.js';
import { asTissVersion, INVALID, ROOT, SAMPLES, VALID, tiss, validateSample, xmlFiles } from './helpers.js';

const TABELA_38 = new Map(tables.get(38).codes.map((c) => [c.code, c.description ?? '']));

/** Every glosa code the tool can hand out: engine catalogue, XSD fields, rule map, rules' own meta. */
function everyGlosaCode(): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const add = (code: string, who: string): void => void users.set(code, [...(users.get(code) ?? []), who]);
  for (const [code, info] of Object.entries(CODES)) for (const g of 'glosa' in info ? info.glosa : []) add(g, code);
  for (const [kind, map] of [['invalid', GLOSA_FIELDS.invalid], ['missing', GLOSA_FIELDS.missing]] as const) for (const [field, list] of Object.entries(map)) for (const g of list) add(g, `xsd ${kind} ${field}`);
  for (const g of GLOSA_FIELDS.tooManyGuias) add(g, 'xsd max-occurs guia');
  for (const r of RULES) for (const g of ruleGlosa(r.meta)) add(g, r.meta.id);
  return users;
}

const finding = (r: ValidationResult, code: string) => r.findings.find((f) => f.code === code);

describe('glosa codes are Tabela 38 codes', () => {
  it('every code in the catalogue, the XSD field map and the rule map exists in Tabela 38 of some version', () => {
    const all = everyGlosaCode();
    expect(all.size).toBeGreaterThan(30);
    for (const [code, users] of all) expect(TABELA_38.has(code), `${code} (${users.join(', ')})`).toBe(true);
  });

  it('every id of the rule map is a rule of the catalogue, and codes are not repeated in a list', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const [id, list] of Object.entries(RULE_GLOSAS)) {
      expect(ids.has(id), id).toBe(true);
      expect(new Set(list).size, id).toBe(list.length);
    }
  });

  it('README quotes every code with its Tabela 38 text', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const code of everyGlosaCode().keys()) expect(readme.includes(`| ${code} | ${TABELA_38.get(code)!.trim()} |`), `${code} quoted in README`).toBe(true);
  });

  it('glosaText gives the table text, and null for a code the table lacks', () => {
    expect(glosaText('5014')).toBe('CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR CORROMPIDA.');
    expect(glosaText('1405')).toBe('DATA DE VALIDADE DA SENHA É ANTERIOR A DATA DO ATENDIMENTO');
    expect(glosaText('0000')).toBeNull();
  });
});

describe('each finding carries its glosa', () => {
  it('every finding of every invalid and rule sample has a glosa array of Tabela 38 codes', () => {
    for (const dir of [INVALID, join(SAMPLES, 'rules')]) {
      for (const f of xmlFiles(dir)) {
        for (const x of validateSample(join(dir, f)).findings) {
          expect(Array.isArray(x.glosa), `${f} ${x.code}`).toBe(true);
          for (const g of x.glosa) expect(TABELA_38.has(g), `${f} ${x.code} ${g}`).toBe(true);
        }
      }
    }
  });

  it.each([
    ['hash-desatualizado.xml', 'TISS-HASH-MISMATCH', ['5014']],
    ['hash-utf8.xml', 'TISS-HASH-UTF8', ['5014']],
    ['hash-vazio.xml', 'TISS-HASH-EMPTY', ['5014']],
    ['xml-mal-formado.xml', 'TISS-XML-NOT-WELL-FORMED', ['5002']],
    ['msg-versao-3.05.xml', 'TISS-MSG-VERSION-UNSUPPORTED', ['5028']],
    ['msg-raiz-desconhecida.xml', 'TISS-MSG-UNKNOWN-ROOT', ['5001']],
    // An XSD error on a field Tabela 38 names gets that field's code.
    ['xsd-formato.xml', 'TISS-XSD-PATTERN', ['5027']], // registroANS
    ['versao-4.01-cnpj-com-letra.xml', 'TISS-XSD-PATTERN', ['1206']], // CNPJ
    ['xsd-codigo-invalido.xml', 'TISS-XSD-ENUMERATION', ['5031']], // caraterAtendimento
    ['versao-4.01-tipo-atendimento-05.xml', 'TISS-XSD-ENUMERATION', ['1602']], // tipoAtendimento
    ['xsd-101-guias.xml', 'TISS-XSD-MAX-OCCURS', ['5015']],
    // One the table has no code for keeps the default.
    ['xsd-data.xml', 'TISS-XSD-DATE', ['5001']], // dataAtendimento
    ['xsd-elemento-ausente.xml', 'TISS-XSD-MISSING-ELEMENT', ['5007']], // atendimentoRN
    ['enc-fora-latin1.xml', 'TISS-HASH-UNVERIFIABLE', []],
  ])('%s: %s → %j', (file, code, glosa) => {
    expect(finding(validateSample(join(INVALID, file)), code)?.glosa).toEqual(glosa);
  });

  it('rules: the code of the rule map, or none', () => {
    expect(finding(validateSample(join(SAMPLES, 'rules', 'cpf-dv.xml')), 'TISS-R-CPF-DV')?.glosa).toEqual(['1206']);
    expect(finding(validateSample(join(SAMPLES, 'rules', 'cns-dv.xml')), 'TISS-R-CNS-DV')?.glosa).toEqual(['1002']);
    expect(finding(validateSample(join(SAMPLES, 'rules', 'doc-observacao-url.xml')), 'TISS-R-DOC-OBSERVACAO-URL')?.glosa).toEqual([]);
  });

  it("a field's code the checked version's Tabela 38 lacks falls back to the default (3269 exists from 4.03.00)", () => {
    const bad = (file: string): ValidationResult => {
      const text = readFileSync(join(VALID, file), 'latin1').replace('<ans:conselhoProfissional>06<', '<ans:conselhoProfissional>99<');
      return validate(Buffer.from(text, 'latin1'), { file });
    };
    expect(finding(bad('lote-consulta-4.03.xml'), 'TISS-XSD-ENUMERATION')?.glosa).toEqual(['3269']);
    expect(finding(bad('lote-consulta-4.01.xml'), 'TISS-XSD-ENUMERATION')?.glosa).toEqual(['5001']);
  });

  it("a rule's code the message version's Tabela 38 lacks is left out (3167, SEQUENCIAL INVÁLIDO, exists from 4.01.00)", () => {
    const text = readFileSync(join(SAMPLES, 'rules', 'sequencial-item-repetido.xml'), 'latin1');
    const at = (version: string): string[] | undefined => finding(validate(Buffer.from(asTissVersion(text, version), 'latin1'), { file: 'x.xml' }), 'TISS-R-SEQUENCIAL-ITEM-UNICO')?.glosa;
    expect(at('4.00.00')).toEqual([]);
    expect(at('4.01.00')).toEqual(['3167']);
  });

  it('the engine copies the rule meta glosa (over the map), and ctx.report can name another', () => {
    const mk = (id: string, glosa: readonly string[] | undefined, override?: readonly string[]): Rule => ({
      meta: {
        id,
        title: 't',
        severity: 'error',
        appliesTo: ['guiaConsulta'],
        versions: ['4.00.00'],
        description: 'd',
        source: { text: 't', origin: 'CHECK', reference: 'r' },
        examples: { pass: 'p', fail: 'f', failAt: { xpath: '/' } },
        messages: { m: 'mensagem' },
        fixes: { m: 'correção' },
        ...(glosa ? { glosa } : {}),
      },
      check(ctx) {
        const first = ctx.nodes()[0];
        if (first) ctx.report(first, 'm', override ? { glosa: override } : undefined);
      },
    });
    const tree = buildTree(readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1'))!;
    const out = new FindingCollector('x.xml');
    const info = identifyMessage(tree.root, out)!;
    runRules(info, out, {}, [mk('TISS-R-CPF-DV', ['1001']), mk('TISS-R-CPF-DV', undefined), mk('TISS-R-NOVA', undefined), mk('TISS-R-NOVA', ['1206'], ['1405', '1414'])]);
    expect(out.findings.map((f) => f.glosa)).toEqual([['1001'], ['1206'], [], ['1405', '1414']]);
  });
});

describe('a rule names the glosa of the case it found', () => {
  const codesOf = (file: string, id: string, edit?: [string, string]): string[][] => {
    let text = readFileSync(join(ROOT, file), 'latin1');
    if (edit) text = text.replace(edit[0], edit[1]);
    return validate(Buffer.from(text, 'latin1'), { file, today: '2026-12-04' }).findings.filter((f) => f.code === id).map((f) => f.glosa);
  };

  it('a repeated CID is 5067 (DIAGNÓSTICO EM DUPLICIDADE), not the rule\'s 1509', () => {
    expect(codesOf('samples/rules/mon-cid-internacao.xml', 'TISS-R-MON-CID-INTERNACAO')).toEqual([['5067']]);
  });

  it('operadora intermediária: the one missing of 5061/5062, not both', () => {
    expect(codesOf('samples/rules/mon-operadora-intermediaria.xml', 'TISS-R-MON-OPERADORA-INTERMEDIARIA')).toEqual([['5061']]);
  });

  it('a resumo de internação whose period ends before it starts is 1608 (ALTA ANTERIOR À DATA DE INTERNAÇÃO)', () => {
    const swapped: [string, string] = ['<ans:dataFinalFaturamento>2026-08-22<', '<ans:dataFinalFaturamento>2026-08-19<'];
    expect(codesOf('samples/valid/lote-resumo-internacao.xml', 'TISS-R-ORDEM-DATAS', swapped)).toEqual([['1608']]);
  });

  it('a missing tipo or regime de internação names its own code; the diárias have none', () => {
    const file = 'samples/rules/mon-campos-internacao.xml';
    // The sample's first guia lacks only diariasUTI: no code of its own.
    expect(codesOf(file, 'TISS-R-MON-CAMPOS-INTERNACAO')).toEqual([[]]);
    // Without its tipo de internação too: 1506 TIPO DE INTERNAÇÃO INVÁLIDO.
    expect(codesOf(file, 'TISS-R-MON-CAMPOS-INTERNACAO', ['<ans:tipoInternacao>1</ans:tipoInternacao>', ''])).toEqual([['1506']]);
  });
});

describe('formats show the glosa', () => {
  const result = validateSample(join(INVALID, 'hash-desatualizado.xml'));
  const report = { tool: { name: 'tiss', version: '0.0.0' }, results: [result], unreadable: [] };
  const options = { quiet: false, color: false, source: () => null, codes: codeDescriptors(), glosaText, cwd: ROOT };

  it('text: a "glosa provável" line with the code and its text; several codes one per line', () => {
    const out = formatReport(FORMATTERS.text, report, options);
    expect(out).toContain('    glosa provável: 5014 — CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR CORROMPIDA.\n');
    const two = { ...result, findings: [{ ...result.findings[0]!, glosa: ['5062', '5061'] }] };
    expect(formatReport(FORMATTERS.text, { ...report, results: [two] }, options)).toContain(
      '    glosa provável (uma destas):\n      5062 — REGISTRO ANS DA OPERADORA INTERMEDIÁRIA NÃO INFORMADO\n      5061 — TIPO DE ATENDIMENTO OPERADORA INTERMEDIÁRIA NÃO INFORMADO\n',
    );
    // Without the texts (a library caller that hands none), the code alone.
    const { glosaText: _drop, ...bare } = options;
    expect(formatReport(FORMATTERS.text, report, bare)).toContain('    glosa provável: 5014\n');
  });

  it('JSON: glosa on each finding', () => {
    const json = JSON.parse(formatReport(FORMATTERS.json, report, options));
    expect(json.files[0].findings.map((f: { code: string; glosa: string[] }) => [f.code, f.glosa])).toEqual([['TISS-HASH-MISMATCH', ['5014']]]);
  });

  it('SARIF: properties.glosa on each result, and the default codes on the rules', () => {
    const sarif = JSON.parse(formatReport(FORMATTERS.sarif, report, options));
    expect(sarif.runs[0].results[0].properties.glosa).toEqual(['5014']);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'TISS-R-CPF-DV');
    expect(rule.properties.glosa).toEqual(['1206']);
  });

  it('JUnit: the glosa in the failure text', () => {
    expect(formatReport(FORMATTERS.junit, report, options)).toMatch(/TISS-HASH-MISMATCH erro linha 133:5 \/mensagemTISS\/epilogo\/hash: .*\(glosa provável: 5014 — CÓDIGO HASH INVÁLIDO\. MENSAGEM PODE ESTAR CORROMPIDA\.\)/);
  });

  it('Code Quality: the glosa in the description', () => {
    expect(JSON.parse(formatReport(FORMATTERS.codequality, report, options))[0].description).toMatch(/\(glosa provável: 5014\)$/);
  });
});

describe('tiss rules <id> names the glosa', () => {
  it('one code on one line; several under "uma destas"', () => {
    expect(tiss(['rules', 'TISS-R-CPF-DV']).stdout).toContain('\nGlosa provável: 1206 — CPF / CNPJ INVÁLIDO\n');
    expect(tiss(['rules', 'TISS-R-MON-UNIDADE-MEDIDA']).stdout).toContain(
      '\nGlosa provável (uma destas): 5085 — UNIDADE DE MEDIDA É OBRIGATÓRIA PARA A TABELA TUSS INFORMADA\n  5084 — UNIDADE DE MEDIDA NÃO DEVE SER PREENCHIDA PARA A TABELA TUSS INFORMADA\n',
    );
    expect(tiss(['rules', 'TISS-R-DOC-OBSERVACAO-URL']).stdout).not.toContain('Glosa provável');
  });
});

describe('tiss report groups by glosa', () => {
  it('counts findings, files, guias and the valor informado: a hash error stakes the whole lote, a rule its guia', () => {
    const agg = new Aggregator(glosaText);
    const hash = validateSample(join(INVALID, 'hash-desatualizado.xml'));
    const cpf = validateSample(join(SAMPLES, 'rules', 'cpf-dv.xml'));
    agg.add(hash);
    agg.add(cpf);
    const groups = agg.result().glosas;
    const lote = hash.message!.guiasResumo;
    expect(lote.length).toBe(3);
    expect(groups.find((g) => g.glosa === '5014')).toEqual({
      glosa: '5014',
      texto: 'CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR CORROMPIDA.',
      ocorrencias: 1 + cpf.findings.filter((f) => f.glosa.includes('5014')).length,
      arquivos: 1 + (cpf.findings.some((f) => f.glosa.includes('5014')) ? 1 : 0),
      guias: 3 + (cpf.findings.some((f) => f.glosa.includes('5014')) ? cpf.message!.guiasResumo.length : 0),
      valorInformado: Math.round((lote.reduce((a, g) => a + (g.valor ?? 0), 0) + (cpf.findings.some((f) => f.glosa.includes('5014')) ? (cpf.message!.valorInformado ?? 0) : 0)) * 100) / 100,
    });
    const cpfFindings = cpf.findings.filter((f) => f.code === 'TISS-R-CPF-DV');
    const cpfGuias = new Set(cpfFindings.map((f) => f.guia));
    const g1206 = groups.find((g) => g.glosa === '1206')!;
    expect(g1206.ocorrencias).toBe(cpfFindings.length);
    expect(g1206.guias).toBe(cpfGuias.size);
    expect(g1206.valorInformado).toBe(Math.round(cpf.message!.guiasResumo.filter((g) => cpfGuias.has(g.numero)).reduce((a, g) => a + (g.valor ?? 0), 0) * 100) / 100);
    const text = aggregateText(agg.result());
    expect(text).toMatch(/Glosas prováveis \(Tabela 38\)/);
    // A finding with several possible codes counts under each: the header says the rows are not to be added up.
    expect(text).toContain('Um achado com mais de uma glosa possível conta em cada uma: não some as linhas');
    expect(text).toMatch(/^5014 +1 +1 +3 +R\$ [\d.,]+ +CÓDIGO HASH INVÁLIDO\. MENSAGEM PODE ESTAR CORROMPIDA\.$/m);
  });

  it('on samples/invalid (JSON): 101 guias over the limit stake the whole lote under 5015, and every group adds up', () => {
    const r = tiss(['report', '-f', 'json', INVALID]);
    const report = JSON.parse(r.stdout) as { glosas: { glosa: string; texto: string | null; ocorrencias: number; arquivos: number; guias: number; valorInformado: number }[] };
    const g5015 = report.glosas.find((g) => g.glosa === '5015')!;
    const lote101 = validateSample(join(INVALID, 'xsd-101-guias.xml'));
    expect(g5015).toEqual({ glosa: '5015', texto: 'NÚMERO DE GUIAS/DEMONSTRATIVOS DENTRO DA MENSAGEM SUPERIOR AO TAMANHO MÁXIMO PERMITIDO.', ocorrencias: 1, arquivos: 1, guias: 101, valorInformado: lote101.message!.valorInformado });
    // The 5014 group: every file with a hash finding, all of its guias and money.
    const hashed = xmlFiles(INVALID).map((f) => validateSample(join(INVALID, f))).filter((x) => x.findings.some((f) => f.glosa.includes('5014')));
    const g5014 = report.glosas.find((g) => g.glosa === '5014')!;
    expect(g5014.arquivos).toBe(hashed.length);
    expect(g5014.guias).toBe(hashed.reduce((a, x) => a + (x.message?.guiasResumo.length ?? 0), 0));
    expect(g5014.valorInformado).toBe(Math.round(hashed.reduce((a, x) => a + (x.message?.valorInformado ?? 0), 0) * 100) / 100);
    // Most money first.
    const values = report.glosas.map((g) => g.valorInformado);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});
