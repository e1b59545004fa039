import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INVALID, SHARED_SCHEMAS, tiss, VALID, tempDir } from './helpers.js';

const tmp = () => tempDir('tiss-cli-');

describe('tiss validate', () => {
  it('exit 0 on a valid file, with a summary line', () => {
    const r = tiss(['validate', join(VALID, 'lote-sp-sadt.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 erros e 0 avisos em 1 arquivo: 1 válido/);
  });

  it('exit 1 with findings in Portuguese, a code frame and the fix', () => {
    const r = tiss(['validate', join(INVALID, 'xsd-codigo-invalido.xml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('erro linha 200, coluna 13  TISS-XSD-ENUMERATION  guia 200045311');
    expect(r.stdout).toContain('> 200 |             <ans:caraterAtendimento>3</ans:caraterAtendimento>');
    expect(r.stdout).toMatch(/\n\s+\|\s{13}\^/);
    expect(r.stdout).toContain('Como corrigir:');
    expect(r.stdout).toMatch(/1 erro e 0 avisos em 1 arquivo: 0 válidos, 1 com erros/);
  });

  it('warnings alone keep exit 0; --quiet hides them', () => {
    const r = tiss(['validate', join(INVALID, 'msg-corpo-vazio.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('TISS-MSG-EMPTY-BODY');
    const q = tiss(['validate', '--quiet', join(INVALID, 'msg-corpo-vazio.xml')]);
    expect(q.status).toBe(0);
    expect(q.stdout).not.toContain('TISS-MSG-EMPTY-BODY');
  });

  it('folders are walked recursively, results in input order', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    cpSync(join(VALID, 'lote-consulta.xml'), join(dir, 'b.xml'));
    cpSync(join(INVALID, 'hash-vazio.xml'), join(dir, 'sub', 'a.xml'));
    writeFileSync(join(dir, 'leia-me.txt'), 'não é XML');
    const r = tiss(['validate', '--format', 'json', dir]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual([join(dir, 'b.xml'), join(dir, 'sub', 'a.xml')]);
  });

  it('globs and stdin', () => {
    const g = tiss(['validate', '-q', 'samples/valid/lote-*.xml']);
    expect(g.status).toBe(0);
    expect(g.stdout).toMatch(new RegExp(`em ${readdirSync(VALID).filter((f) => /^lote-.*\.xml$/.test(f)).length} arquivos`));
    const s = tiss(['validate', '-'], { input: readFileSync(join(INVALID, 'hash-utf8.xml')) });
    expect(s.status).toBe(1);
    expect(s.stdout).toContain('<stdin>');
    expect(s.stdout).toContain('TISS-HASH-UTF8');
  });

  it('JSON report: versioned shape with every finding field', () => {
    const r = tiss(['validate', '-f', 'json', join(INVALID, 'xsd-data.xml'), join(VALID, 'cancela-guia.xml')]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool.name).toBe('tiss');
    expect(report.summary).toMatchObject({ files: 2, valid: 1, invalid: 1, errors: 1, warnings: 0 });
    const [bad, good] = report.files;
    expect(good).toMatchObject({ valid: true, findings: [], schema: { version: '4.00.00', entry: 'tissV4_00_00.xsd' }, hash: { ok: true } });
    expect(bad.findings[0]).toMatchObject({ code: 'TISS-XSD-DATE', severity: 'error', line: 85, guia: '100087102', source: 'xsd', glosa: ['5001'] });
    expect(Object.keys(bad.findings[0]).sort()).toEqual(['code', 'column', 'data', 'detail', 'file', 'fix', 'glosa', 'guia', 'line', 'message', 'reference', 'severity', 'source', 'xpath']);
  });

  it('exit 2 for a file that does not exist, and still reports the others', () => {
    const r = tiss(['validate', 'nao-existe.xml', join(VALID, 'cancela-guia.xml')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/nao-existe\.xml\n\s+não lido: arquivo não encontrado/);
    expect(r.stdout).toContain('cancela-guia.xml');
  });

  it('exit 2 for an empty glob and for a bad option, in Portuguese, without a stack trace', () => {
    const g = tiss(['validate', 'nada/*.xml']);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(/Nenhum arquivo corresponde/);
    const o = tiss(['validate', '--formato', 'json', 'x.xml']);
    expect(o.status).toBe(2);
    expect(o.stderr).toMatch(/Argumento desconhecido/);
    expect(o.stderr).not.toMatch(/at .*\.js:\d+/);
    // An unknown option that took the file as its value (before: yargs' "Argumentos insuficientes: Argumento 0…").
    const b = tiss(['validate', '--bogus', 'x.xml']);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/Faltam os arquivos.*opção --bogus/);
    expect(b.stderr).not.toMatch(/Argumento 0/);
    // The options suspected are those the command does not declare (before: a hand-written list of
    // validate's, which blamed hash's own --encoding and cleared report's unknown --progress).
    const own = tiss(['hash', '--encoding', 'utf-8']);
    expect(own.status).toBe(2);
    expect(own.stderr).toMatch(/Faltam os arquivos/);
    expect(own.stderr).not.toMatch(/confira também/);
    expect(tiss(['validate', '--no-progress', '--hash-encoding', 'utf-8']).stderr).not.toMatch(/confira também/);
    expect(tiss(['report', '--progress', 'x.xml']).stderr).toMatch(/confira também a opção --progress, que pode ter tomado o arquivo/);
  });

  it('never a stack trace for binary or hostile input', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'lixo.xml'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x3c, 0x00]));
    const r = tiss(['validate', join(dir, 'lixo.xml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/TISS-/);
    expect(r.stderr).toBe('');
  });

  it('help is in Portuguese, with examples', () => {
    const r = tiss(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exemplos:');
    expect(r.stdout).toContain('Opções:');
    expect(r.stdout).toMatch(/Saída: 0 = nenhum erro; 1 = há erros/);
    expect(tiss([]).status).toBe(2);
  });

  it('colors only when asked, never with NO_COLOR', () => {
    const file = join(INVALID, 'hash-vazio.xml');
    expect(tiss(['validate', file]).stdout).not.toContain('\u001b[');
    expect(tiss(['validate', '--color', file], { env: { NO_COLOR: '' } }).stdout).toContain('\u001b[');
  });
});

describe('schemas', () => {
  it('no schemas anywhere: exit 2 and the command that installs them', () => {
    const home = tmp();
    const r = tiss(['validate', join(VALID, 'cancela-guia.xml')], { env: { TISS_HOME: home, TISS_SCHEMAS_DIR: '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/não estão instalados/);
    expect(r.stderr).toContain('tiss schemas install --from');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('install verifies every sha256, then list shows every version', () => {
    const home = tmp();
    const env = { TISS_HOME: home, TISS_SCHEMAS_DIR: '' };
    const i = tiss(['schemas', 'install', '--from', SHARED_SCHEMAS], { env });
    expect(i.status).toBe(0);
    expect(i.stdout).toMatch(/instalado: 4\.00\.00 \(7 arquivos, sha256 conferido\)/);
    for (const id of ['4.00.01', '4.01.00', '4.03.00', 'monitoramento-1.02.00', 'monitoramento-1.06.00']) expect(i.stdout).toContain(`instalado: ${id} `);
    const l = tiss(['schemas', 'list', '-f', 'json'], { env });
    expect(JSON.parse(l.stdout).versions.map((v: { status: string }) => v.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    expect(tiss(['validate', join(VALID, 'monitoramento-guias.xml')], { env }).status).toBe(0);
  });

  it('install refuses a modified or missing file and installs nothing', () => {
    const src = tmp();
    cpSync(SHARED_SCHEMAS, src, { recursive: true });
    writeFileSync(join(src, '4.00.00', 'tissSimpleTypesV4_00_00.xsd'), '<schema/>');
    const home = tmp();
    const r = tiss(['schemas', 'install', '--from', src], { env: { TISS_HOME: home } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/tissSimpleTypesV4_00_00\.xsd tem sha256 [0-9a-f]{64} \(depois de CRLF→LF\), mas o oficial é ee8cdf06/);
    expect(tiss(['schemas', 'list'], { env: { TISS_HOME: home } }).stdout).toMatch(/ausente\s+4\.00\.00/);
  });

  it('a store file altered after install is refused at validation (exit 2)', () => {
    const home = tmp();
    const env = { TISS_HOME: home, TISS_SCHEMAS_DIR: '' };
    tiss(['schemas', 'install', '--from', SHARED_SCHEMAS], { env });
    writeFileSync(join(home, 'schemas', '4.00.00', 'tissGuiasV4_00_00.xsd'), 'x');
    const r = tiss(['validate', join(VALID, 'cancela-guia.xml')], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/não é o XSD oficial/);
    expect(tiss(['schemas', 'list'], { env }).stdout).toMatch(/corrompido/);
  });

  it('lookup order: --schemas, then TISS_SCHEMAS_DIR, then the store', () => {
    const empty = tmp();
    const env = { TISS_HOME: empty };
    expect(tiss(['validate', '--schemas', SHARED_SCHEMAS, join(VALID, 'cancela-guia.xml')], { env }).status).toBe(0);
    expect(tiss(['validate', join(VALID, 'cancela-guia.xml')], { env: { ...env, TISS_SCHEMAS_DIR: SHARED_SCHEMAS } }).status).toBe(0);
    const bad = tiss(['validate', '--schemas', join(empty, 'nao-existe'), join(VALID, 'cancela-guia.xml')], { env: { ...env, TISS_SCHEMAS_DIR: SHARED_SCHEMAS } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--schemas não existe/);
  });
});
