import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixHash } from '../src/hash/api.js';
import { defaultStoreDir } from '../src/schemas/store.js';
import { installTabelas } from '../src/terminology/store.js';
import { validate } from '../src/validate/index.js';
import { ROOT, SHARED, tiss, tempDir } from './helpers.js';

/** TISS-R-TUSS22-PROCEDIMENTO: procedure codes of table 22 against the installed Tabela 22 (issue 14). */
const ID = 'TISS-R-TUSS22-PROCEDIMENTO';
const TODAY = '2026-11-22';
const JSON_202511 = join(SHARED, 'tuss', '22', 'tuss22-202511.json');
const CSV_2020 = join(SHARED, 'tuss', '22', 'tuss22-2020-formato-ans.csv');
const tmp = (): string => tempDir('tiss-tuss-rule-');

const ONLY_202511 = tmp();
installTabelas(JSON_202511, { storeDir: ONLY_202511 });
const WITH_2020 = tmp();
installTabelas(JSON_202511, { storeDir: WITH_2020 });
installTabelas(CSV_2020, { storeDir: WITH_2020, release: '202007' });
const EMPTY = tmp();

const FAIL = 'samples/rules/tuss22-procedimento.xml';
const CONSULTA = 'Consulta em consultório (no horário normal ou preestabelecido)';

function check(file: string, tabelas: string, edit: (t: string) => string = (t) => t) {
  const text = edit(readFileSync(join(ROOT, file), 'latin1'));
  return validate(Buffer.from(fixHash(Buffer.from(text, 'latin1')).fixed!), { today: TODAY, tabelas });
}

describe(`${ID} with Tabela 22 202511 installed`, () => {
  it('an unknown code is a warning naming the release checked, with the near codes and their terms', () => {
    const r = check(FAIL, ONLY_202511);
    expect(r.findings.map((f) => [f.code, f.severity, f.line, f.guia])).toEqual([[ID, 'warning', 89, '100087102']]);
    const f = r.findings[0]!;
    expect(f.message).toBe(
      `O código 10101021 (tabela 22) não consta na Tabela 22 da TUSS instalada (release 202511). Códigos próximos: 10101012 (“${CONSULTA}”; transposição); 10101020 (“Consulta em domicílio”; um dígito).`,
    );
    expect(f.xpath).toBe('/mensagemTISS/prestadorParaOperadora/loteGuias/guiasTISS/guiaConsulta[2]/dadosAtendimento/procedimento/codigoProcedimento');
    // 3219 (código preenchido incorretamente) exists from 4.03.00: this lote is 4.00.00.
    expect(f.glosa).toEqual(['1801', '2701', '3001']);
    expect(f.data).toMatchObject({ codigoTabela: '22', codigo: '10101021', release: '202511', found: false, sugestoes: [{ code: '10101012', term: CONSULTA, kind: 'transposição' }, { code: '10101020', kind: 'um dígito' }] });
  });

  it('a code one digit off suggests the right code first', () => {
    const r = check('samples/valid/lote-sp-sadt.xml', ONLY_202511, (t) => t.replace('<ans:codigoProcedimento>40304361<', '<ans:codigoProcedimento>40304362<'));
    expect(r.findings.map((f) => f.code)).toEqual([ID]);
    expect((r.findings[0]!.data as { sugestoes: { code: string; kind: string }[] }).sugestoes[0]).toMatchObject({ code: '40304361', kind: 'um dígito' });
    expect(r.findings[0]!.message).toContain('Códigos próximos: 40304361 (“Hemograma com contagem de plaquetas');
  });

  it('a code with no near code says so without suggestions', () => {
    const r = check(FAIL, ONLY_202511, (t) => t.replace('>10101021<', '>99999999<'));
    expect(r.findings.map((f) => f.message)).toEqual(['O código 99999999 (tabela 22) não consta na Tabela 22 da TUSS instalada (release 202511).']);
  });

  it('valid codes are silent: every sample that must pass, in every guia type that has table 22', () => {
    for (const file of ['samples/valid/lote-sp-sadt.xml', 'samples/valid/lote-consulta.xml', 'samples/valid/lote-resumo-internacao.xml', 'samples/valid/lote-honorarios.xml', 'samples/valid/lote-odontologia.xml', 'samples/valid/solicitacao-sp-sadt.xml', 'samples/valid/recurso-glosa.xml', 'samples/valid/monitoramento-guias.xml', 'samples/valid/monitoramento-guias-1.06.xml']) {
      expect(check(file, ONLY_202511).findings, file).toEqual([]);
    }
  });

  it('reads the code one level down in Envio de Dados (identProcedimento/Procedimento)', () => {
    const r = check('samples/valid/monitoramento-guias.xml', ONLY_202511, (t) => t.replace('<ans:codigoProcedimento>30101468<', '<ans:codigoProcedimento>30101486<'));
    expect(r.findings.map((f) => [f.code, f.xpath])).toEqual([[ID, expect.stringMatching(/identProcedimento\/Procedimento\/codigoProcedimento$/)]]);
  });

  it('a code of another table (18, 19, 20, 00) is not looked up', () => {
    const r = check(FAIL, ONLY_202511, (t) => t.replace(/<ans:codigoTabela>22<(\/ans:codigoTabela>\s*<ans:codigoProcedimento>10101021<)/, '<ans:codigoTabela>00<$1'));
    expect(r.findings.map((f) => f.code)).not.toContain(ID);
  });
});

describe(`${ID} with an older release installed too (202007 and 202511)`, () => {
  it('a code dropped since says how the older release listed it, never "fora de vigência"', () => {
    const r = check(FAIL, WITH_2020, (t) => t.replace('>10101021<', '>30101077<'));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[ID, 'warning']]);
    expect(r.findings[0]!.message).toBe(
      'O código 30101077 (tabela 22) não consta na Tabela 22 da TUSS release 202511, a mais recente instalada; constava em release anterior (na 202007: “Biópsia de pele, tumores superficiais, tecido celular subcutâneo…”).',
    );
    expect(r.findings[0]!.message).not.toMatch(/vigência/);
  });

  it('a code whose guia description is an older term: info with the current term; the current term is silent', () => {
    const old = (desc: string) => (t: string) =>
      t.replace(/<ans:codigoProcedimento>40304361<\/ans:codigoProcedimento>\s*<ans:descricaoProcedimento>[^<]*</, `<ans:codigoProcedimento>20104065</ans:codigoProcedimento>\n                <ans:descricaoProcedimento>${desc}<`);
    const r = check('samples/valid/lote-sp-sadt.xml', WITH_2020, old('Cerumen - remoção (bilateral)'));
    expect(r.findings.map((f) => [f.code, f.severity, f.message])).toEqual([
      [ID, 'info', 'O código 20104065 consta na Tabela 22 da TUSS release 202511 como “Cerumen - remoção - unilateral”; a descrição informada é o termo de uma release anterior (na 202007: “Cerumen - remoção (bilateral)”).'],
    ]);
    expect(check('samples/valid/lote-sp-sadt.xml', WITH_2020, old('Cerumen - remoção - unilateral')).findings).toEqual([]);
  });
});

describe(`${ID} without Tabela 22`, () => {
  it('is silent', () => {
    expect(check(FAIL, EMPTY).findings).toEqual([]);
  });

  it('tiss rules says why, and how to install it; with the table it names the release and shows the failing sample', () => {
    const home = tmp();
    const env = { TISS_HOME: home, TISS_SCHEMAS_DIR: defaultStoreDir() };
    const why = 'Sem a Tabela 22 instalada, esta regra não confere nada: instale com tiss tabelas install --from';
    const list = tiss(['rules'], { env });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${ID}[^\\n]*\\n[^\\n]*aplica-se a[^\\n]*\\n[^\\n]*versões[^\\n]*\\n\\s+${why}`));
    const one = tiss(['rules', ID], { env });
    expect(one.stdout).toContain(why);
    expect(one.stdout).toContain('(sem a tabela instalada a amostra não aciona a regra)');

    expect(tiss(['tabelas', 'install', '--from', JSON_202511], { env }).status).toBe(0);
    const withTable = tiss(['rules', ID], { env });
    expect(withTable.stdout).toContain('Confere com a Tabela 22 instalada: release 202511 (5.964 códigos).');
    expect(withTable.stdout).toContain('O código 10101021 (tabela 22) não consta na Tabela 22 da TUSS instalada (release 202511).');
    // tiss validate, in worker threads (-j 2): each worker reads the installed table.
    const v = tiss(['validate', FAIL, 'samples/valid/lote-sp-sadt.xml', '-j', '2', '-f', 'json'], { env });
    const codes = (JSON.parse(v.stdout) as { results?: { findings: { code: string }[] }[] }).results ?? JSON.parse(v.stdout);
    expect(JSON.stringify(codes)).toContain(ID);
  });
});
