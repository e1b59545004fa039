import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFinder, readConfigFile } from '../src/config/load.js';
import { loadConfig } from '../src/config/parse.js';
import { starterConfig } from '../src/cli/starter-config.js';
import { RULES } from '../src/rules/catalog.js';
import { ROOT, SAMPLES, tiss, VALID, tempDir } from './helpers.js';

const tmp = (): string => tempDir('tiss-config-');
/** A config every lote-consulta.xml fails: its carteiras are not "X". */
const STRICT = JSON.stringify({ defaults: { fields: { numeroCarteira: { pattern: 'X', message: 'carteira X' } } } });
const LOTE = join(VALID, 'lote-consulta.xml');

function put(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function lote(folder: string, name = 'lote.xml'): string {
  mkdirSync(folder, { recursive: true });
  copyFileSync(LOTE, join(folder, name));
  return join(folder, name);
}

/** Per file of a JSON report: does it carry the strict config's finding? */
function strictByFile(stdout: string): Record<string, boolean> {
  const report = JSON.parse(stdout) as { files: { file: string; findings: { code: string }[] }[] };
  return Object.fromEntries(report.files.map((f) => [f.file, f.findings.some((x) => x.code === 'TISS-PERFIL-CAMPO')]));
}

describe('config discovery', () => {
  it('the nearest config from the file up applies, wherever the command runs (before: only ./tiss.config.json)', () => {
    const root = tmp();
    mkdirSync(join(root, '.git'));
    put(join(root, 'tiss.config.json'), STRICT);
    const file = lote(join(root, 'a', 'b'));
    for (const cwd of [ROOT, join(root, 'a', 'b'), root, tmpdir()]) {
      const r = tiss(['validate', '-f', 'json', file], { cwd });
      expect(r.status, `cwd ${cwd}: ${r.stderr}`).toBe(1);
      expect(strictByFile(r.stdout)).toEqual({ [file]: true });
    }
  });

  it('the search stops at the repository root (a folder with .git, folder or file)', () => {
    const outer = tmp();
    put(join(outer, 'tiss.config.json'), STRICT);
    const inRepo = lote(join(outer, 'repo', 'lotes'));
    mkdirSync(join(outer, 'repo', '.git'));
    const inWorktree = lote(join(outer, 'wt', 'lotes'));
    writeFileSync(join(outer, 'wt', '.git'), 'gitdir: /elsewhere\n');
    const outside = lote(join(outer, 'solto'));
    const r = tiss(['validate', '-f', 'json', inRepo, inWorktree, outside]);
    expect(r.status).toBe(1);
    expect(strictByFile(r.stdout)).toEqual({ [inRepo]: false, [inWorktree]: false, [outside]: true });
  });

  it('the nearest folder wins; --config overrides discovery for every file', () => {
    const root = tmp();
    put(join(root, 'tiss.config.json'), STRICT);
    put(join(root, 'relaxed', 'tiss.config.json'), '{}');
    const strict = lote(join(root, 'x'));
    const relaxed = lote(join(root, 'relaxed', 'y'));
    expect(strictByFile(tiss(['validate', '-f', 'json', strict, relaxed]).stdout)).toEqual({ [strict]: true, [relaxed]: false });
    const all = tiss(['validate', '-f', 'json', '-c', join(root, 'tiss.config.json'), strict, relaxed]);
    expect(strictByFile(all.stdout)).toEqual({ [strict]: true, [relaxed]: true });
    const none = tiss(['validate', '-f', 'json', '-c', join(root, 'relaxed', 'tiss.config.json'), strict, relaxed]);
    expect(strictByFile(none.stdout)).toEqual({ [strict]: false, [relaxed]: false });
  });

  it('a package.json "tiss" key is a config; a package.json without it is skipped', () => {
    const root = tmp();
    mkdirSync(join(root, '.git'));
    put(join(root, 'package.json'), JSON.stringify({ name: 'faturamento', tiss: JSON.parse(STRICT) }));
    put(join(root, 'sem-chave', 'package.json'), JSON.stringify({ name: 'outro', version: '1.0.0' }));
    const a = lote(join(root, 'sem-chave', 'lotes'));
    expect(strictByFile(tiss(['validate', '-f', 'json', a]).stdout)).toEqual({ [a]: true });
    const printed = JSON.parse(tiss(['validate', '--print-config', a]).stdout);
    expect(printed.config).toBe(`${join(root, 'package.json')}#tiss`);
  });

  it('a folder with both tiss.config.json and a "tiss" key is refused as ambiguous (exit 2)', () => {
    const root = tmp();
    put(join(root, 'tiss.config.json'), '{}');
    put(join(root, 'package.json'), JSON.stringify({ tiss: {} }));
    const file = lote(root);
    const r = tiss(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`tiss: A pasta ${root} tem duas configurações do tiss: tiss.config.json e a chave "tiss" do package.json; não se sabe qual vale.`);
    expect(r.stderr).toMatch(/Mantenha uma só .* ou indique qual usar com --config\./);
    // --config skips discovery, so it settles it.
    expect(tiss(['validate', '-c', join(root, 'tiss.config.json'), file]).status).toBe(0);
  });

  it('a package.json that is not JSON is an error with line and column (its "tiss" key cannot be known), as in ESLint and Prettier', () => {
    const root = tmp();
    put(join(root, 'package.json'), '{\n  "name": "x",\n  // comentário\n}\n');
    const r = tiss(['validate', lote(join(root, 'sub'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`tiss: ${join(root, 'package.json')}:3:3: o package.json não é JSON válido (linha 3, coluna 3): comentários não são permitidos em JSON.`);
    expect(r.stderr).toMatch(/Corrija o package\.json, ou indique a configuração com --config/);
  });

  it('a bad "tiss" key is checked with the same contract and named package.json#tiss', () => {
    const root = tmp();
    put(join(root, 'package.json'), JSON.stringify({ tiss: { profiles: { x: { registroANS: ['12'] } } } }));
    const r = tiss(['validate', lote(root)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Configuração inválida em ${join(root, 'package.json')}#tiss:`);
    expect(r.stderr).toMatch(/profiles\.x\.registroANS\.0: registro ANS tem 6 dígitos/);
  });

  it('standard input searches from the current folder', () => {
    const root = tmp();
    put(join(root, 'tiss.config.json'), STRICT);
    const input = readFileSync(LOTE);
    const there = tiss(['validate', '-f', 'json', '-'], { cwd: root, input });
    expect(strictByFile(there.stdout)).toEqual({ '<stdin>': true });
    const elsewhere = tiss(['validate', '-f', 'json', '-'], { cwd: lote(tmp()).replace(/\/lote\.xml$/, ''), input });
    expect(strictByFile(elsewhere.stdout)).toEqual({ '<stdin>': false });
  });

  it('files under different configs in one run get each their own, with --jobs 2 (worker threads) and in report', () => {
    const root = tmp();
    put(join(root, 'rigida', 'tiss.config.json'), STRICT);
    put(join(root, 'branda', 'tiss.config.json'), '{}');
    const files: string[] = [];
    for (let i = 0; i < 4; i++) files.push(lote(join(root, 'rigida'), `r${i}.xml`), lote(join(root, 'branda'), `b${i}.xml`));
    const r = tiss(['validate', '-f', 'json', '-j', '2', ...files]);
    expect(r.status).toBe(1);
    expect(strictByFile(r.stdout)).toEqual(Object.fromEntries(files.map((f) => [f, f.includes('rigida')])));
    const report = JSON.parse(tiss(['report', '-f', 'json', '-j', '2', root]).stdout);
    expect(report.arquivos).toMatchObject({ total: 8, comErros: 4 });
  });

  it('--profile must exist in every config the run uses, named in the message', () => {
    const root = tmp();
    put(join(root, 'a', 'tiss.config.json'), JSON.stringify({ profiles: { x: {} } }));
    put(join(root, 'b', 'tiss.config.json'), JSON.stringify({ profiles: { y: {} } }));
    const r = tiss(['validate', '-p', 'x', lote(join(root, 'a')), lote(join(root, 'b'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`tiss: Perfil "x" não existe em ${join(root, 'b', 'tiss.config.json')} (perfis: y).`);
  });

  it('is cached per folder: a folder and the ones it walked through answer from the cache', () => {
    const root = tmp();
    put(join(root, 'tiss.config.json'), '{}');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    const finder = new ConfigFinder();
    const first = finder.from(join(root, 'a', 'b'));
    expect(first?.path).toBe(join(root, 'tiss.config.json'));
    // Edited after the first look: the run keeps the config it read (one read per config, not per file).
    writeFileSync(join(root, 'tiss.config.json'), '{ quebrado');
    expect(finder.from(join(root, 'a', 'b'))).toBe(first);
    expect(finder.from(join(root, 'a'))).toBe(first);
    expect(finder.from(root)).toBe(first);
    expect(() => new ConfigFinder().from(root)).toThrow(/não é JSON válido/);
  });

  it('the library: loadConfig(undefined, folder) discovers from that folder', () => {
    const root = tmp();
    put(join(root, 'tiss.config.json'), STRICT);
    mkdirSync(join(root, 'sub'));
    expect(loadConfig(undefined, join(root, 'sub'))).toMatchObject({ path: join(root, 'tiss.config.json'), label: join(root, 'tiss.config.json') });
  });
});

describe('JSONC (comments in tiss.config.json)', () => {
  it('// and /* */ comments are accepted; a syntax error still points at its line and column', () => {
    const root = tmp();
    const cfg = put(join(root, 'tiss.config.json'), '// perfis\n{\n  /* padrão */\n  "defaults": { "fields": { "numeroCarteira": { "pattern": "X" } } } // rígido\n}\n');
    expect(readConfigFile(cfg)?.raw).toEqual({ defaults: { fields: { numeroCarteira: { pattern: 'X' } } } });
    expect(strictByFile(tiss(['validate', '-f', 'json', lote(root)]).stdout)).toEqual({ [join(root, 'lote.xml')]: true });
    writeFileSync(cfg, '// perfis\n{\n  "defaults": { "rules": {} } /* fim */\n  "profiles": {}\n}\n');
    const r = tiss(['validate', join(root, 'lote.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`tiss: ${cfg}:4:3: a configuração não é JSON válido (linha 4, coluna 3): esperava "," entre os itens.`);
    expect(r.stderr).toContain('comentários // e /* */ são aceitos');
  });
});

describe('--print-config', () => {
  it('prints the config, the profile chosen by the registro ANS and the resolved settings, exit 0', () => {
    const root = tmp();
    copyFileSync(join(SAMPLES, 'profiles', 'tiss.config.json'), join(root, 'tiss.config.json'));
    const file = lote(join(root, 'lotes'));
    const r = tiss(['validate', '--print-config', file]);
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    const profile = JSON.parse(readFileSync(join(root, 'tiss.config.json'), 'utf8')).profiles['vida-plena'];
    expect(printed).toMatchObject({ file, config: join(root, 'tiss.config.json'), registroANS: '346659', profile: 'vida-plena' });
    expect(printed.settings.hashEncoding).toBe(profile.hashEncoding ?? 'iso-8859-1');
    expect(printed.settings.schemaVersion).toBe(profile.schemaVersion ?? null);
    expect(Object.keys(printed.settings.rules)).toEqual(RULES.map((x) => x.meta.id).sort());
    for (const [id, setting] of Object.entries(profile.rules ?? {})) expect(printed.settings.rules[id]).toBe(setting);
    expect(Object.keys(printed.settings.fields)).toEqual(expect.arrayContaining(Object.keys(profile.fields ?? {})));
    // --profile and --hash-encoding count, as in a run; report prints the same.
    const norte = JSON.parse(tiss(['validate', '--print-config', '-p', 'saude-norte', '--hash-encoding', 'utf-8', file]).stdout);
    expect(norte).toMatchObject({ profile: 'saude-norte', settings: { hashEncoding: 'utf-8' } });
    expect(JSON.parse(tiss(['report', '--print-config', file]).stdout)).toEqual(printed);
  });

  it('no config: null, the defaults of every rule', () => {
    const root = tmp();
    mkdirSync(join(root, '.git'));
    const printed = JSON.parse(tiss(['validate', '--print-config', lote(root)]).stdout);
    expect(printed).toMatchObject({ config: null, profile: null, registroANS: '346659', settings: { hashEncoding: 'iso-8859-1', schemaVersion: null, fields: {} } });
    expect(printed.settings.rules['TISS-R-CNS-DV']).toBe(RULES.find((x) => x.meta.id === 'TISS-R-CNS-DV')!.meta.severity);
  });

  it('a file that cannot be read, or more than one file: exit 2 in Portuguese', () => {
    const missing = tiss(['validate', '--print-config', '/nao/existe.xml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^tiss: Não foi possível ler \/nao\/existe\.xml: /);
    expect(missing.stdout).toBe('');
    const two = tiss(['validate', '--print-config', LOTE, LOTE]);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--print-config mostra a configuração de um arquivo só; foram indicados 2.');
    const folder = tiss(['report', '--print-config', VALID]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/é uma pasta, não um arquivo comum/);
  });
});

describe('tiss init', () => {
  it('writes a commented starter that loads cleanly; refuses to overwrite without --force', () => {
    const root = tmp();
    const r = tiss(['init'], { cwd: root });
    expect(r.status).toBe(0);
    const target = join(root, 'tiss.config.json');
    const text = readFileSync(target, 'utf8');
    expect(text).toMatch(/^\/\/ Configuração do tiss/);
    expect(text).toContain('"defaults"');
    // tiss not installed in this folder's node_modules: $schema only shown in a comment.
    expect(text).not.toMatch(/^\s*"\$schema"/m);
    expect(text).toContain('// "$schema": "./node_modules/tiss/schemas/tiss.config.schema.json",');
    expect(loadConfig(target)?.config).toEqual({ defaults: { hashEncoding: 'iso-8859-1', rules: {}, fields: {} }, profiles: {} });
    // Behaviour-neutral: a lote validates as without it.
    expect(tiss(['validate', lote(root)]).status).toBe(0);

    writeFileSync(target, '{}');
    const again = tiss(['init'], { cwd: root });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('tiss: O arquivo tiss.config.json já existe; não foi alterado.');
    expect(again.stderr).toContain('use --force');
    expect(readFileSync(target, 'utf8')).toBe('{}');
    expect(tiss(['init', '--force'], { cwd: root }).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(text);
  });

  it('a folder or a file path; $schema points at node_modules/tiss when tiss is installed in the project', () => {
    const project = tmp();
    put(join(project, 'node_modules', 'tiss', 'schemas', 'tiss.config.schema.json'), '{}');
    mkdirSync(join(project, 'lotes', 'x'), { recursive: true });
    expect(tiss(['init', join(project, 'lotes', 'x')]).status).toBe(0);
    const written = loadConfig(join(project, 'lotes', 'x', 'tiss.config.json'));
    expect(written?.config.$schema).toBe('../../node_modules/tiss/schemas/tiss.config.schema.json');
    expect(tiss(['init', join(project, 'perfis.json')]).status).toBe(0);
    expect(loadConfig(join(project, 'perfis.json'))?.config.$schema).toBe('./node_modules/tiss/schemas/tiss.config.schema.json');
  });

  it('the starter with the commented example profile switched on is a valid config too', () => {
    const on = starterConfig(null).replace(/^(\s*)\/\/ ("operadora-exemplo"| {2}|\})/gm, '$1$2');
    const root = tmp();
    const cfg = put(join(root, 'tiss.config.json'), on);
    expect(loadConfig(cfg)?.config.profiles['operadora-exemplo']).toMatchObject({ registroANS: ['123456'], rules: { 'TISS-R-CNES-FORMATO': 'off' } });
  });
});
