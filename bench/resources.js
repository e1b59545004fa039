// Resource cases of issue 9 (items 8–11): time and peak memory of `tiss validate` on the shapes that
// were quadratic or unbounded, beside the memory target (peak RSS ≤ 4 × file size + 150 MB) and
// xmllint on the same files. With BENCH_BEFORE=<path to an older bin/tiss.js> the same cases also run
// on that build (each stopped after BENCH_TIMEOUT seconds, default 120), for a before/after table.
//   node bench/resources.js            (after npm run build; also run by npm run bench)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { estimatePeak, shapeOf } from '../dist/xml/budget.js';
import { spsadtLote } from './lote.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;
const NS = 'http://www.ans.gov.br/padroes/tiss/schemas';
const HEAD = `<?xml version="1.0" encoding="ISO-8859-1"?>\n`;

/**
 * Namespace declarations that pile up (item 8): the root declares N prefixes, then N elements declare
 * one more each. A tree that copies the scope's map for every element with an xmlns does N × N work.
 */
export function namespaceHeavy(bytes) {
  const n = Math.round(bytes / 47);
  const decls = Array.from({ length: n }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join('');
  const kids = Array.from({ length: n }, (_, i) => `<ans:x xmlns:z="urn:z${i % 10}"/>`).join('');
  return Buffer.from(`${HEAD}<ans:mensagemTISS xmlns:ans="${NS}"${decls}>${kids}</ans:mensagemTISS>\n`, 'latin1');
}

/** The worst shape for memory (item 9): tiny elements, `<ans:x>1</ans:x>`, to `bytes`. */
export function tinyElements(bytes) {
  const unit = '<ans:x>1</ans:x>';
  return Buffer.from(`${HEAD}<ans:mensagemTISS xmlns:ans="${NS}">${unit.repeat(Math.floor(bytes / unit.length))}</ans:mensagemTISS>\n`, 'latin1');
}

/** 10,000 findings in a 8 MB lote: every procedure of every guia with a code outside Tabela 87 (item 10). */
export function manyFindingsLote() {
  return spsadtLote(100, (g) => g.replace(/<ans:codigoTabela>22</g, '<ans:codigoTabela>99<'));
}

/** 8,000 errors in one guia: one guia of 8,000 procedures, each with a bad code (item 10). */
export function oneGuiaErrors() {
  return spsadtLote(80, (g, i) => {
    if (i !== 0) return g;
    const proc = /( *)<ans:procedimentoExecutado>[\s\S]*?<\/ans:procedimentoExecutado>\n/.exec(g)[0].replace(/<ans:codigoTabela>22</, '<ans:codigoTabela>99<');
    return g.replace(/(<ans:procedimentosExecutados>\n)[\s\S]*?( *<\/ans:procedimentosExecutados>)/, (_m, a, b) => `${a}${proc.repeat(8000)}${b}`);
  });
}

/** Runs a command once: wall time, peak RSS (GNU time), exit status; stopped after `timeout` s. */
function measure(cmd, args, timeout) {
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'timeout', '-s', 'KILL', String(timeout), cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const kb = Number(r.stderr.trim().split('\n').pop());
  const killed = r.status === 137 || (r.stderr.includes('Command terminated by signal 9') && ms >= timeout * 1000 - 500);
  const code = /"code": "(TISS-[A-Z0-9-]+)"/.exec(r.stdout)?.[1] ?? /\b(TISS-[A-Z0-9-]+)\b/.exec(r.stdout)?.[1] ?? null;
  return { ms, limit: timeout, rssMb: Number.isFinite(kb) ? kb / 1024 : null, status: r.status, killed, code, findings: (r.stdout.match(/"code":/g) ?? []).length };
}

export function resourceCases(out) {
  const dir = join(out, 'resources');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const write = (name, bytes) => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };
  const fifo = join(dir, 'fifo.xml');
  spawnSync('mkfifo', [fifo]);
  const manyFindings = manyFindingsLote();
  const oneGuia = oneGuiaErrors();
  return [
    { item: 8, name: 'declarações de namespace em todo elemento, 504 KB', file: write('ns-504k.xml', namespaceHeavy(504 * 1024)), format: 'json' },
    { item: 8, name: 'declarações de namespace em todo elemento, 3,3 MB', file: write('ns-3m.xml', namespaceHeavy(3.3 * MB)), format: 'json' },
    { item: 9, name: 'elementos mínimos (<ans:x>1</ans:x>), 20 MB', file: write('tiny-20m.xml', tinyElements(20 * MB)), format: 'json' },
    { item: 9, name: 'elementos mínimos, 150 MB (abaixo de --max-size)', file: write('tiny-150m.xml', tinyElements(150 * MB)), format: 'json' },
    { item: 9, name: 'lote real: 100 guias SP/SADT × 1.000 procedimentos', file: write('lote-76m.xml', spsadtLote(1000)), format: 'json' },
    { item: 10, name: 'lote de 100 guias com 10.000 achados, saída text', file: write('achados-10k.xml', manyFindings), format: 'text' },
    { item: 10, name: 'o mesmo, saída json', file: join(dir, 'achados-10k.xml'), format: 'json' },
    { item: 10, name: '8.000 erros numa só guia, saída json', file: write('guia-8000.xml', oneGuia), format: 'json' },
    { item: 11, name: '/dev/zero como arquivo', file: '/dev/zero', format: 'json', noSize: true },
    { item: 11, name: 'FIFO sem escritor (mkfifo f.xml)', file: fifo, format: 'json', noSize: true },
  ];
}

export function runResources({ out, tiss, before, xsd, timeout = 120 }) {
  const cases = resourceCases(out);
  const hasXmllint = spawnSync('xmllint', ['--version']).status === 0 && existsSync(xsd);
  const rows = [];
  for (const c of cases) {
    const size = c.noSize ? null : statSync(c.file).size;
    const args = ['validate', '--format', c.format, c.file];
    // A build that reads /dev/zero without a bound grows by ~8 GB a minute: stopped after 20 s.
    const limit = c.noSize ? Math.min(timeout, 20) : timeout;
    const now = measure(process.execPath, [tiss, ...args], limit);
    const old = before ? measure(process.execPath, [before, ...args], limit) : null;
    const ref = hasXmllint && !c.noSize ? measure('xmllint', ['--noout', '--nonet', '--schema', xsd, c.file], timeout) : null;
    const target = size === null ? null : (4 * size) / MB + 150;
    // The budget's estimate (src/xml/budget.ts) beside the measured peak: it must stay above it.
    const estimate = size === null ? null : estimatePeak(shapeOf(readFileSync(c.file))) / MB;
    rows.push({ ...c, size, now, old, ref, target, estimate });
  }
  const t = (m) => (m === null ? '—' : m.killed ? `> ${Math.round(m.limit)} s (parado)` : m.ms >= 1000 ? `${(m.ms / 1000).toFixed(2)} s` : `${Math.round(m.ms)} ms`);
  // A process stopped by the timeout has no peak GNU time can report (it would show timeout's own).
  const r = (m) => (m === null || m.rssMb === null || m.killed ? '—' : `${Math.round(m.rssMb)} MB`);
  const outcome = (m) => (m.killed ? 'parado' : `saída ${m.status}${m.code ? `, ${m.code}` : ''}`);
  const header = before
    ? ['| item | caso | tamanho | antes: tempo | antes: pico | agora: tempo | agora: pico | meta de pico (4× + 150 MB) | estimativa do orçamento | agora: resultado | xmllint |', '|---|---|---|---|---|---|---|---|---|---|---|']
    : ['| item | caso | tamanho | tempo | pico de memória | meta de pico (4× + 150 MB) | estimativa do orçamento | resultado | xmllint |', '|---|---|---|---|---|---|---|---|---|'];
  const lines = rows.map((x) => {
    const size = x.size === null ? '—' : x.size >= MB ? `${(x.size / MB).toFixed(1)} MB` : `${Math.round(x.size / 1024)} KB`;
    const target = x.target === null ? '—' : `${Math.round(x.target)} MB${x.now.rssMb !== null ? (x.now.rssMb <= x.target ? ' ✔' : ' ✖') : ''}`;
    const ref = x.ref ? `${t(x.ref)}, ${r(x.ref)}` : '—';
    const est = x.estimate === null ? '—' : `${Math.round(x.estimate)} MB`;
    return before
      ? `| ${x.item} | ${x.name} | ${size} | ${t(x.old)} | ${r(x.old)} | ${t(x.now)} | ${r(x.now)} | ${target} | ${est} | ${outcome(x.now)} | ${ref} |`
      : `| ${x.item} | ${x.name} | ${size} | ${t(x.now)} | ${r(x.now)} | ${target} | ${est} | ${outcome(x.now)} | ${ref} |`;
  });
  return [...header, ...lines].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(ROOT, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  const table = runResources({
    out,
    tiss: join(ROOT, 'bin', 'tiss.js'),
    before: process.env.BENCH_BEFORE || null,
    xsd: join(ROOT, '..', 'shared', 'tiss-schemas', '4.00.00', 'tissV4_00_00.xsd'),
    timeout: Number(process.env.BENCH_TIMEOUT ?? 120),
  });
  writeFileSync(join(out, 'resources.md'), `${table}\n`);
  process.stdout.write(`${table}\n`);
}
