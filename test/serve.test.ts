import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { fixHash } from '../src/hash/api.js';
import { rng } from './fuzz/mutate.js';
import { INVALID, ROOT, SAMPLES, VALID, tempDir } from './helpers.js';
import { startServe, stopServe, type Server } from './serve-helpers.js';

/** `tiss serve` over real HTTP on loopback: every route, the limits, the token, malformed requests. */
const start = startServe;
const stop = stopServe;

const xml = (name: string, dir = VALID): Buffer => readFileSync(join(dir, name));

describe('tiss serve: the API', () => {
  let s: Server;
  beforeAll(async () => {
    s = await start(['--jobs', '1', '--max-size', '2MB']);
  });
  afterAll(async () => {
    expect(await stop(s)).toBe(0);
  });

  it('POST /api/v1/validate: the JSON of tiss validate --format json; SARIF and JUnit on request; findings are not HTTP errors', async () => {
    const ok = await fetch(`${s.url}/api/v1/validate?arquivo=lote.xml`, { method: 'POST', body: xml('lote-consulta.xml'), headers: { 'content-type': 'application/xml' } });
    expect(ok.status).toBe(200);
    const report = (await ok.json()) as { files: { file: string; valid: boolean }[] };
    expect(report.files[0]).toMatchObject({ file: 'lote.xml', valid: true });
    const bad = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: xml('xsd-data.xml', INVALID) });
    expect(bad.status).toBe(200);
    const badReport = (await bad.json()) as { files: { valid: boolean; findings: { code: string; message: string }[] }[] };
    expect(badReport.files[0]!.valid).toBe(false);
    expect(badReport.files[0]!.findings.map((f) => f.code)).toContain('TISS-XSD-DATE');
    const sarif = await fetch(`${s.url}/api/v1/validate?formato=sarif`, { method: 'POST', body: xml('xsd-data.xml', INVALID) });
    expect(sarif.headers.get('content-type')).toMatch(/sarif\+json/);
    expect(((await sarif.json()) as { version: string }).version).toBe('2.1.0');
    const junit = await fetch(`${s.url}/api/v1/validate?formato=junit`, { method: 'POST', body: xml('xsd-data.xml', INVALID) });
    expect(await junit.text()).toMatch(/<testsuites[\s\S]*<failure/);
    const wrong = await fetch(`${s.url}/api/v1/validate?formato=pdf`, { method: 'POST', body: xml('lote-consulta.xml') });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { erro: { mensagem: string } }).erro.mensagem).toMatch(/formato/);
    const version = await fetch(`${s.url}/api/v1/validate?schemaVersion=9.99.99`, { method: 'POST', body: xml('lote-consulta.xml') });
    expect(version.status).toBe(400);
    expect(((await version.json()) as { erro: { mensagem: string } }).erro.mensagem).toMatch(/9\.99\.99: versão desconhecida/);
  });

  it('POST /api/v1/validate with several files (multipart/form-data): one report, in the order sent; a file over --max-size is 413', async () => {
    const form = new FormData();
    form.append('arquivos', new Blob([xml('lote-consulta.xml')]), 'a-valido.xml');
    form.append('arquivos', new Blob([xml('xsd-data.xml', INVALID)]), 'pasta/b-invalido.xml');
    const r = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: form });
    expect(r.status).toBe(200);
    const report = (await r.json()) as { files: { file: string; valid: boolean }[] };
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['a-valido.xml', true],
      ['b-invalido.xml', false],
    ]);
    // A ZIP of lotes counts as its .xml members (folders dropped from the names; other files ignored).
    const zip = zipSync({ 'lotes/a.xml': new Uint8Array(xml('lote-consulta.xml')), 'lotes/b.xml': new Uint8Array(xml('xsd-data.xml', INVALID)), 'leia-me.txt': new Uint8Array([0x41]) });
    const zipped = new FormData();
    zipped.append('arquivos', new Blob([zip]), 'lotes.zip');
    const z = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: zipped });
    expect(z.status).toBe(200);
    expect(((await z.json()) as { files: { file: string; valid: boolean }[] }).files.map((f) => [f.file, f.valid]).sort()).toEqual([
      ['a.xml', true],
      ['b.xml', false],
    ]);
    const broken = new FormData();
    broken.append('arquivos', new Blob([Buffer.from('PK\x03\x04não é zip')]), 'x.zip');
    expect((await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: broken })).status).toBe(422);
    const big = new FormData();
    big.append('arquivos', new Blob([Buffer.alloc(3 * 1024 * 1024, 0x20)]), 'grande.xml');
    const tooBig = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: big });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { erro: { codigo: string } }).erro.codigo).toBe('GRANDE-DEMAIS');
  });

  it('POST /api/v1/hash/fix: the same bytes as tiss hash --fix; 422 with the reason when it must not fix', async () => {
    const source = Buffer.from(xml('lote-sp-sadt.xml').toString('latin1').replace(/<ans:hash>[0-9a-f]+</, '<ans:hash>00000000000000000000000000000000<'), 'latin1');
    const r = await fetch(`${s.url}/api/v1/hash/fix`, { method: 'POST', body: source });
    expect(r.status).toBe(200);
    expect(Buffer.from(await r.arrayBuffer()).equals(Buffer.from(fixHash(source).fixed!))).toBe(true);
    expect(r.headers.get('x-tiss-hash')).toMatch(/^[0-9a-f]{32}$/);
    const broken = await fetch(`${s.url}/api/v1/hash/fix`, { method: 'POST', body: xml('xml-truncado.xml', INVALID) });
    expect(broken.status).toBe(422);
  });

  it('POST /api/v1/generate: XML from JSON; 422 with the findings for a bad input', async () => {
    const input = readFileSync(join(SAMPLES, 'generate', 'lote-sp-sadt.json'));
    const r = await fetch(`${s.url}/api/v1/generate`, { method: 'POST', body: input, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    expect((await r.text()).startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    const bad = await fetch(`${s.url}/api/v1/generate`, { method: 'POST', body: '{"tipo": "loteGuias", "guias": 3}' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { achados: unknown[] }).achados.length).toBeGreaterThan(0);
  });

  it('GET rules, tables, openapi.json, healthz and metrics', async () => {
    const rules = (await (await fetch(`${s.url}/api/v1/rules`)).json()) as { id: string }[];
    expect(rules.length).toBeGreaterThan(60);
    const t = (await (await fetch(`${s.url}/api/v1/tables/38`)).json()) as { table: number; codes: unknown[] };
    expect(t.table).toBe(38);
    expect((await fetch(`${s.url}/api/v1/tables/999`)).status).toBe(404);
    const doc = (await (await fetch(`${s.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/validate', '/api/v1/hash/fix', '/api/v1/generate', '/api/v1/rules', '/api/v1/tables/{numero}', '/healthz', '/metrics']));
    expect(((await (await fetch(`${s.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/^tiss_files_checked_total\{status="valid"\} \d+$/m);
    expect(metrics).toMatch(/^tiss_findings_total\{code="TISS-XSD-DATE"\} \d+$/m);
    expect(metrics).toMatch(/^tiss_http_request_duration_seconds_count \d+$/m);
  });

  it('limits and headers: a body over --max-size is 413; every answer carries the security headers; an access line per request, with no file contents', async () => {
    const big = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: Buffer.alloc(3 * 1024 * 1024, 0x20) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { erro: { codigo: string } }).erro.codigo).toBe('GRANDE-DEMAIS');
    const r = await fetch(`${s.url}/healthz`);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(r.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const lines = s.stderr().split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(Object.keys(JSON.parse(l) as object).sort()).toEqual(['client', 'method', 'ms', 'route', 'status', 'time']);
    expect(s.stderr()).not.toMatch(/ans:|guiaSP-SADT|José/);
  });

  it('malformed requests: 400 random ones, every answer JSON and below 500, the server still up', async () => {
    const random = rng(20261204);
    const pick = <T>(l: T[]): T => l[Math.floor(random() * l.length)]!;
    const paths = ['/api/v1/validate', '/api/v1/hash/fix', '/api/v1/generate', '/api/v1/tables/x', '/api/v1/tables/-1', '/api/v1/rules', '/api/v1/validate?formato=%FF', '/%2e%2e/etc/passwd', '/api/v1/validate?profile=x', '/api/v1/validate?engine=z', '/api/v1/validate?schemaVersion=9'];
    for (let i = 0; i < 400; i++) {
      const body = Buffer.from(Array.from({ length: Math.floor(random() * 2000) }, () => Math.floor(random() * 256)));
      const method = pick(['POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
      const path = pick(paths);
      const type = pick(['application/xml', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '']);
      const r = await fetch(`${s.url}${path}`, { method, ...(method === 'GET' || method === 'OPTIONS' ? {} : { body }), headers: { 'content-type': type } });
      const text = await r.text();
      expect(r.status, `${method} ${path} ${type}: ${text.slice(0, 200)}`).toBeLessThan(500);
      if (r.status >= 400) expect(() => JSON.parse(text), `${method} ${path}`).not.toThrow();
    }
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 120_000);
});

describe('tiss serve: token, lock-out, busy, timeout, TLS', () => {
  it('off loopback without a token: exit 2 before listening', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'tiss.js'), 'serve', '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', env: { ...process.env, TISS_TOKEN: '' }, timeout: 15_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exige --token/);
  });

  it('Bearer token: 401 without or wrong, 429 for 5 minutes after 5 failures (even with the right one), /healthz open', async () => {
    const token = 'a'.repeat(24);
    const s = await start([], { TISS_TOKEN: token });
    try {
      expect((await fetch(`${s.url}/api/v1/rules`)).status).toBe(401);
      expect((await fetch(`${s.url}/api/v1/rules`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await fetch(`${s.url}/api/v1/rules`, { headers: { authorization: 'Bearer errado' } })).status).toBe(401);
      const locked = await fetch(`${s.url}/api/v1/rules`, { headers: { authorization: `Bearer ${token}` } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(290);
      expect(s.stderr()).not.toContain(token);
      expect(s.stderr()).not.toContain('errado');
    } finally {
      await stop(s);
    }
  });

  it('a hung file is stopped at --timeout (503), a full pool answers 503 with Retry-After, and the server stays up', async () => {
    const s = await start(['--jobs', '1', '--queue', '0', '--timeout', '2'], { TISS_TEST_WORKER_HANG: 'trava' });
    try {
      const hung = fetch(`${s.url}/api/v1/validate?arquivo=trava.xml`, { method: 'POST', body: xml('lote-consulta.xml') });
      await new Promise((r) => setTimeout(r, 300));
      const busy = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: xml('lote-consulta.xml') });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBeTruthy();
      const timedOut = await hung;
      expect(timedOut.status).toBe(503);
      expect(((await timedOut.json()) as { erro: { codigo: string } }).erro.codigo).toBe('TEMPO');
      const after = await fetch(`${s.url}/api/v1/validate`, { method: 'POST', body: xml('lote-consulta.xml') });
      expect(after.status).toBe(200);
    } finally {
      await stop(s);
    }
  }, 30_000);

  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  it.skipIf(!hasOpenssl)('--tls-cert/--tls-key: HTTPS with TLS 1.2+, TLS 1.1 refused', async () => {
    const dir = tempDir('tiss-tls-');
    const key = join(dir, 'k.pem');
    const cert = join(dir, 'c.pem');
    expect(spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost']).status).toBe(0);
    const s = await start(['--tls-cert', cert, '--tls-key', key]);
    try {
      expect(s.url).toMatch(/^https:/);
      const status = await new Promise<number>((resolve, reject) => {
        httpsRequest(`${s.url}/healthz`, { rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        })
          .on('error', reject)
          .end();
      });
      expect(status).toBe(200);
      const port = Number(new URL(s.url).port);
      const old = await new Promise<string>((resolve) => {
        const socket = tlsConnect({ host: '127.0.0.1', port, maxVersion: 'TLSv1.1', minVersion: 'TLSv1', rejectUnauthorized: false }, () => resolve('aceito'));
        socket.on('error', () => resolve('recusado'));
      });
      expect(old).toBe('recusado');
    } finally {
      await stop(s);
    }
  });
});
