// Load run of `tiss serve` (issue 12): 2,000 requests, 20 at a time, to loopback, each a 100-guia SP/SADT
// lote; throughput, p50/p99 latency, errors (must be 0) and the server's peak RSS (VmHWM: the process,
// its worker threads included), against `tiss validate --jobs 2` over the same lote as files.
//   node bench/serve-load.js <lote.xml> <folder of lotes for the CLI comparison>
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TISS = join(ROOT, 'bin', 'tiss.js');
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 20);

export async function runServeLoad(lotePath, folder) {
  const body = readFileSync(lotePath);
  const child = spawn(process.execPath, [TISS, 'serve', '--port', '0', '--jobs', '2', '--queue', String(CONCURRENCY * 2)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d.toString()));
  const url = await new Promise((resolve, reject) => {
    const t = setInterval(() => {
      const m = /ouvindo em (\S+)/.exec(err);
      if (m) {
        clearInterval(t);
        resolve(m[1]);
      }
    }, 20);
    child.once('exit', () => reject(new Error(err)));
  });
  const latencies = [];
  let errors = 0;
  let next = 0;
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      /* gone */
    }
  }, 100);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        try {
          const r = await fetch(`${url}/api/v1/validate`, { method: 'POST', body, headers: { 'content-type': 'application/xml' } });
          const report = await r.json();
          if (r.status !== 200 || !report.files?.[0]?.valid) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  // The CLI on files: the same lote, as many files as there are in the folder.
  const files = spawnSync('sh', ['-c', `ls "${folder}" | wc -l`], { encoding: 'utf8' }).stdout.trim();
  const t0 = performance.now();
  const cli = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, TISS, 'validate', '--quiet', '-f', 'summary', '--jobs', '2', folder], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const cliSeconds = (performance.now() - t0) / 1000;
  const cliPeak = Number(cli.stderr.trim().split('\n').pop()) / 1024;
  return [
    `| carga (issue 12) | requisições | simultâneas | lotes/s | p50 | p99 | erros | pico de memória |`,
    `|---|---|---|---|---|---|---|---|`,
    `| tiss serve --jobs 2, POST /api/v1/validate, lote de 100 guias SP/SADT (${Math.round(body.length / 1024)} KB) | ${REQUESTS} | ${CONCURRENCY} | ${(REQUESTS / seconds).toFixed(1)} | ${q(0.5).toFixed(0)} ms | ${q(0.99).toFixed(0)} ms | ${errors} | ${Math.round(peakKb / 1024)} MB |`,
    `| tiss validate --jobs 2, os mesmos lotes em ${files} arquivos | — | — | ${(Number(files) / cliSeconds).toFixed(1)} | — | — | ${cli.status === 0 ? 0 : 'saída ' + cli.status} | ${Math.round(cliPeak)} MB |`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await runServeLoad(process.argv[2], process.argv[3])}\n`);
}
