import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { XmlDocument, XsdValidator, XmlValidateError } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/config/json-schema.js';
import { loadConfig, parseConfig } from '../src/config/parse.js';
import { validate } from '../src/validate/index.js';
import { INVALID, ROOT, tiss, VALID, tempDir } from './helpers.js';

const tmp = () => tempDir('tiss-pipe-');
/** Valid samples (every version) in the mixed folder, beside its 4 invalid ones. */
const NVALID = readdirSync(VALID).filter((f) => f.endsWith('.xml')).length;
// ajv-draft-04 is CommonJS: the SARIF 2.1.0 schema is JSON Schema draft-04.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (o: object) => { validate(s: object, d: unknown): boolean; errors?: unknown[] };
const CONFIG = join(ROOT, 'samples', 'profiles', 'tiss.config.json');

/** A folder with every valid and invalid sample, for batch runs. */
function mixedFolder(): string {
  const dir = tmp();
  for (const f of readdirSync(VALID)) if (f.endsWith('.xml')) copyFileSync(join(VALID, f), join(dir, `v-${f}`));
  for (const f of ['xsd-data.xml', 'hash-utf8.xml', 'xml-truncado.xml', 'msg-corpo-vazio.xml']) copyFileSync(join(INVALID, f), join(dir, `i-${f}`));
  return dir;
}

describe('batch: parallel, in input order, crash isolation', () => {
  it('--jobs 2 gives exactly the same report as --jobs 1, in input order', () => {
    const dir = mixedFolder();
    const one = tiss(['validate', '-f', 'json', '-j', '1', dir]);
    const two = tiss(['validate', '-f', 'json', '-j', '2', dir]);
    expect(two.status).toBe(1);
    const strip = (s: string) => JSON.parse(s).files.map((f: { file: string; findings: unknown[] }) => [f.file, f.findings]);
    expect(strip(two.stdout)).toEqual(strip(one.stdout));
    const files = JSON.parse(two.stdout).files.map((f: { file: string }) => f.file);
    expect(files).toEqual([...files].sort());
  });

  it('a worker that dies costs only its file; the run goes on', () => {
    const dir = mixedFolder();
    const r = tiss(['validate', '-f', 'json', '-j', '2', dir], { env: { TISS_TEST_WORKER_CRASH: 'v-lote-honorarios.xml' } });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    const crashed = report.files.find((f: { file: string }) => f.file.endsWith('v-lote-honorarios.xml'));
    expect(crashed.findings[0].code).toBe('TISS-INTERNAL');
    expect(crashed.findings[0].message).toMatch(/caiu/);
    // Every valid sample but the crashed one, and i-msg-corpo-vazio (a warning only).
    expect(report.files.filter((f: { valid: boolean }) => f.valid).length).toBe(NVALID);
  });

  it('a file that hangs its worker costs only its file, in a chunk of many (timeout), and order is kept', async () => {
    const { runBatch } = await import('../src/batch/run.js');
    const dir = mixedFolder();
    const files = readdirSync(dir).sort().map((f) => ({ file: join(dir, f) }));
    process.env.TISS_TEST_WORKER_HANG = 'v-lote-odontologia.xml';
    const seen: { i: number; file: string; crash: boolean }[] = [];
    try {
      await runBatch(files, {}, { jobs: 2, timeoutMs: 2_000 }, (o, i) => {
        if (o.kind === 'result') seen.push({ i, file: o.result.file, crash: o.result.findings.some((f) => f.code === 'TISS-INTERNAL') });
      });
    } finally {
      delete process.env.TISS_TEST_WORKER_HANG;
    }
    expect(seen.map((x) => x.i)).toEqual(files.map((_, i) => i));
    expect(seen.filter((x) => x.crash).map((x) => x.file.split('/').pop())).toEqual(['v-lote-odontologia.xml']);
  }, 60_000);

  it('small files go to the workers in chunks: one round trip per chunk, every lane busy', async () => {
    const { chunkSize } = await import('../src/batch/run.js');
    expect(chunkSize(10_000, 2)).toBe(16);
    expect(chunkSize(40, 2)).toBe(5);
    expect(chunkSize(3, 2)).toBe(1);
  });

  it('non-XML files in a folder are skipped with a note', () => {
    const dir = mixedFolder();
    writeFileSync(join(dir, 'anexo.pdf'), '%PDF-1.4');
    const r = tiss(['validate', '-q', dir]);
    expect(r.stderr).toMatch(/1 arquivo\(s\) que não são \.xml foram ignorados/);
  });
});

describe('progress', () => {
  const dir = mixedFolder();
  const viaPty = (env: Record<string, string>, extra: string[] = []) =>
    spawnSync('script', ['-qec', `node ${join(ROOT, 'bin', 'tiss.js')} validate ${extra.join(' ')} ${dir}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...env } });
  const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0;

  it('absent when not a TTY (pipes, files)', () => {
    const r = tiss(['validate', dir]);
    expect(r.stderr).not.toMatch(/arquivos \|/);
  });

  it.skipIf(!HAS_SCRIPT)('shown on a TTY; absent there with CI=true, --quiet or a machine format', () => {
    const env = { CI: '', NO_COLOR: '1' };
    expect(viaPty(env).stdout).toMatch(new RegExp(`\\d+/${NVALID + 4} arquivos \\| \\d+ com erro`));
    expect(viaPty({ ...env, CI: 'true' }).stdout).not.toMatch(/arquivos \|/);
    expect(viaPty(env, ['--quiet']).stdout).not.toMatch(/arquivos \|/);
    expect(viaPty(env, ['-f', 'json']).stdout).not.toMatch(/arquivos \|/);
  });
});

describe('formats', () => {
  it('codequality: GitLab Code Quality issues (description, check_name, fingerprint, severity, location.path, location.lines.begin); the fingerprint survives edits elsewhere in the file', () => {
    const dir = mixedFolder();
    const r = tiss(['validate', '-f', 'codequality', dir, 'nao-existe.xml']);
    expect(r.status).toBe(2);
    const issues = JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.length).toBeGreaterThan(2);
    for (const i of issues) {
      expect(Object.keys(i).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity', 'type']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(i.severity);
      expect(i.location.lines.begin).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    const date = issues.find((i) => i.check_name === 'TISS-XSD-DATE')!;
    expect(date).toMatchObject({ severity: 'major', location: { lines: { begin: 85 } } });
    expect(issues.find((i) => i.check_name === 'TISS-INPUT-UNREADABLE')!.severity).toBe('critical');
    // The same finding two lines further down (an edit elsewhere in the file) keeps its fingerprint.
    const file = join(tempDir('tiss-cq-'), 'lote.xml');
    const original = readFileSync(join(INVALID, 'xsd-data.xml'), 'latin1');
    const dateIssue = (): (typeof issues)[number] => (JSON.parse(tiss(['validate', '-f', 'codequality', file]).stdout) as typeof issues).find((i) => i.check_name === 'TISS-XSD-DATE')!;
    writeFileSync(file, original, 'latin1');
    const before = dateIssue();
    writeFileSync(file, original.replace('?>', '?>\n<!-- a -->\n'), 'latin1');
    const after = dateIssue();
    expect(after.location.lines.begin).toBe(before.location.lines.begin + 2);
    expect(after.fingerprint).toBe(before.fingerprint);
  });

  it('junit: valid against the JUnit XSD; one testsuite per file, one testcase per guia, failures with code, line and message', () => {
    const dir = mixedFolder();
    const r = tiss(['validate', '-f', 'junit', dir, 'nao-existe.xml']);
    expect(r.status).toBe(2);
    const xsd = XmlDocument.fromBuffer(readFileSync(join(ROOT, 'test', 'fixtures', 'junit.xsd')));
    const validator = XsdValidator.fromDoc(xsd);
    const doc = XmlDocument.fromString(r.stdout);
    try {
      validator.validate(doc);
    } catch (e) {
      throw new Error((e as XmlValidateError).details.map((d) => d.message).join('\n'), { cause: e });
    }
    expect(doc.find('/testsuites/testsuite').length).toBe(NVALID + 5); // the files + 1 unreadable
    const sadt = doc.get("/testsuites/testsuite[contains(@name,'v-lote-sp-sadt')]")!;
    expect(sadt.find('testcase').length).toBe(4); // arquivo + 3 guias
    const failure = doc.get("//testsuite[contains(@name,'i-xsd-data')]/testcase[@name='guia 100087102']/failure")!;
    expect(failure.content).toMatch(/TISS-XSD-DATE erro linha 85:13/);
    // Totals on the root, the sums of the suites (issue 13).
    const sum = (attr: string): number => doc.find('/testsuites/testsuite').reduce((n, s) => n + Number((s as unknown as { attr(name: string): { value: string } }).attr(attr).value), 0);
    const root = doc.get('/testsuites') as unknown as { attr(name: string): { value: string } };
    for (const attr of ['tests', 'failures', 'errors']) expect(Number(root.attr(attr).value), attr).toBe(sum(attr));
    expect(Number(root.attr('errors').value)).toBe(1);
    doc.dispose();
    validator.dispose();
    xsd.dispose();
  });

  it('sarif: valid against the SARIF 2.1.0 JSON Schema, rules = codes with help, physical and logical locations', () => {
    const dir = mixedFolder();
    const r = tiss(['validate', '-f', 'sarif', dir], { cwd: dir });
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
    const ok = ajv.validate(schema, log);
    expect(ok, JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('TISS-XSD-DATE');
    expect(ids).toContain('TISS-R-CNES-SOLIC-SPSADT');
    const date = run.results.find((x: { ruleId: string }) => x.ruleId === 'TISS-XSD-DATE');
    expect(date.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'i-xsd-data.xml' }, region: { startLine: 85, startColumn: 13 } });
    expect(date.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/guiaConsulta\[2\]\/dadosAtendimento\/dataAtendimento$/);
    expect(run.results.every((x: { ruleId: string }) => ids.includes(x.ruleId))).toBe(true);
  });

  it('summary: one line per file with status, guias, errors, warnings and hash', () => {
    const r = tiss(['validate', '-f', 'summary', join(VALID, 'lote-sp-sadt.xml'), join(INVALID, 'hash-utf8.xml')]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^VALIDO\s+3 guias\s+0 erros\s+0 avisos\s+hash ok\s+.*lote-sp-sadt\.xml$/);
    expect(lines[1]).toMatch(/^INVALIDO\s+3 guias\s+1 erro\s+0 avisos\s+hash utf-8\s+.*hash-utf8\.xml$/);
    expect(lines[2]).toMatch(/2 arquivos: 1 válido, 1 com erros; 1 erro, 0 avisos/);
    // In Portuguese, also what a wrong hash matches and the counts of one (before: "hash stale", "1 não lidos").
    const more = tiss(['validate', '-f', 'summary', join(INVALID, 'hash-desatualizado.xml'), join(INVALID, 'hash-sha1.xml'), join(INVALID, 'hash-ausente.xml'), 'nao-existe.xml']).stdout;
    expect(more).toMatch(/hash desatualizado\s+.*hash-desatualizado\.xml/);
    expect(more).toMatch(/hash não é MD5\s+.*hash-sha1\.xml/);
    expect(more).toMatch(/hash ausente\s+.*hash-ausente\.xml/);
    expect(more).toMatch(/, 1 não lido;/);
    expect(more).not.toMatch(/stale|not-md5|não lidos/);
  });

  it('--output writes the report to a file atomically and nothing to stdout', () => {
    const dir = tmp();
    const out = join(dir, 'rel.json');
    const r = tiss(['validate', '-f', 'json', '-o', out, join(VALID, 'cancela-guia.xml')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.valid).toBe(1);
    expect(readdirSync(dir)).toEqual(['rel.json']);
  });
});

describe('exit codes', () => {
  it('--max-warnings: warnings above the limit exit 1', () => {
    const file = join(INVALID, 'msg-corpo-vazio.xml');
    expect(tiss(['validate', '--max-warnings', '1', file]).status).toBe(0);
    const r = tiss(['validate', '--max-warnings', '0', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/acima do máximo de 0/);
  });
});

describe('profiles (tiss.config.json)', () => {
  it('the shipped example config is valid and its JSON Schema file is current', () => {
    expect(loadConfig(CONFIG)?.config.profiles).toHaveProperty('vida-plena');
    expect(JSON.parse(readFileSync(join(ROOT, 'schemas', 'tiss.config.schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });

  it('chosen automatically by the destino registro ANS, or by --profile', () => {
    const config = loadConfig(CONFIG)!.config;
    const lote = readFileSync(join(VALID, 'lote-consulta.xml'));
    expect(validate(lote, { config }).profile).toBe('vida-plena');
    const norte = validate(lote, { config, profile: 'saude-norte' });
    expect(norte.profile).toBe('saude-norte');
    // saude-norte: carteira with 17 digits, hash over UTF-8 (the file has accents and an ISO-8859-1 hash).
    const codes = norte.findings.map((f) => f.code);
    expect(codes.filter((c) => c === 'TISS-PERFIL-CAMPO').length).toBe(3);
    expect(codes).toContain('TISS-HASH-LATIN1');
    const field = norte.findings.find((f) => f.code === 'TISS-PERFIL-CAMPO')!;
    expect(field).toMatchObject({ line: 31, source: 'profile', guia: '100087101' });
    expect(field.message).toMatch(/17 dígitos/);
  });

  it('a field demand of the profile is a finding; a profile can switch a rule off or change its severity', () => {
    const config = parseConfig({
      profiles: {
        x: { registroANS: ['346659'], fields: { senha: { pattern: 'XYZ\\d+', message: 'senha XYZ' } }, rules: { 'TISS-R-CPF-DV': 'off' } },
      },
    });
    const lote = readFileSync(join(ROOT, 'samples', 'rules', 'cpf-dv.xml'));
    const r = validate(lote, { config });
    expect(r.findings.map((f) => f.code)).not.toContain('TISS-R-CPF-DV');
    const relaxed = validate(lote, { config: parseConfig({ defaults: { rules: { 'TISS-R-CPF-DV': 'warning' } } }) });
    expect(relaxed.findings.find((f) => f.code === 'TISS-R-CPF-DV')!.severity).toBe('warning');
    expect(relaxed.valid).toBe(true);
  });

  it('a bad config is exit 2 with every problem listed in Portuguese', () => {
    // The config is found from the file's folder (config discovery), so the file sits beside it.
    const dir = tmp();
    const bad = join(dir, 'tiss.config.json');
    const lote = join(dir, 'cancela-guia.xml');
    writeFileSync(lote, readFileSync(join(VALID, 'cancela-guia.xml')));
    writeFileSync(bad, JSON.stringify({ profiles: { 'com espaço': {}, z: { registroANS: ['12'] } } }));
    const r = tiss(['validate', lote], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Configuração inválida/);
    expect(r.stderr).toMatch(/profiles\.com espaço: .*nome de perfil sem espaços/);
    expect(r.stderr).toMatch(/profiles\.z\.registroANS\.0: registro ANS tem 6 dígitos/);
    writeFileSync(bad, JSON.stringify({ profiles: { y: { rules: { 'TISS-R-NAO-EXISTE': 'off' } } } }));
    expect(tiss(['validate', lote], { cwd: dir }).stderr).toMatch(/regras que não existem: TISS-R-NAO-EXISTE/);
    writeFileSync(bad, '{ não é json');
    expect(tiss(['validate', lote], { cwd: dir }).stderr).toMatch(/não é JSON válido/);
    expect(tiss(['validate', '-p', 'inexistente', join(VALID, 'cancela-guia.xml')]).stderr).toMatch(/Perfil "inexistente" não existe/);
  });
});

describe('tiss report', () => {
  it('aggregates per operadora, prestador, finding code and guia kind, with the valor informado', () => {
    const dir = mixedFolder();
    mkdirSync(join(dir, 'sub'));
    const r = tiss(['report', '-f', 'json', dir]);
    expect(r.status).toBe(1); // files with errors: exit 1, as validate
    expect(tiss(['report', join(VALID, 'lote-consulta.xml')]).status).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.arquivos).toMatchObject({ total: NVALID + 4, comErros: 3 });
    const vp = a.operadoras.find((o: { registroANS: string }) => o.registroANS === '346659');
    expect(vp.arquivos).toBeGreaterThan(10);
    expect(vp.valorInformado).toBeGreaterThan(0);
    expect(a.codigos.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['TISS-XSD-DATE', 'TISS-HASH-UTF8', 'TISS-XML-NOT-WELL-FORMED']));
    expect(a.tiposGuia.find((t: { tipo: string }) => t.tipo === 'guiaConsulta').guias).toBeGreaterThan(0);
    const text = tiss(['report', dir]);
    expect(text.stdout).toMatch(/Por operadora \(registro ANS\)/);
    expect(text.stdout).toMatch(/Achados por código/);
  });
});
