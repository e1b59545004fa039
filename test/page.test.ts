import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixHash } from '../src/hash/api.js';
import { INVALID, ROOT, VALID, tempDir } from './helpers.js';
import { startServe, stopServe, type Server } from './serve-helpers.js';

/**
 * The page of `tiss serve` in a real browser: Debian's chromium (installed by .ci/run), driven by
 * playwright-core pointed at the system binary (a browser download fails here). Skipped, saying so, only
 * where chromium is not installed.
 */
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!CHROMIUM) console.warn('test/page.test.ts: chromium não está instalado (apt-get install chromium); o teste da página no navegador foi pulado.');

describe.skipIf(!CHROMIUM)('the page, in Chromium', () => {
  let server: Server;
  let url = '';
  let browser: Browser;
  beforeAll(async () => {
    server = await startServe([]);
    url = server.url;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    if (server) await stopServe(server);
  });

  it('drop (on the drop zone) a valid and an invalid lote and one with a wrong hash: verdicts, a finding in Portuguese, the hash-fixed download byte for byte, a screenshot', async () => {
    const dir = tempDir('tiss-page-');
    const wrongHash = Buffer.from(readFileSync(join(VALID, 'lote-sp-sadt.xml')).toString('latin1').replace(/<ans:hash>[0-9a-f]+</, '<ans:hash>00000000000000000000000000000000<'), 'latin1');
    const wrongPath = join(dir, 'hash-errado.xml');
    writeFileSync(wrongPath, wrongHash);
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(url);
    expect(await page.textContent('#privacidade')).toMatch(/não é gravado nem registrado|gravado ou registrado/);
    // Dropped on the drop zone, as a faturista does (a DataTransfer with the files, then the drop event).
    const files = [join(VALID, 'lote-consulta.xml'), join(INVALID, 'xsd-data.xml'), wrongPath].map((p) => ({ name: p.split('/').pop()!, data: [...readFileSync(p)] }));
    const transfer = await page.evaluateHandle((list) => {
      // Runs in the page (DOM types are not in this project's TypeScript lib).
      const page = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: unknown[], name: string, options: object) => unknown };
      const dt = new page.DataTransfer();
      for (const f of list) dt.items.add(new page.File([new Uint8Array(f.data)], f.name, { type: 'application/xml' }));
      return dt;
    }, files);
    await page.dispatchEvent('#soltar', 'drop', { dataTransfer: transfer });
    await page.locator('#progresso-texto', { hasText: 'Pronto' }).waitFor({ timeout: 30_000 });
    const articles = page.locator('article.arquivo');
    expect(await articles.count()).toBe(3);
    expect(await articles.nth(0).locator('.veredito').textContent()).toBe('válido');
    expect(await articles.nth(1).locator('.veredito').textContent()).toMatch(/erro/);
    expect(await articles.nth(1).textContent()).toContain('não é uma data válida; o formato é AAAA-MM-DD');
    expect(await articles.nth(1).locator('pre.trecho').first().textContent()).toContain('02/09/2026');
    expect(await articles.nth(0).locator('dl.resumo').textContent()).toMatch(/Guias\s*\d+ guiaConsulta/);
    expect(await articles.nth(0).locator('table.guias tbody tr').count()).toBe(3);
    expect(await articles.nth(0).locator('table.guias').textContent()).toMatch(/100087101[\s\S]*guiaConsulta[\s\S]*R\$/);

    // The glosa each finding would get, in words (Tabela 38 from the server).
    expect(await articles.nth(2).locator('p.glosa').first().textContent()).toBe('Glosa provável: 5014 — CÓDIGO HASH INVÁLIDO. MENSAGEM PODE ESTAR CORROMPIDA.');

    const [download] = await Promise.all([page.waitForEvent('download'), articles.nth(2).getByRole('button', { name: 'Baixar com hash corrigido' }).click()]);
    const saved = join(dir, 'corrigido.xml');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(Buffer.from(fixHash(wrongHash).fixed!))).toBe(true);

    // Filters: only the invalid file's code when filtering by it.
    await page.selectOption('#filtro-codigo', 'TISS-XSD-DATE');
    expect(await page.locator('li.achado').count()).toBeGreaterThan(0);
    for (const code of await page.locator('li.achado .codigo').allTextContents()) expect(code).toBe('TISS-XSD-DATE');
    await page.selectOption('#filtro-codigo', '');

    mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
    await page.locator('h1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'bench', 'out', 'pagina.png'), fullPage: false });
    expect(outside).toEqual([]);
    await context.close();
  }, 60_000);
});
