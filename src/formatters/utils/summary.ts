import type { Finding } from '../../findings/finding.js';
import type { Report } from '../types.js';

export interface Totals {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function totals(report: Report): Totals {
  const t: Totals = { files: report.results.length + report.unreadable.length, valid: 0, invalid: 0, unreadable: report.unreadable.length, errors: 0, warnings: 0, infos: 0 };
  for (const r of report.results) {
    if (r.valid) t.valid++;
    else t.invalid++;
    t.errors += r.counts.error;
    t.warnings += r.counts.warning;
    t.infos += r.counts.info;
  }
  return t;
}

/** The findings a formatter shows: all, or only errors with --quiet. */
export function visible(findings: Finding[], quiet: boolean): Finding[] {
  return quiet ? findings.filter((f) => f.severity === 'error') : findings;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
