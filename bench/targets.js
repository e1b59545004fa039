// The targets of issue 11 (one pass, compiled schemas), each measured for both XSD engines in the
// same run, against xmllint on the same files. Called by bench/run.js; returns a Markdown table.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../dist/index.js';
import { fmt, once, peakRssMb } from './measure.js';

const ENGINES = ['compiled', 'libxml2'];

function median(runs, f) {
  const a = [];
  for (let i = 0; i < runs; i++) a.push(f());
  return a.sort((x, y) => x - y)[Math.floor(runs / 2)];
}

/**
 * @param {{ out: string, tiss: string, xsd: string, runs: number, hasXmllint: boolean, makeLote: (sample: string, n: number, seq: number) => Buffer,
 *   big: Buffer, bigPath: string, bigDir?: string, bigDirXmllintMs?: number, hugePath?: string, quick: boolean }} o
 */
export function runTargets(o) {
  const rows = [];
  const node = process.execPath;

  // 1. One 100-guia lote in the library, full check, one core; xmllint's per-file time over 200 copies in one process.
  const perFile = {};
  for (const engine of ENGINES) {
    for (let i = 0; i < 10; i++) validate(o.big, { file: o.bigPath, engine });
    perFile[engine] = median(5, () =>
      median(21, () => {
        const t = process.hrtime.bigint();
        validate(o.big, { file: o.bigPath, engine });
        return Number(process.hrtime.bigint() - t) / 1e6;
      }),
    );
  }
  const copies = join(o.out, 'copias-200');
  mkdirSync(copies, { recursive: true });
  const copyFiles = Array.from({ length: 200 }, (_, i) => join(copies, `c${i}.xml`));
  for (const f of copyFiles) writeFileSync(f, o.big);
  const xmllintPerFile = o.hasXmllint ? median(o.runs, () => once('xmllint', ['--noout', '--schema', o.xsd, ...copyFiles]).ms) / 200 : undefined;
  rows.push(['lote de 100 guias SP/SADT, biblioteca, conferência completa (XSD, encoding, hash, regras), um núcleo', '≤ 1,0× xmllint por arquivo (200 cópias num processo)', perFile.compiled, perFile.libxml2, xmllintPerFile, 1.0]);

  // 2. 1,000 lotes of 100 guias, --jobs 2, against one xmllint call over all of them.
  if (o.bigDir && o.bigDirXmllintMs !== undefined) {
    const t = {};
    for (const engine of ENGINES) t[engine] = once(node, [o.tiss, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', '--engine', engine, o.bigDir]).ms;
    rows.push(['pasta com 1.000 lotes de 100 guias SP/SADT, --jobs 2', '≤ 0,6× uma chamada do xmllint', t.compiled, t.libxml2, o.bigDirXmllintMs, 0.6]);
  }

  // 3. A folder of 2,500 small messages: --jobs 2 against one xmllint call, and --jobs 2 against --jobs 1.
  const smallDir = join(o.out, 'pequenas-2500');
  mkdirSync(smallDir, { recursive: true });
  const smallFiles = [];
  const kinds = ['lote-consulta.xml', 'lote-sp-sadt.xml', 'lote-honorarios.xml', 'lote-odontologia.xml', 'lote-resumo-internacao.xml'];
  for (let i = 0; i < 2500; i++) {
    const f = join(smallDir, `m${String(i).padStart(4, '0')}.xml`);
    writeFileSync(f, o.makeLote(kinds[i % kinds.length], 1 + (i % 3), 20000 + i));
    smallFiles.push(f);
  }
  const small = {};
  const smallJobs1 = {};
  for (const engine of ENGINES) {
    small[engine] = median(o.quick ? 1 : 3, () => once(node, [o.tiss, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', '--engine', engine, smallDir]).ms);
    smallJobs1[engine] = median(o.quick ? 1 : 3, () => once(node, [o.tiss, 'validate', '--quiet', '--format', 'summary', '--jobs', '1', '--engine', engine, smallDir]).ms);
  }
  const smallRef = o.hasXmllint ? median(o.quick ? 1 : 3, () => once('xmllint', ['--noout', '--schema', o.xsd, ...smallFiles]).ms) : undefined;
  rows.push(['pasta com 2.500 mensagens pequenas (1 a 3 guias), --jobs 2', '≤ 1,0× uma chamada do xmllint', small.compiled, small.libxml2, smallRef, 1.0]);
  rows.push(['a mesma pasta: --jobs 1 ÷ --jobs 2 (aceleração com 2 núcleos)', '≥ 1,7×', smallJobs1.compiled / small.compiled, smallJobs1.libxml2 / small.libxml2, undefined, 'speedup']);

  // 4. Start-up.
  const version = median(o.runs, () => once(node, [o.tiss, '--version']).ms);
  rows.push(['tiss --version', '≤ 100 ms', version, version, undefined, 100]);
  const three = join(o.out, 'lote-3-guias.xml');
  writeFileSync(three, o.makeLote('lote-consulta.xml', 3, 30000));
  const one = {};
  for (const engine of ENGINES) one[engine] = median(o.runs, () => once(node, [o.tiss, 'validate', '--quiet', '--engine', engine, three]).ms);
  rows.push(['tiss validate de um arquivo de 3 guias (processo completo)', '≤ 150 ms', one.compiled, one.libxml2, undefined, 150]);

  // 5. Peak memory on the 76 MB lote.
  if (o.hugePath) {
    const size = statSync(o.hugePath).size / 1024 / 1024;
    const rss = {};
    for (const engine of ENGINES) rss[engine] = peakRssMb(node, [o.tiss, 'validate', '--quiet', '--format', 'summary', '--engine', engine, o.hugePath]);
    rows.push([`pico de memória, lote de ${Math.round(size)} MB`, `≤ 3 × tamanho + 150 MB = ${Math.round(3 * size + 150)} MB`, rss.compiled, rss.libxml2, undefined, 3 * size + 150, 'MB']);
  }

  const lines = [
    '| meta (issue 11) | alvo | motor compilado | --engine libxml2 | xmllint | compilado / xmllint | atingida (compilado) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [name, target, c, l, x, limit, unit] of rows) {
    const show = (v) => (limit === 'speedup' ? `${v.toFixed(2)}×` : unit === 'MB' ? `${Math.round(v)} MB` : fmt(v));
    const ratio = x !== undefined ? c / x : undefined;
    const met = limit === 'speedup' ? c >= 1.7 : x !== undefined ? ratio <= limit : c <= limit;
    lines.push(`| ${name} | ${target} | ${show(c)} | ${show(l)} | ${x !== undefined ? fmt(x) : '—'} | ${ratio !== undefined ? `${ratio.toFixed(2)}×` : '—'} | ${met ? 'sim' : 'não'} |`);
  }
  return lines.join('\n');
}

