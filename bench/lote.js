// The large SP/SADT lote of the benchmarks, made from samples/valid/lote-sp-sadt.xml: one place, so that
// bench/run.js (the 76 MB peak-memory case) and bench/resources.js (issue 9's cases) measure the same file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixHash } from '../dist/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `07:00:00` plus `i` seconds: each procedure of a guia at its own time, as a real lote has. */
function hora(i) {
  const s = 7 * 3600 + i;
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}

/**
 * A valid SP/SADT lote of 100 guias with `procs` procedures each (totals consistent, hash fixed). Each
 * procedure has its own horaInicial: without it, 1,000 copies of one procedure on one date are the same
 * procedure billed 1,000 times (TISS-R-PROCEDIMENTO-REPETIDO), and the benchmark would measure 99,900 warnings.
 * `edit(guia, index)` may change each guia.
 */
export function spsadtLote(procs, edit = (g) => g) {
  const text = readFileSync(join(ROOT, 'samples', 'valid', 'lote-sp-sadt.xml'), 'latin1');
  const guia = /( *)<ans:guiaSP-SADT>[\s\S]*?<\/ans:guiaSP-SADT>\n/.exec(text)[0];
  const proc = /( *)<ans:procedimentoExecutado>[\s\S]*?<\/ans:procedimentoExecutado>\n/.exec(guia)[0];
  const value = Number(/<ans:valorTotal>([\d.]+)</.exec(proc)[1]);
  const total = (value * procs).toFixed(2);
  const items = Array.from({ length: procs }, (_, i) =>
    proc.replace(/<ans:sequencialItem>\d+</, `<ans:sequencialItem>${i + 1}<`).replace(/(<\/ans:dataExecucao>)/, `$1<ans:horaInicial>${hora(i)}</ans:horaInicial>`),
  ).join('');
  const one = guia
    .replace(/(<ans:procedimentosExecutados>\n)[\s\S]*?(\s*<\/ans:procedimentosExecutados>)/, (_m, a, b) => `${a}${items}${b.replace(/^\n/, '')}`)
    .replace(/\s*<ans:outrasDespesas>[\s\S]*?<\/ans:outrasDespesas>/, '')
    .replace(/<ans:valorTotal>\s*<ans:valorProcedimentos>[\s\S]*?<\/ans:valorTotal>/, `<ans:valorTotal><ans:valorProcedimentos>${total}</ans:valorProcedimentos><ans:valorTotalGeral>${total}</ans:valorTotalGeral></ans:valorTotal>`);
  const guias = Array.from({ length: 100 }, (_, i) => edit(one.replace(/<ans:numeroGuiaPrestador>\d+</, `<ans:numeroGuiaPrestador>${String(900000 + i)}<`), i)).join('');
  const first = text.indexOf('<ans:guiaSP-SADT>');
  const startLine = text.lastIndexOf('\n', first) + 1;
  const end = text.lastIndexOf('</ans:guiaSP-SADT>') + '</ans:guiaSP-SADT>\n'.length;
  // A memory budget far above the default: the calibration (bench/calibrate-budget.js) makes lotes that
  // the budget being calibrated would refuse.
  return Buffer.from(fixHash(Buffer.from(text.slice(0, startLine) + guias + text.slice(end), 'latin1'), { maxMemory: 16 * 1024 ** 3 }).fixed);
}
