#!/usr/bin/env node
// Calibration of the per-file memory budget (src/xml/budget.ts, COST): generates files of known shapes,
// measures the peak RSS of a fresh `tiss validate --format json FILE` on each with both XSD engines,
// fits the constants, and prints a table of what was measured beside the current and the fitted estimate.
//
//   npm run build && node bench/calibrate-budget.js --runs 2 --write   what COST was fitted with (~30 min, 2 cores)
//   node bench/calibrate-budget.js                  measure once each, fit, print; nothing written (~15 min)
//   node bench/calibrate-budget.js --only 'lote'    only the shapes whose name matches
//   node bench/calibrate-budget.js --refit          fit again on bench/budget-calibration.json, no measuring
//
// Each file is checked in its own process, `/usr/bin/time -f %M node bin/tiss.js validate --format json
// --engine compiled|libxml2 --max-memory 20GB --max-size 1GB FILE` (a large --max-memory, or the budget
// being calibrated would refuse the big shapes); --runs N keeps the highest peak of N runs. The estimate is
// computed before reading, so it must cover the costliest path a file may take: the libxml2 engine, the
// compiled engine deferring to libxml2 (a ds:Signature), a wrong hash. The variants of one shape form a group
// and the fit takes the costliest peak of each group. The fit: the constants (all ≥ 0) that minimise the sum
// of estimate/peak over the groups while every estimate is ≥ MARGIN × its peak (a small linear program),
// then each rounded up. (Least squares scaled up until every shape is covered was the first method: the
// worst-fitted shape sets the scale, ×1.49 on these shapes, and every estimate grows with it.) Shapes marked
// `fit: false` (thousands of findings: findings come after parsing and are not in the model) are measured
// and shown, not fitted; so is a shape whose run fails (exit 2). Files go to a temp folder, removed at the end.
// --write records the measurements in bench/budget-calibration.json, which test/budget.test.ts reads to
// check that COST keeps every recorded shape covered with the margin.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COST, estimatePeak, shapeOf } from '../dist/xml/budget.js';
import { fixHash } from '../dist/index.js';
import { spsadtLote } from './lote.js';
import { manyFindingsLote, namespaceHeavy, oneGuiaErrors, tinyElements } from './resources.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TISS = join(ROOT, 'bin', 'tiss.js');
const MB = 1024 * 1024;
const MARGIN = 1.1;
const HEAD = `<?xml version="1.0" encoding="ISO-8859-1"?>\n`;
const NS = 'http://www.ans.gov.br/padroes/tiss/schemas';
const ENGINES = ['compiled', 'libxml2'];

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(opt('--runs') ?? 1);
const ONLY = opt('--only') ? new RegExp(opt('--only')) : null;
const WRITE = argv.includes('--write');

/** `unit` repeated to about `bytes`, inside an ans:mensagemTISS root (not a TISS message: no cabecalho). */
function runOf(unit, bytes, rootAttrs = '') {
  return Buffer.from(`${HEAD}<ans:mensagemTISS xmlns:ans="${NS}"${rootAttrs}>\n${unit.repeat(Math.floor(bytes / unit.length))}</ans:mensagemTISS>\n`, 'latin1');
}

/** Tiny elements one per line: two text nodes per element (its value and the line break after it). */
const tinyLines = (bytes) => runOf('<ans:x>1</ans:x>\n', bytes);
/** Runs of `<x/>`: elements and nothing else (no text, no attribute). */
const emptyElements = (bytes) => runOf('<x/>', bytes);
/** Five attributes on every element. */
const attributeHeavy = (bytes) => runOf('<x a="1" b="2" c="3" d="4" e="5"/>', bytes);
/** Few elements, long texts (4 KB each): the per-byte cost. */
const longTexts = (bytes) => runOf(`<ans:x>${'abcdefghij'.repeat(409)}</ans:x>\n`, bytes);

/** A lote with a wrong hash: the diagnosis looks for what the sender hashed. */
function wrongHash(lote) {
  const text = lote.toString('latin1');
  const wrong = text.replace(/(<ans:hash>)[0-9a-fA-F]{32}(<\/ans:hash>)/, '$10123456789abcdef0123456789abcdef$2');
  if (wrong === text) throw new Error('no hash to replace');
  return Buffer.from(wrong, 'latin1');
}

/**
 * A ds:Signature after the epílogo (outside the hash): the compiled engine defers the document to libxml2,
 * which parses it too. `payload` goes into ds:Object (any content, lax), so any shape can take that path.
 */
function signed(lote, payload = '') {
  const sig =
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>' +
    '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>' +
    '<ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>' +
    '<ds:Reference URI=""><ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><ds:DigestValue>AAAA</ds:DigestValue></ds:Reference>' +
    `</ds:SignedInfo><ds:SignatureValue>AAAA</ds:SignatureValue>${payload ? `<ds:Object>${payload}</ds:Object>` : ''}</ds:Signature>\n`;
  const text = lote.toString('latin1');
  const at = text.indexOf('</ans:epilogo>') + '</ans:epilogo>'.length;
  return Buffer.from(`${text.slice(0, at)}\n${sig}${text.slice(at + 1)}`, 'latin1');
}

/** A small valid lote (its hash fixed) whose ds:Signature carries `payload`. */
function signedEnvelope(payload) {
  const base = Buffer.from(fixHash(readFileSync(join(ROOT, 'samples', 'valid', 'lote-consulta.xml'))).fixed);
  return signed(base, payload);
}

/** procs per guia for a lote of about `mb` MB (100 guias, ~84 KB per procedure and 100 guias). */
const procsFor = (mb) => Math.max(1, Math.round((mb * MB) / 88_200));

/**
 * The shapes measured. Variants of one shape (a lote with a right or wrong hash, signed or not) share a
 * `group`: the fit takes the costliest of them, since the estimate cannot tell them apart.
 */
function shapes() {
  const list = [];
  const add = (name, make, extra = {}) => list.push({ name, make, fit: true, group: name, ...extra });
  for (const mb of [1, 5, 20, 50, 80]) add(`elementos mínimos <ans:x>1</ans:x>, ${mb} MB`, () => tinyElements(mb * MB));
  for (const mb of [1, 5, 20, 50]) add(`elementos mínimos, um por linha, ${mb} MB`, () => tinyLines(mb * MB));
  for (const mb of [1, 5, 10, 20, 30]) add(`<x/> em série, ${mb} MB`, () => emptyElements(mb * MB));
  for (const mb of [1, 5, 20, 50]) add(`5 atributos por elemento, ${mb} MB`, () => attributeHeavy(mb * MB));
  for (const mb of [2, 20, 80, 150]) add(`textos longos (4 KB), ${mb} MB`, () => longTexts(mb * MB));
  for (const mb of [1, 10, 30, 60]) add(`namespaces em todo elemento, ${mb} MB`, () => namespaceHeavy(mb * MB));
  // 100 guias of 1 and 10 procedures (0.4 and 1.2 MB, the size of most real lotes), then ~5 to ~145 MB.
  for (const procs of [1, 10, ...[5, 20, 50, 80, 145].map(procsFor)]) {
    const group = `lote SP/SADT ${procs} proc./guia`;
    add(`${group}, hash certo`, () => spsadtLote(procs), { group });
    add(`${group}, hash errado`, () => wrongHash(spsadtLote(procs)), { group });
    add(`${group}, ds:Signature, hash certo`, () => signed(spsadtLote(procs)), { group });
    add(`${group}, ds:Signature, hash errado`, () => wrongHash(signed(spsadtLote(procs))), { group });
  }
  const tiny = '<ans:x>1</ans:x>';
  for (const mb of [20, 50]) add(`elementos mínimos dentro de ds:Signature, ${mb} MB`, () => signedEnvelope(tiny.repeat(Math.floor((mb * MB) / tiny.length))));
  add('lote com 10.000 achados (fora do modelo)', manyFindingsLote, { fit: false });
  add('8.000 erros numa só guia (fora do modelo)', oneGuiaErrors, { fit: false });
  return ONLY ? list.filter((s) => ONLY.test(s.name)) : list;
}

/** Peak RSS (MB) of one fresh `tiss validate`, its exit status and first finding code. */
function measure(file, engine, dir) {
  let best = null;
  for (let i = 0; i < RUNS; i++) {
    const outFile = join(dir, 'out.json');
    const fd = openSync(outFile, 'w');
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, TISS, 'validate', '--format', 'json', '--engine', engine, '--max-memory', '20GB', '--max-size', '1GB', file], {
      stdio: ['ignore', fd, 'pipe'],
      encoding: 'utf8',
    });
    closeSync(fd);
    const kb = Number(r.stderr.trim().split('\n').pop());
    const out = readFileSync(outFile, 'utf8');
    const codes = [...out.matchAll(/"code": "(TISS-[A-Z0-9-]+)"/g)].map((m) => m[1]);
    const run = { engine, peak: kb / 1024, status: r.status, code: codes[0] ?? null, findings: codes.length, engineUsed: /"engine": "(\w+)"/.exec(out)?.[1] ?? null };
    if (!Number.isFinite(run.peak)) throw new Error(`${engine} ${file}: no peak from GNU time\n${r.stderr.slice(0, 2000)}`);
    // Not a verdict (exit 2, a crash): shown, and the shape is left out of the fit.
    if (r.status !== 0 && r.status !== 1) run.failed = `saída ${r.status}: ${r.stderr.trim().split('\n').slice(-3, -1).join(' ').slice(0, 200)}`;
    if (!best || run.peak > best.peak) best = run;
  }
  return best;
}

/** Solves the square system A x = b (Gaussian elimination, partial pivoting); null when singular. */
function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    if (Math.abs(M[c][c]) < 1e-9) return null;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[n] / row[i]);
}

const TERMS = ['base', 'perByte', 'perElement', 'perText', 'perAttribute'];
const featuresOf = (s) => [1, s.bytes, s.elements, s.texts, s.attributes];

/**
 * The constants (all ≥ 0) that minimise the sum of estimate/peak over the shapes while every estimate is at
 * least MARGIN × its peak: a linear program of five unknowns, solved by trying every vertex (five of the
 * constraints met with equality; a few hundred thousand 5×5 systems, about a second).
 */
function fit(rows) {
  const n = TERMS.length;
  // Each row divided by its peak (the constraint is then f·c ≥ MARGIN), each column by its largest value.
  const raw = rows.map((r) => featuresOf(r.shape).map((f) => f / r.peak));
  const norm = TERMS.map((_, j) => Math.max(...raw.map((x) => x[j])) || 1);
  const F = raw.map((x) => x.map((v, j) => v / norm[j]));
  const constraints = [...F.map((x) => ({ a: x, b: MARGIN })), ...TERMS.map((_, j) => ({ a: TERMS.map((_, k) => (k === j ? 1 : 0)), b: 0 }))];
  const objective = TERMS.map((_, j) => F.reduce((sum, x) => sum + x[j], 0));
  let best = null;
  const pick = [];
  const visit = (from) => {
    if (pick.length === n) {
      const c = solve(
        pick.map((i) => constraints[i].a),
        pick.map((i) => constraints[i].b),
      );
      if (!c || c.some((v) => v < -1e-12) || F.some((x) => x.reduce((sum, v, j) => sum + v * c[j], 0) < MARGIN * (1 - 1e-9))) return;
      const value = objective.reduce((sum, w, j) => sum + w * c[j], 0);
      if (!best || value < best.value) best = { value, c };
      return;
    }
    for (let i = from; i < constraints.length; i++) {
      pick.push(i);
      visit(i + 1);
      pick.pop();
    }
  };
  visit(0);
  if (!best) throw new Error('no constants cover every shape');
  return best.c.map((v, j) => Math.max(0, v) / norm[j]);
}

const predict = (coef, s) => featuresOf(s).reduce((sum, f, j) => sum + f * coef[j], 0);

/** Two significant digits, up (the base in whole MiB). */
function roundUp(x, j) {
  if (j === 0) return Math.ceil(x / MB) * MB;
  if (x <= 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.ceil(x / step - 1e-9) * step).toPrecision(2));
}

const RECORD = join(ROOT, 'bench', 'budget-calibration.json');

/** Measures every shape in a fresh temp folder (removed at the end; a run stopped midway leaves it). */
function measureAll() {
  const dir = mkdtempSync(join(tmpdir(), 'tiss-calibrate-'));
  const rows = [];
  try {
    for (const s of shapes()) {
      const bytes = s.make();
      const file = join(dir, 'shape.xml');
      writeFileSync(file, bytes);
      const shape = shapeOf(bytes);
      const peaks = {};
      for (const engine of ENGINES) peaks[engine] = measure(file, engine, dir);
      rows.push({ name: s.name, group: s.group, fit: s.fit && !ENGINES.some((e) => peaks[e].failed), shape, peaks });
      process.stderr.write(`${s.name}: ${(shape.bytes / MB).toFixed(1)} MB, ${ENGINES.map((e) => `${e} ${Math.round(peaks[e].peak)} MB (${outcomeOf(peaks[e])})`).join(', ')}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The outcome of a run: its first finding code (or ok), the engine that gave the XSD verdict when it deferred, a failure. */
function outcomeOf(run) {
  if (run.failed) return run.failed;
  return `${run.code ?? 'ok'}${run.engineUsed && run.engineUsed !== run.engine ? `, ${run.engineUsed}` : ''}`;
}

/** The rows recorded by an earlier --write (for --refit: fit again without measuring). */
function recordedRows() {
  const record = JSON.parse(readFileSync(RECORD, 'utf8'));
  return record.shapes.map((r) => ({
    name: r.name,
    group: r.group,
    fit: r.fit,
    shape: { bytes: r.bytes, elements: r.elements, attributes: r.attributes, texts: r.texts },
    peaks: Object.fromEntries(ENGINES.map((e) => [e, { engine: e, peak: r.peakMb[e], code: r.outcome[e].code, engineUsed: r.outcome[e].engine, failed: r.outcome[e].failed }])),
  }));
}

const rows = argv.includes('--refit') ? recordedRows() : measureAll();
for (const r of rows) {
  r.peak = Math.max(...ENGINES.map((e) => r.peaks[e].peak)) * MB;
  r.now = estimatePeak(r.shape);
}

// One row per group: its costliest variant. The fit, then each constant rounded up (which only adds).
const costliest = new Map();
for (const r of rows.filter((x) => x.fit)) if (!costliest.has(r.group) || r.peak > costliest.get(r.group).peak) costliest.set(r.group, r);
const fitted = [...costliest.values()];
const raw = fit(fitted);
const coef = raw.map((c, j) => roundUp(c, j));
const cost = Object.fromEntries(TERMS.map((t, j) => [t, coef[j]]));
const mb = (n) => `${Math.round(n / MB)}`;
const lines = [
  '| forma | tamanho | elementos | pico compiled | pico libxml2 | estimativa (COST atual) | estimativa (COST ajustado) | ajustada / pico |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => {
    const est = predict(coef, r.shape);
    const p = (e) => {
      const o = outcomeOf(r.peaks[e]);
      return `${Math.round(r.peaks[e].peak)} MB${r.peaks[e].failed || o.includes(', ') ? ` (${r.peaks[e].failed ?? r.peaks[e].engineUsed})` : ''}`;
    };
    return `| ${r.name} | ${(r.shape.bytes / MB).toFixed(1)} MB | ${r.shape.elements.toLocaleString('en-US')} | ${p('compiled')} | ${p('libxml2')} | ${mb(r.now)} MB | ${mb(est)} MB | ${(est / r.peak).toFixed(2)}${r.fit ? '' : ' (fora do ajuste)'} |`;
  }),
];
const show = (c) => `{ base: ${c.base / MB} MiB, perByte: ${c.perByte}, perElement: ${c.perElement}, perText: ${c.perText}, perAttribute: ${c.perAttribute} }`;
const ratios = (f) => fitted.map((r) => f(r) / r.peak);
process.stdout.write(`${lines.join('\n')}\n\n`);
process.stdout.write(`fit (before rounding): ${TERMS.map((t, j) => `${t} ${j === 0 ? `${(raw[j] / MB).toFixed(1)} MiB` : raw[j].toFixed(2)}`).join(', ')}\n`);
process.stdout.write(`COST now:    ${show(COST)}\nCOST fitted: ${show(cost)}\n`);
if (fitted.length < 3 * TERMS.length) process.stdout.write(`(only ${fitted.length} shapes: too few for the fitted COST to mean anything)\n`);
for (const [label, f] of [['fitted', (r) => predict(coef, r.shape)], ['now', (r) => r.now]]) {
  const q = ratios(f);
  process.stdout.write(`estimate/peak over the ${fitted.length} shapes, COST ${label}: min ${Math.min(...q).toFixed(3)}, mean ${(q.reduce((a, b) => a + b, 0) / q.length).toFixed(3)}, max ${Math.max(...q).toFixed(3)}\n`);
}

if (WRITE) {
  const record = {
    note: 'Written by `node bench/calibrate-budget.js --write`: peak RSS (MB) of a fresh `tiss validate --format json` per shape and engine. test/budget.test.ts checks that COST (src/xml/budget.ts) keeps every fitted estimate at least `margin` times its costliest peak.',
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    runs: RUNS,
    margin: MARGIN,
    fitted: cost,
    shapes: rows.map((r) => ({
      name: r.name,
      group: r.group,
      fit: r.fit,
      ...r.shape,
      peakMb: Object.fromEntries(ENGINES.map((e) => [e, Math.round(r.peaks[e].peak)])),
      outcome: Object.fromEntries(
        ENGINES.map((e) => {
          const run = r.peaks[e];
          return [e, { code: run.code ?? null, ...(run.engineUsed && run.engineUsed !== e ? { engine: run.engineUsed } : {}), ...(run.failed ? { failed: run.failed } : {}) }];
        }),
      ),
    })),
  };
  writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
}
