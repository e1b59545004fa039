#!/usr/bin/env node
// Benchmark: `tiss validate` against `xmllint --schema` on the same generated files, in the same run.
//   npm run bench            (builds, installs schemas if needed, then runs this)
// Files are generated under bench/out/ (git-ignored) from samples/valid/, with correct hashes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixHash, generate, parse, validate } from '../dist/index.js';
import { RULES } from '../dist/rules/catalog.js';
import { runResources } from './resources.js';
import { runTargets } from './targets.js';
import { fmt, once, peakRssMb } from './measure.js';
import { spsadtLote } from './lote.js';
import { runServeLoad } from './serve-load.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const XSD = join(ROOT, '..', 'shared', 'tiss-schemas', '4.00.00', 'tissV4_00_00.xsd');
const TISS = join(ROOT, 'bin', 'tiss.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A lote with `n` guias made from the guias of a valid sample, renumbered, with the canonical hash. */
function makeLote(sample, n, seq) {
  const text = readFileSync(join(ROOT, 'samples', 'valid', sample), 'latin1');
  const guias = [...text.matchAll(/( *)<ans:(guia(?:Consulta|SP-SADT|ResumoInternacao|Honorarios|Odonto))>[\s\S]*?<\/ans:\2>\n/g)].map((m) => m[0]);
  const first = text.indexOf(guias[0]);
  const last = text.indexOf(guias[guias.length - 1]) + guias[guias.length - 1].length;
  let body = '';
  for (let i = 0; i < n; i++) {
    body += guias[i % guias.length].replace(/<ans:numeroGuiaPrestador>\d+</, `<ans:numeroGuiaPrestador>${String(seq * 1000 + i + 1).padStart(9, '0')}<`);
  }
  const lote = Buffer.from(text.slice(0, first) + body + text.slice(last), 'latin1');
  return Buffer.from(fixHash(lote).fixed);
}

/** 100 SP/SADT guias of 1,000 procedures each (no outras despesas), totals consistent. */
function time(cmd, args) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    last = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], status: last.status, stderr: last.stderr };
}

function peakRss(cmd, args) {
  const mb = peakRssMb(cmd, args);
  return Number.isNaN(mb) ? 'n/d' : `${Math.round(mb)} MB`;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'lotes'), { recursive: true });
const big = makeLote('lote-sp-sadt.xml', 100, 1);
const bigPath = join(OUT, 'lote-100-sp-sadt.xml');
writeFileSync(bigPath, big);
const kinds = ['lote-sp-sadt.xml', 'lote-consulta.xml', 'lote-resumo-internacao.xml', 'lote-honorarios.xml', 'lote-odontologia.xml'];
let folderBytes = 0;
for (let i = 0; i < 200; i++) {
  const lote = makeLote(kinds[i % kinds.length], 10 + ((i * 37) % 91), i + 2);
  folderBytes += lote.length;
  writeFileSync(join(OUT, 'lotes', `lote-${String(i + 1).padStart(3, '0')}.xml`), lote);
}
const folderFiles = Array.from({ length: 200 }, (_, i) => join(OUT, 'lotes', `lote-${String(i + 1).padStart(3, '0')}.xml`));

const check = validate(big, { file: bigPath });
if (!check.valid) throw new Error(`generated lote is not valid: ${JSON.stringify(check.findings[0])}`);

// In-process cost per document (schema compiled once, as in a long-running service or a batch), with
// and without the conditional rules, measured interleaved (GC and CPU noise fall on both alike).
const allOff = Object.fromEntries(RULES.map((r) => [r.meta.id, 'off']));
const median = (f) => {
  const a = [];
  for (let i = 0; i < 21; i++) {
    const t = process.hrtime.bigint();
    f();
    a.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return a.sort((x, y) => x - y)[10];
};
for (let i = 0; i < 10; i++) validate(big, { file: bigPath });
const withRules = [];
const noRulesRuns = [];
for (let k = 0; k < 5; k++) {
  withRules.push(median(() => validate(big, { file: bigPath })));
  noRulesRuns.push(median(() => validate(big, { file: bigPath, rules: allOff })));
}
const lib = withRules.sort((x, y) => x - y)[2];
const libNoRules = noRulesRuns.sort((x, y) => x - y)[2];

// Generator: building the same 100-guia lote from its JSON (the result is validated before it is
// returned, so this includes a full validation) against validating it; interleaved as above.
const bigJson = parse(big);
const bigJsonPath = join(OUT, 'lote-100-sp-sadt.json');
writeFileSync(bigJsonPath, JSON.stringify(bigJson, null, 2));
if (!generate(bigJson).xml?.equals(big)) throw new Error('generate(parse(lote)) differs from the lote');
for (let i = 0; i < 5; i++) generate(bigJson);
const genRuns = [];
const valRuns = [];
for (let k = 0; k < 5; k++) {
  genRuns.push(median(() => generate(bigJson)));
  valRuns.push(median(() => validate(big, { file: bigPath })));
}
const libGen = genRuns.sort((x, y) => x - y)[2];
const libVal = valRuns.sort((x, y) => x - y)[2];

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const rows = [];
const single = time(process.execPath, [TISS, 'validate', '--quiet', bigPath]);
const singleRef = hasXmllint ? time('xmllint', ['--noout', '--schema', XSD, bigPath]) : null;
rows.push(['1 lote SP/SADT, 100 guias (' + Math.round(big.length / 1024) + ' KB), processo completo', single.ms, singleRef?.ms, peakRss(process.execPath, [TISS, 'validate', '--quiet', bigPath])]);
const folder = time(process.execPath, [TISS, 'validate', '--quiet', '--format', 'json', join(OUT, 'lotes')]);
const folderRef = hasXmllint ? time('xmllint', ['--noout', '--schema', XSD, ...folderFiles]) : null;
rows.push([`pasta com 200 lotes (10–100 guias, ${Math.round(folderBytes / 1024 / 1024)} MB)`, folder.ms, folderRef?.ms, peakRss(process.execPath, [TISS, 'validate', '--quiet', '--format', 'json', join(OUT, 'lotes')])]);
// What shell scripts around xmllint usually do: one process per file.
const loopRef = hasXmllint ? time('sh', ['-c', `for f in "${join(OUT, 'lotes')}"/*.xml; do xmllint --noout --schema "${XSD}" "$f" 2>/dev/null || true; done`]) : null;
rows.push(['pasta com 200 lotes, xmllint chamado uma vez por arquivo (laço de shell)', folder.ms, loopRef?.ms, '—']);
if (single.status !== 0 || folder.status !== 0) throw new Error(`tiss failed: ${single.stderr}${folder.stderr}`);

let targetBigDir;
let targetBigDirXmllintMs;
let targetHugePath;
// Operadora scale: 1,000 lotes of 100 SP/SADT guias, tiss with 2 worker threads against xmllint over all files.
if (!process.env.BENCH_QUICK) {
  const bigDir = join(OUT, 'lotes-1000');
  mkdirSync(bigDir, { recursive: true });
  const bigFiles = [];
  for (let i = 0; i < 1000; i++) {
    const f = join(bigDir, `lote-${String(i + 1).padStart(4, '0')}.xml`);
    writeFileSync(f, makeLote('lote-sp-sadt.xml', 100, 1000 + i));
    bigFiles.push(f);
  }
  const par = once(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', bigDir]);
  const parRef = hasXmllint ? once('xmllint', ['--noout', '--schema', XSD, ...bigFiles]) : null;
  targetBigDir = bigDir;
  targetBigDirXmllintMs = parRef?.ms;
  rows.push([`pasta com 1.000 lotes SP/SADT de 100 guias (${Math.round((big.length * 1000) / 1024 / 1024)} MB), --jobs 2`, par.ms, parRef?.ms, peakRss(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', bigDir])]);

  // Resource limits: 10,000 small files in one run (memory must stay flat), and one huge lote.
  const manyDir = join(OUT, 'lotes-10000');
  mkdirSync(manyDir, { recursive: true });
  const small = makeLote('lote-consulta.xml', 3, 5000);
  const manyFiles = [];
  for (let i = 0; i < 10000; i++) {
    const f = join(manyDir, `lote-${String(i + 1).padStart(5, '0')}.xml`);
    writeFileSync(f, small);
    manyFiles.push(f);
  }
  const many = once(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', manyDir]);
  const manyRef = hasXmllint ? once('xmllint', ['--noout', '--schema', XSD, ...manyFiles]) : null;
  rows.push([`pasta com 10.000 lotes pequenos (3 guias de consulta), --jobs 2`, many.ms, manyRef?.ms, peakRss(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', '--jobs', '2', manyDir])]);

  const hugePath = join(OUT, 'lote-100-guias-1000-procedimentos.xml');
  writeFileSync(hugePath, spsadtLote(1000));
  targetHugePath = hugePath;
  const hugeRun = once(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', hugePath]);
  const hugeRef = hasXmllint ? once('xmllint', ['--noout', '--schema', XSD, hugePath]) : null;
  rows.push([`1 lote de 100 guias SP/SADT × 1.000 procedimentos (${Math.round(statSync(hugePath).size / 1024 / 1024)} MB)`, hugeRun.ms, hugeRef?.ms, peakRss(process.execPath, [TISS, 'validate', '--quiet', '--format', 'summary', hugePath])]);
}

const lines = [
  `Máquina: ${cpus().length} núcleos (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}; ${hasXmllint ? spawnSync('xmllint', ['--version'], { encoding: 'utf8' }).stderr.split('\n')[0] : 'xmllint ausente'}. Mediana de ${RUNS} execuções.`,
  '',
  '| caso | tiss validate | xmllint --schema | tiss / xmllint | pico de memória (tiss) |',
  '|---|---|---|---|---|',
  ...rows.map(([name, t, x, rss]) => `| ${name} | ${fmt(t)} | ${fmt(x)} | ${x ? `${(t / x).toFixed(2)}×` : 'n/d'} | ${rss} |`),
  `| 1 lote SP/SADT, 100 guias, só a validação (biblioteca, esquema já compilado) | ${fmt(lib)} | — | — | — |`,
  `| o mesmo, sem as ${RULES.length} regras condicionais | ${fmt(libNoRules)} | — | — | regras: +${(((lib - libNoRules) / libNoRules) * 100).toFixed(0)}% |`,
];
const genCli = time(process.execPath, [TISS, 'generate', bigJsonPath, '-o', join(OUT, 'gerado.xml')]);
if (genCli.status !== 0) throw new Error(`tiss generate failed: ${genCli.stderr}`);
lines.push(
  '',
  '| gerador (mesmo lote de 100 guias SP/SADT) | tiss generate | tiss validate | generate / validate |',
  '|---|---|---|---|',
  `| biblioteca: generate(json) (inclui validar o resultado) vs validate(xml) | ${fmt(libGen)} | ${fmt(libVal)} | ${(libGen / libVal).toFixed(2)}× |`,
  `| processo completo: tiss generate lote.json -o lote.xml vs tiss validate lote.xml | ${fmt(genCli.ms)} | ${fmt(single.ms)} | ${(genCli.ms / single.ms).toFixed(2)}× |`,
);
// Every version (issue 10): the same 100-guia SP/SADT lote in each TISS version (from that version's
// sample), and the Monitoramento samples, each against xmllint with its own version's XSD.
{
  const cases = [
    ['4.00.00', makeLote('lote-sp-sadt.xml', 100, 7001)],
    ['4.00.01', Buffer.from(fixHash(Buffer.from(makeLote('lote-sp-sadt.xml', 100, 7002).toString('latin1').replace('<ans:Padrao>4.00.00<', '<ans:Padrao>4.00.01<'), 'latin1')).fixed)],
    ['4.01.00', makeLote('lote-sp-sadt-4.01.xml', 100, 7003)],
    ['4.03.00', makeLote('lote-sp-sadt-4.03.xml', 100, 7004)],
    ['monitoramento-1.02.00', readFileSync(join(ROOT, 'samples', 'valid', 'monitoramento-guias.xml'))],
    ['monitoramento-1.06.00', readFileSync(join(ROOT, 'samples', 'valid', 'monitoramento-guias-1.06.xml'))],
  ];
  lines.push('', '| versão (XSD da própria versão) | arquivo | tiss validate | xmllint --schema | tiss / xmllint | veredito |', '|---|---|---|---|---|---|');
  for (const [id, bytes] of cases) {
    const file = join(OUT, `versao-${id}.xml`);
    writeFileSync(file, bytes);
    const r = validate(bytes, { file });
    if (!r.valid || r.schema?.version !== id) throw new Error(`bench: ${id} not valid against its own schema: ${JSON.stringify(r.findings[0] ?? r.schema)}`);
    const t = time(process.execPath, [TISS, 'validate', '--quiet', file]);
    const entry = id.startsWith('monitoramento-') ? `tissMonitoramentoV${id.slice(14).replace(/\./g, '_')}.xsd` : `tissV${id.replace(/\./g, '_')}.xsd`;
    // Monitoramento 1.06.00 needs the include repaired for xmllint too (src/schemas/repairs.ts).
    let xsd = join(ROOT, '..', 'shared', 'tiss-schemas', id, entry);
    if (id === 'monitoramento-1.06.00') {
      const dir = join(OUT, 'xsd-1.06.00');
      mkdirSync(dir, { recursive: true });
      for (const f of ['tissMonitoramentoV1_06_00.xsd', 'tissSimpleTypesMonitoramentoV1_06_00.xsd', 'tissComplexTypesMonitoramentoV1_06_00.xsd']) {
        writeFileSync(join(dir, f), readFileSync(join(ROOT, '..', 'shared', 'tiss-schemas', id, f), 'latin1').replace('tissSimpleTypesMonitoramentoV1_05_01.xsd', 'tissSimpleTypesMonitoramentoV1_06_00.xsd'), 'latin1');
      }
      xsd = join(dir, entry);
    }
    const x = hasXmllint ? time('xmllint', ['--noout', '--nonet', '--schema', xsd, file]) : null;
    lines.push(`| ${id} | ${Math.round(bytes.length / 1024)} KB | ${fmt(t.ms)} | ${x ? fmt(x.ms) : 'n/d'} | ${x ? `${(t.ms / x.ms).toFixed(2)}×` : 'n/d'} | ${t.status === 0 && (!x || x.status === 0) ? 'ambos válido' : `tiss ${t.status}, xmllint ${x?.status}`} |`);
  }
}

// The targets of issue 11, for both XSD engines side by side.
lines.push(
  '',
  runTargets({ out: OUT, tiss: TISS, xsd: XSD, runs: RUNS, hasXmllint, makeLote, big, bigPath, bigDir: targetBigDir, bigDirXmllintMs: targetBigDirXmllintMs, hugePath: targetHugePath, quick: Boolean(process.env.BENCH_QUICK) }),
);

// tiss serve under load (issue 12): 2,000 requests, 20 at a time, against the CLI on the same lote.
if (!process.env.BENCH_QUICK) lines.push('', await runServeLoad(bigPath, join(OUT, 'copias-200')));

// Resource cases of issue 9 (quadratic or unbounded before): time, peak memory against the target
// and the budget's estimate. BENCH_BEFORE=<older bin/tiss.js> adds a before column.
if (!process.env.BENCH_QUICK) {
  lines.push('', runResources({ out: OUT, tiss: TISS, before: process.env.BENCH_BEFORE || null, xsd: XSD, timeout: Number(process.env.BENCH_TIMEOUT ?? 120) }));
}
const report = lines.join('\n');
writeFileSync(join(OUT, 'results.md'), `${report}\n`);
process.stdout.write(`${report}\n`);
if (!existsSync(XSD)) process.stdout.write('(xmllint precisa de ../shared/tiss-schemas)\n');
