// What every bench file measures the same way: one timed run of a command, the peak RSS of one run
// (GNU time), and how a time is printed.
import { spawnSync } from 'node:child_process';

/** One run: wall time and exit status. */
export function once(cmd, args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stderr: r.stderr };
}

/** Peak RSS of one run, in MB (NaN when GNU time could not tell). */
export function peakRssMb(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : NaN;
}

export const fmt = (ms) => (ms === undefined || Number.isNaN(ms) ? 'n/d' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
