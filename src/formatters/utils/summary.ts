import type { Finding } from '../../findings/finding.js';
import type { ValidationResult } from '../../validate.js';
import type { FormatterFactory, FormatterOptions, Report } from '../types.js';

export interface Totals {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Files that declare a version no installed schema accepts (not checked against any XSD). */
  unsupportedVersion: number;
}

export function emptyTotals(): Totals {
  return { files: 0, valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0, infos: 0, unsupportedVersion: 0 };
}

export function addResult(t: Totals, r: ValidationResult): void {
  t.files++;
  if (r.valid) t.valid++;
  else t.invalid++;
  t.errors += r.counts.error;
  t.warnings += r.counts.warning;
  t.infos += r.counts.info;
  if (r.status === 'unsupported-version') t.unsupportedVersion++;
}

export function totals(report: Report): Totals {
  const t = emptyTotals();
  for (const r of report.results) addResult(t, r);
  t.unreadable = report.unreadable.length;
  t.files += t.unreadable;
  return t;
}

/** The whole output of a formatter for a finished report (tests, library callers). */
export function formatReport(factory: FormatterFactory, report: Report, options: Omit<FormatterOptions, 'tool'>): string {
  const f = factory({ ...options, tool: report.tool });
  return f.begin() + report.results.map((r) => f.file(r)).join('') + f.end(totals(report), report.unreadable);
}

/** The findings a formatter shows: all, or only errors with --quiet. */
export function shownFindings(findings: Finding[], quiet: boolean): Finding[] {
  return quiet ? findings.filter((f) => f.severity === 'error') : findings;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
