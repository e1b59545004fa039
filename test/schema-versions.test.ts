import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixHash } from '../src/hash/api.js';
import { chooseSchema } from '../src/schemas/choose.js';
import { loadManifest, type SchemaVersion } from '../src/schemas/manifest.js';
import { REPAIRS, repaired } from '../src/schemas/repairs.js';
import { installSchemas, listSchemas, sha256LF } from '../src/schemas/store.js';
import { validate } from '../src/validate/index.js';
import { codes, SHARED_SCHEMAS, tiss, VALID, tempDir } from './helpers.js';

/** Issue 10: every version of the official ANS package, installed from a folder or the ZIP as downloaded. */
const tmp = (p = 'tiss-ver-'): string => tempDir(p);
const crlf = (bytes: Buffer): Uint8Array => Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
const shared = (id: string): [string, Buffer][] => readdirSync(join(SHARED_SCHEMAS, id)).map((f) => [f, readFileSync(join(SHARED_SCHEMAS, id, f))]);

/** A ZIP laid out like the ANS's: nested folders with accents in their names, CRLF files, WSDLs beside the XSDs. */
function ansZip(ids: string[], edit: (name: string, bytes: Uint8Array) => Uint8Array = (_n, b) => b): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  const base = 'PadroTISSComunicao_202511/Padrão TISS — Componente de Comunicação/';
  for (const id of ids) {
    for (const [name, bytes] of shared(id)) tree[`${base}${id.startsWith('monitoramento') ? 'Monitoramento TISS' : 'Schemas XML'}/${name}`] = edit(name, crlf(bytes));
  }
  tree[`${base}WSDL/tissLoteGuiasV4_03_00.wsdl`] = strToU8('<definitions/>');
  tree[`${base}Leia-me (versão).txt`] = strToU8('Componente de Comunicação');
  return zipSync(tree);
}

describe('tiss schemas install: a folder in any layout or the ANS ZIP itself, verified after CRLF→LF', () => {
  it('installs every version the ZIP holds, as downloaded (CRLF bytes kept on disk), and says which', () => {
    const dir = tmp();
    const zip = join(dir, 'PadroTISSComunicao_202511.zip');
    writeFileSync(zip, ansZip(['4.03.00', 'monitoramento-1.06.00']));
    const store = join(dir, 'store');
    const report = installSchemas(zip, store);
    expect(report.installed.map((v) => v.id)).toEqual(['4.03.00', 'monitoramento-1.06.00']);
    expect(report.notFound).toEqual(['4.00.00', '4.00.01', '4.01.00', 'monitoramento-1.02.00']);
    // The ANS bytes, untouched: CRLF, and the Monitoramento include not repaired on disk.
    const complex = readFileSync(join(store, 'monitoramento-1.06.00', 'tissComplexTypesMonitoramentoV1_06_00.xsd'), 'latin1');
    expect(complex).toContain('\r\n');
    expect(complex).toContain('tissSimpleTypesMonitoramentoV1_05_01.xsd');
    const listed = listSchemas({ dir: store, origin: '--schemas' });
    expect(listed.filter((v) => v.status === 'ok').map((v) => v.id)).toEqual(['4.03.00', 'monitoramento-1.06.00']);
  });

  it('the CLI installs from the ZIP in one command and names the versions', () => {
    const dir = tmp();
    const zip = join(dir, 'PadroTISSComunicao_202511.zip');
    writeFileSync(zip, ansZip(['4.03.00', 'monitoramento-1.06.00']));
    const r = tiss(['schemas', 'install', '--from', zip], { env: { TISS_HOME: join(dir, 'home'), TISS_SCHEMAS_DIR: '' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/instalado: 4\.03\.00 \(7 arquivos/);
    expect(r.stdout).toMatch(/instalado: monitoramento-1\.06\.00 \(3 arquivos/);
  });

  it('the official 4.00.00 package (CRLF) installs: the manifest pins the sha256 after CRLF→LF', () => {
    const dir = tmp();
    const src = join(dir, 'Padrão TISS 4.00.00');
    mkdirSync(join(src, 'xsd'), { recursive: true });
    for (const [name, bytes] of shared('4.00.00')) writeFileSync(join(src, 'xsd', name), crlf(bytes));
    expect(installSchemas(src, join(dir, 'store')).installed.map((v) => v.id)).toEqual(['4.00.00']);
  });

  it('a ZIP with one altered file is refused whole: nothing installed', () => {
    const dir = tmp();
    const zip = join(dir, 'pacote.zip');
    writeFileSync(zip, ansZip(['4.03.00'], (name, b) => (name === 'tissGuiasV4_03_00.xsd' ? Buffer.concat([b, Buffer.from('<!-- x -->')]) : b)));
    const store = join(dir, 'store');
    expect(() => installSchemas(zip, store)).toThrow(/tissGuiasV4_03_00\.xsd tem sha256 .* mas o oficial é/);
    expect(listSchemas({ dir: store, origin: '--schemas' }).every((v) => v.status === 'ausente')).toBe(true);
  });

  it('a file that is neither a folder nor a ZIP, and a broken ZIP, are clear errors (exit 2)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.zip'), 'não é zip');
    const r = tiss(['schemas', 'install', '--from', join(dir, 'x.zip')], { env: { TISS_HOME: dir } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/não é uma pasta nem um arquivo ZIP/);
    const cut = ansZip(['4.03.00']).subarray(0, 5000);
    writeFileSync(join(dir, 'cortado.zip'), cut);
    expect(() => installSchemas(join(dir, 'cortado.zip'), join(dir, 'store'))).toThrow(/ZIP está corrompido|Nenhum XSD/);
  });
});

describe('Monitoramento 1.06.00: the published include is repaired in memory, in one place', () => {
  const file = 'tissComplexTypesMonitoramentoV1_06_00.xsd';
  const published = readFileSync(join(SHARED_SCHEMAS, 'monitoramento-1.06.00', file));

  it('the repair changes exactly the include of the missing 1.05.01 file', () => {
    expect(REPAIRS.map((r) => `${r.versionId}/${r.file}`)).toEqual([`monitoramento-1.06.00/${file}`]);
    const fixed = Buffer.from(repaired('monitoramento-1.06.00', file, published)).toString('latin1');
    const before = published.toString('latin1');
    expect(fixed).not.toContain('V1_05_01');
    expect(fixed.replace('tissSimpleTypesMonitoramentoV1_06_00.xsd"/>', 'tissSimpleTypesMonitoramentoV1_05_01.xsd"/>')).toBe(before);
    // Only that file of that version: anything else passes through.
    expect(repaired('monitoramento-1.02.00', file, published)).toBe(published);
  });

  it('with it, a 1.06.00 message is checked against its own XSD (without it the schema does not compile)', () => {
    const text = readFileSync(join(VALID, 'monitoramento-guias.xml'), 'latin1').replace('<ans:versaoPadrao>1.02.00<', '<ans:versaoPadrao>1.06.00<');
    const r = validate(Buffer.from(text, 'latin1'));
    expect(r.schema).toMatchObject({ version: 'monitoramento-1.06.00', reason: 'own' });
    // 1.04.01 renamed numeroCPFBeneficiario: the 1.02.00 content does not fit 1.06.00, which proves its XSD ran.
    expect(codes(r)).toContain('TISS-XSD-UNEXPECTED-ELEMENT');
  });
});

describe('which schema checks a message', () => {
  const v = (id: string): SchemaVersion => loadManifest().versions.find((x) => x.id === id)!;
  const tiss4 = ['4.00.00', '4.00.01', '4.01.00', '4.03.00'].map(v);

  it.each([
    ['4.01.00', tiss4, undefined, { kind: 'own', version: '4.01.00' }],
    ['4.02.00', tiss4, undefined, { kind: 'nearest', version: '4.03.00' }],
    ['4.01.00', [v('4.00.00'), v('4.03.00')], undefined, { kind: 'nearest', version: '4.03.00' }],
    ['4.01.00', tiss4, '4.03.00', { kind: 'requested', version: '4.03.00' }],
    ['4.03.00', tiss4, '4.03.00', { kind: 'own', version: '4.03.00' }],
    ['3.05.00', tiss4, undefined, { kind: 'unaccepted' }],
    ['4.03.00', tiss4, '4.01.00', { kind: 'unaccepted' }],
    ['4.03.00', [v('4.00.00')], undefined, { kind: 'not-installed' }],
    [null, tiss4, undefined, { kind: 'undeclared', version: '4.03.00' }],
    ['4.0', tiss4, undefined, { kind: 'undeclared', version: '4.03.00' }],
  ] as const)('declares %s → %j', (declared, installed, requested, expected) => {
    const choice = chooseSchema(tiss4, [...installed], declared, requested);
    expect(choice.kind).toBe(expected.kind);
    if ('version' in expected) expect('version' in choice && choice.version.id).toBe(expected.version);
  });

  const asVersion = (text: string, version: string): Buffer => {
    const edited = Buffer.from(text.replace('<ans:Padrao>4.00.00<', `<ans:Padrao>${version}<`), 'latin1');
    return Buffer.from(fixHash(edited).fixed!);
  };
  const consulta = readFileSync(join(VALID, 'lote-consulta.xml'), 'latin1');

  it('by default, the declared version against its own schema; the report says which and why', () => {
    for (const version of ['4.00.00', '4.00.01', '4.01.00', '4.03.00']) {
      const r = validate(asVersion(consulta, version));
      expect(r.schema).toMatchObject({ version, declared: version, reason: 'own' });
      expect(r.status).toBe('valid');
    }
  });

  it('a receiver on 4.03.00 (--schema-version, or the profile) checks a 4.01.00 lote against 4.03.00, and says so', () => {
    const r = validate(asVersion(consulta, '4.01.00'), { schemaVersion: '4.03.00' });
    expect(r.schema).toMatchObject({ version: '4.03.00', declared: '4.01.00', reason: 'requested' });
    expect(r.findings.find((f) => f.code === 'TISS-MSG-VERSION-RECEIVER')).toMatchObject({ severity: 'info', line: 18 });
    const viaProfile = validate(asVersion(consulta, '4.01.00'), { config: { profiles: { op: { registroANS: ['346659'], rules: {}, fields: {}, schemaVersion: '4.03.00' } } } });
    expect(viaProfile.schema?.reason).toBe('requested');
    // The CLI, through its worker threads.
    const dir = tmp();
    for (const f of ['lote-consulta-4.01.xml', 'lote-sp-sadt-4.01.xml']) writeFileSync(join(dir, f), readFileSync(join(VALID, f)));
    const cli = tiss(['validate', '--schema-version', '4.03.00', '-f', 'json', '-j', '2', dir]);
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout).files.map((f: { schema: { reason: string; version: string } }) => `${f.schema.version} ${f.schema.reason}`)).toEqual(['4.03.00 requested', '4.03.00 requested']);
    // A Monitoramento file is not the profile's standard: its own version checks it.
    const mon = validate(readFileSync(join(VALID, 'monitoramento-guias.xml')), { schemaVersion: '4.03.00' });
    expect(mon.schema).toMatchObject({ version: 'monitoramento-1.02.00', reason: 'own' });
  });

  it('a version nothing accepts: a finding, no XSD, status unsupported-version, and the CLI exits 3', () => {
    const r = validate(asVersion(consulta, '3.05.00'));
    expect(r.status).toBe('unsupported-version');
    expect(r.schema).toBeNull();
    expect(codes(r)).toEqual(['TISS-MSG-VERSION-UNSUPPORTED']);
    const dir = tmp();
    writeFileSync(join(dir, 'v305.xml'), asVersion(consulta, '3.05.00'));
    writeFileSync(join(dir, 'ok.xml'), asVersion(consulta, '4.03.00'));
    const cli = tiss(['validate', '-f', 'json', dir]);
    expect(cli.status).toBe(3);
    expect(JSON.parse(cli.stdout).files.map((f: { status: string }) => f.status)).toEqual(['valid', 'unsupported-version']);
    // A receiver whose version does not accept the declared one: the same status.
    expect(validate(asVersion(consulta, '4.03.00'), { schemaVersion: '4.01.00' }).status).toBe('unsupported-version');
  });

  it('--schema-version with a version no manifest knows is a usage error (exit 2)', () => {
    const r = tiss(['validate', '--schema-version', '4.3', join(VALID, 'lote-consulta.xml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--schema-version 4\.3: versão desconhecida/);
  });
});

// sha256LF is what the manifest pins: CRLF and LF copies of a file agree.
describe('sha256LF', () => {
  it('is the same for the CRLF and the LF bytes of a file', () => {
    const [, lf] = shared('4.00.00')[0]!;
    expect(sha256LF(crlf(lf))).toBe(sha256LF(lf));
  });
});
