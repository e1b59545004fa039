import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { installTabelas, listTabelas, loadTuss22, requireTuss22 } from '../src/terminology/store.js';
import { TussTable } from '../src/terminology/tuss22.js';
import { SHARED, tiss, tempDir } from './helpers.js';

const X = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
const JSON_202511 = join(SHARED, 'tuss', '22', 'tuss22-202511.json');
const CSV_2020 = join(SHARED, 'tuss', '22', 'tuss22-2020-formato-ans.csv');
const HEADER = ['Código do Termo', 'Termo', 'Descrição Detalhada', 'Data de início de vigência', 'Data de fim de vigência', 'Data de fim de implantação'];
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');
const tmp = (): string => tempDir('tiss-tuss-');

/** A workbook laid out like the ANS one: title rows 1–7, header on row 8, dates as Excel dates and as text. */
function officialXlsx(release: string, options: { sheet?: string } = {}): Uint8Array {
  const aoa: unknown[][] = [
    ['Terminologia Unificada da Saúde Suplementar - TUSS'],
    [],
    ['Tabela 22 - Procedimentos e eventos em saúde'],
    [],
    [`Versão ${release}`],
    [],
    [],
    HEADER,
    [10101012, 'Consulta em consultório (no horário normal ou preestabelecido)', 'Consulta médica', new Date(Date.UTC(2009, 1, 13)), null, new Date(Date.UTC(2010, 9, 15))],
    ['10101020', 'Consulta em domicílio', null, '13/02/2009', '', '15/10/2010'],
    [20104065, 'Cerumen - remoção - unilateral', null, new Date(Date.UTC(2024, 1, 1)), null, null],
    [40503825, 'Rearranjo PML/RARA  t(15;17) RQ-PCR', null, '01/01/2016', '14/01/2016', '31/03/2016'],
  ];
  const ws = X.utils.aoa_to_sheet(aoa, { cellDates: true, UTC: true });
  const wb = X.utils.book_new();
  X.utils.book_append_sheet(wb, X.utils.aoa_to_sheet([['Notas']]), 'Capa');
  X.utils.book_append_sheet(wb, ws, options.sheet ?? `Tab 22  VERSÃO ${release}`);
  return X.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array;
}

const XLSX_NAME = (r: string): string => `TUSS 22 - PROCEDIMENTOS E EVENTOS EM SAÚDE - VERSÃO ${r}.xlsx`;

describe('tiss tabelas install: each form', () => {
  it('the JSON extraction (release from the file name), sha256, rows and date recorded; compact JSON in <store>/22/<release>.json', () => {
    const store = tmp();
    const [r] = installTabelas(JSON_202511, { storeDir: store, now: new Date('2026-01-02T03:04:05Z') });
    expect(r).toMatchObject({ table: 22, release: '202511', rows: 5964, codes: 5964, releaseFrom: 'nome do arquivo', installedAt: '2026-01-02T03:04:05.000Z', badDates: 2 });
    expect(r!.source).toEqual({ file: 'tuss22-202511.json', form: 'json', sha256: '442c8943aaf9ad1ffcbe5e2d7d8b830df6d89b1919728f868bdc0aba59ce8f25' });
    expect(r!.path).toBe(join(store, '22', '202511.json'));
    const text = readFileSync(r!.path, 'utf8');
    expect(text).not.toContain('\n');
    expect(JSON.parse(text).data[0]).toEqual(['10101012', 'Consulta em consultório (no horário normal ou preestabelecido)', '2009-02-13', null, null]);
  });

  it('the 2020 CSV says no release: refused with the latest início date as a hint, nothing written; accepted with --release', () => {
    const store = tmp();
    expect(() => installTabelas(CSV_2020, { storeDir: store })).toThrow(/release \(AAAAMM\) não consta.*01\/07\/2020.*202007 ou posterior\. Nada foi instalado/);
    expect(readdirSync(store)).toEqual([]);
    const [r] = installTabelas(CSV_2020, { storeDir: store, release: '202007' });
    expect(r).toMatchObject({ release: '202007', rows: 5907, codes: 5851, releaseFrom: '--release', badDates: 0 });
    expect(r!.source.sha256).toBe(sha(CSV_2020));
    // A quoted term with ; and "" inside.
    const t = loadTuss22(store)!;
    expect(t.procedure('30404010').term).toBe('Doença de Meniere - tratamento cirúrgico - descompressão do saco endolinfático ou "shunt"');
    // A code listed twice: the row without fim de vigência is the current one.
    expect(t.procedure('40503825')).toMatchObject({ found: true, startDate: '2016-01-01', endDate: '2016-01-14' });
    expect(() => installTabelas(CSV_2020, { storeDir: store, release: '2020' })).toThrow(/--release inválida: “2020”/);
  });

  it('the official XLSX: sheet "Tab 22  VERSÃO AAAAMM", header on row 8, Excel dates and text dates', () => {
    const dir = tmp();
    const store = tmp();
    const file = join(dir, XLSX_NAME('202511'));
    writeFileSync(file, officialXlsx('202511'));
    const [r] = installTabelas(file, { storeDir: store });
    expect(r).toMatchObject({ release: '202511', rows: 4, codes: 4, releaseFrom: 'planilha', badDates: 0 });
    expect(r!.source).toEqual({ file: XLSX_NAME('202511'), form: 'xlsx', sha256: sha(file) });
    const t = requireTuss22(store);
    expect(t.procedure('10101012')).toEqual({ code: '10101012', found: true, release: '202511', term: 'Consulta em consultório (no horário normal ou preestabelecido)', startDate: '2009-02-13', implantationEndDate: '2010-10-15', elsewhere: [] });
    expect(t.procedure('10101020')).toMatchObject({ startDate: '2009-02-13', implantationEndDate: '2010-10-15' });
    expect(t.procedure('40503825')).toMatchObject({ term: 'Rearranjo PML/RARA t(15;17) RQ-PCR', endDate: '2016-01-14' });
  });

  it('the official ZIP: the Tabela 22 member found by name among others, read through the central directory', () => {
    const dir = tmp();
    const store = tmp();
    const zip = join(dir, 'Padrao_TISS_Representacao_de_Conceitos_em_Saude_202511.zip');
    writeFileSync(
      zip,
      zipSync({
        'Padrao TISS/TUSS 19 - MATERIAIS - VERSÃO 202511.xlsx': officialXlsx('202511', { sheet: 'Tab 19' }),
        'Padrao TISS/TUSS 22 - PROCEDIMENTOS E EVENTOS EM SAÚDE - VERSÃO 202511.pdf': new Uint8Array(100),
        [`Padrao TISS/${XLSX_NAME('202511')}`]: officialXlsx('202511'),
      }),
    );
    const [r] = installTabelas(zip, { storeDir: store });
    expect(r).toMatchObject({ release: '202511', rows: 4, releaseFrom: 'planilha' });
    expect(r!.source).toEqual({ file: 'Padrao_TISS_Representacao_de_Conceitos_em_Saude_202511.zip', form: 'zip', sha256: sha(zip), member: `Padrao TISS/${XLSX_NAME('202511')}` });
  });

  it('a folder: every Tabela 22 file in it; several releases installed, the newest is the default', () => {
    const dir = tmp();
    const store = tmp();
    writeFileSync(join(dir, XLSX_NAME('202401')), officialXlsx('202401'));
    writeFileSync(join(dir, 'tuss22-202511.json'), readFileSync(JSON_202511));
    const got = installTabelas(dir, { storeDir: store });
    expect(got.map((r) => r.release).sort()).toEqual(['202401', '202511']);
    expect(listTabelas(store).map((r) => [r.release, r.rows])).toEqual([['202511', 5964], ['202401', 4]]);
    expect(loadTuss22(store)!.releases).toEqual(['202511', '202401']);
  });
});

describe('bad sources: Portuguese error, nothing half-written', () => {
  it('a CSV with the wrong columns', () => {
    const dir = tmp();
    const store = tmp();
    const f = join(dir, 'tuss22-202511.csv');
    writeFileSync(f, 'codigo;descricao\n10101012;Consulta\n');
    expect(() => installTabelas(f, { storeDir: store })).toThrow(/colunas da Tabela 22 não encontradas: “codigo do termo”, “termo”.*Nada foi instalado/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('an XLSX without the Tab 22 sheet', () => {
    const dir = tmp();
    const store = tmp();
    const f = join(dir, XLSX_NAME('202511'));
    writeFileSync(f, officialXlsx('202511', { sheet: 'Planilha1' }));
    expect(() => installTabelas(f, { storeDir: store })).toThrow(/não tem a aba da Tabela 22 \(“Tab 22 {2}VERSÃO AAAAMM”\); abas: “Capa”, “Planilha1”/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('a ZIP without a Tabela 22 member; a broken ZIP', () => {
    const dir = tmp();
    const store = tmp();
    const f = join(dir, 'Padrao_TISS_Representacao_de_Conceitos_em_Saude_202511.zip');
    writeFileSync(f, zipSync({ 'TUSS 19 - MATERIAIS - VERSÃO 202511.xlsx': officialXlsx('202511', { sheet: 'Tab 19' }) }));
    expect(() => installTabelas(f, { storeDir: store })).toThrow(/o ZIP não tem a planilha da Tabela 22/);
    writeFileSync(f, Buffer.from('PK\u0003\u0004 isto não é um zip'));
    expect(() => installTabelas(f, { storeDir: store })).toThrow(/ZIP ilegível ou corrompido/);
    expect(readdirSync(store)).toEqual([]);
  });

  it('one bad file in a folder: nothing from the folder is installed', () => {
    const dir = tmp();
    const store = tmp();
    writeFileSync(join(dir, 'tuss22-202511.json'), readFileSync(JSON_202511));
    writeFileSync(join(dir, 'tuss22-202401.csv'), `${HEADER.join(';')}\nABC;Termo;;01/01/2020;;\n`);
    expect(() => installTabelas(dir, { storeDir: store })).toThrow(/tuss22-202401\.csv: 1 linha\(s\) sem um código TUSS de 8 dígitos: linha 2: “ABC”/);
    expect(readdirSync(store)).toEqual([]);
  });
});

describe('lookup API', () => {
  const table = new TussTable([
    { table: 22, release: '202007', rows: [
      { code: '20104065', term: 'Cerumen - remoção (bilateral)', startDate: '2009-02-13', endDate: null, implantationEndDate: '2010-10-15' },
      { code: '30101077', term: 'Biópsia de pele', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
      { code: '10101012', term: 'Consulta em consultório', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
    ] },
    { table: 22, release: '202511', rows: [
      { code: '20104065', term: 'Cerumen - remoção - unilateral', startDate: '2024-02-01', endDate: null, implantationEndDate: null },
      { code: '10101012', term: 'Consulta em consultório', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
      { code: '10101020', term: 'Consulta em domicílio', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
      { code: '10101039', term: 'Consulta em pronto socorro', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
      { code: '10102019', term: 'Visita hospitalar', startDate: '2009-02-13', endDate: null, implantationEndDate: null },
    ] },
  ]);

  it('the newest release is the default; a dropped code says where it was; a rewritten term says both', () => {
    expect(table.releases).toEqual(['202511', '202007']);
    expect(table.procedure('10101012')).toEqual({ code: '10101012', found: true, release: '202511', term: 'Consulta em consultório', startDate: '2009-02-13', elsewhere: [] });
    expect(table.procedure('30101077')).toEqual({
      code: '30101077', found: false, release: '202511',
      elsewhere: [{ release: '202007', term: 'Biópsia de pele', startDate: '2009-02-13' }],
      note: 'não consta na 202511; constava na 202007 como “Biópsia de pele”',
    });
    expect(table.procedure('20104065').note).toBe('termo na 202511: “Cerumen - remoção - unilateral”; na 202007: “Cerumen - remoção (bilateral)”');
    expect(table.procedure('30101077', { release: '202007' })).toMatchObject({ found: true, term: 'Biópsia de pele' });
    expect(() => table.procedure('1', { release: '201901' })).toThrow(/release 201901 da Tabela 22 não está instalada; instaladas: 202511, 202007/);
  });

  it('suggest: a transposed code first, then one digit off (later position, nearer digit first), at most 5', () => {
    expect(table.suggest('01101012')).toEqual([{ code: '10101012', term: 'Consulta em consultório', kind: 'transposição' }]);
    expect(table.suggest('10101021').map((s) => [s.code, s.kind])).toEqual([['10101012', 'transposição'], ['10101020', 'um dígito']]);
    expect(table.suggest('10101030').map((s) => s.code)).toEqual(['10101039', '10101020']);
    expect(table.suggest('1010101').map((s) => [s.code, s.kind])).toEqual([['10101012', 'dígito a menos']]);
    expect(table.suggest('10101012')).toEqual([]);
    expect(table.suggest('abc')).toEqual([]);
    expect(table.suggest('10101010', { limit: 2 })).toHaveLength(2);
  });

  it('cheap enough for every procedure of a lote: 100,000 lookups and 1,000 misses with suggestions on the real 202511 release', () => {
    const store = tmp();
    installTabelas(JSON_202511, { storeDir: store });
    const t = loadTuss22(store)!;
    expect(loadTuss22(store)).toBe(t);
    const codes = [...Array(100)].map((_, i) => String(10101012 + i * 7));
    const start = performance.now();
    for (let n = 0; n < 1000; n++) for (const c of codes) t.procedure(c);
    for (let n = 0; n < 1000; n++) t.suggest(String(40000000 + n));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('CLI', () => {
  const home = tmp();
  const env = { TISS_HOME: home };

  it('tiss tabela 22 without an installed table: how to install it, exit 2', () => {
    const r = tiss(['tabela', '22', '10101012'], { env: { TISS_HOME: tmp() } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/A Tabela 22 \(TUSS, procedimentos e eventos em saúde\) não está instalada/);
    expect(r.stderr).toContain('tiss tabelas install --from Padrao_TISS_Representacao_de_Conceitos_em_Saude_AAAAMM.zip');
  });

  it('install, list (text and JSON), lookup, a miss with suggestions', () => {
    const dir = tmp();
    const xlsx = join(dir, XLSX_NAME('202401'));
    writeFileSync(xlsx, officialXlsx('202401'));
    expect(tiss(['tabelas', 'install', '--from', xlsx], { env }).stdout).toMatch(/^instalada: Tabela 22 release 202401 \(4 códigos, 4 linhas; release pelo planilha\)/);
    const json = tiss(['tabelas', 'install', '--from', JSON_202511], { env });
    expect(json.status).toBe(0);
    expect(json.stdout).toContain('sha256 442c8943aaf9ad1ffcbe5e2d7d8b830df6d89b1919728f868bdc0aba59ce8f25');
    expect(json.stdout).toContain('atenção: 2 data(s) ilegível(is) ficaram vazias');

    const list = tiss(['tabelas', 'list'], { env });
    expect(list.stdout).toMatch(/Tabela 22 {2}release 202511 \(padrão\) {2}5\.964 códigos/);
    expect(list.stdout).toMatch(/Tabela 22 {2}release 202401 {2}4 códigos/);
    const listed = JSON.parse(tiss(['tabelas', 'list', '-f', 'json'], { env }).stdout) as { tables: { release: string; default: boolean; rows: number }[] };
    expect(listed.tables.map((t) => [t.release, t.default, t.rows])).toEqual([['202511', true, 5964], ['202401', false, 4]]);

    // `tiss tabela` lists Tabela 22 among the tables: the newest installed release, or that none is.
    expect(tiss(['tabela'], { env }).stdout.split('\n')[0]).toBe(' 22  Procedimentos e eventos em saúde (TUSS; release 202511 instalada: 5.964 códigos)');
    expect(tiss(['tabela'], { env: { TISS_HOME: tmp() } }).stdout.split('\n')[0]).toBe(' 22  Procedimentos e eventos em saúde (TUSS; não instalada: tiss tabelas install --from <arquivo da ANS>)');
    expect((JSON.parse(tiss(['tabela', '-f', 'json'], { env }).stdout) as { table: number; release: string | null }[])[0]).toMatchObject({ table: 22, release: '202511', count: 5964 });

    const hit = tiss(['tabela', '22', '20104065'], { env });
    expect(hit.status).toBe(0);
    expect(hit.stdout).toBe('Tabela 22 — Procedimentos e eventos em saúde (release 202511)\n20104065  Cerumen - remoção - unilateral\ninício de vigência: 01/02/2024\n');

    const miss = tiss(['tabela', '22', '10101021'], { env });
    expect(miss.status).toBe(1);
    expect(miss.stderr).toBe('tiss: o código "10101021" não foi encontrado na release 202511 da Tabela 22 (procedimentos e eventos em saúde).\nVocê quis dizer:\n  10101012  Consulta em consultório (no horário normal ou preestabelecido)  (transposição)\n  10101020  Consulta em domicílio  (um dígito)\n');
    const missJson = JSON.parse(tiss(['tabela', '22', '10101021', '-f', 'json'], { env }).stdout) as { found: boolean; suggestions: { code: string }[] };
    expect(missJson.found).toBe(false);
    expect(missJson.suggestions.map((s) => s.code)).toEqual(['10101012', '10101020']);
  });

  it('bad input to install: exit 2 in Portuguese, no stack', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'vazia'));
    const r = tiss(['tabelas', 'install', '--from', join(dir, 'vazia')], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tiss: Nenhum arquivo da Tabela 22 \(.xlsx, .zip, .csv ou .json\) em /);
    const csv = tiss(['tabelas', 'install', '--from', CSV_2020], { env });
    expect(csv.status).toBe(2);
    expect(csv.stderr).toContain('Indique-a com --release AAAAMM');
    expect(csv.stderr).not.toMatch(/\n\s+at /);
  });

  it('the XLSX reader is not in the CLI bundle (loaded only by tabelas install)', () => {
    const bundle = join(process.cwd(), 'dist', 'bundle');
    for (const f of readdirSync(bundle).filter((n) => n.endsWith('.js'))) expect(readFileSync(join(bundle, f), 'utf8'), f).not.toContain('SheetJS');
  });
});
