import type { ValidationResult } from '../validate/index.js';

/** The counts of a run, for the last lines of every format. */
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

/** A file that could not be read at all (missing, no permission, not a file): no result, only a reason. */
export interface Unreadable {
  file: string;
  reason: string;
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

export function totalsOf(results: readonly ValidationResult[], unreadable: readonly Unreadable[]): Totals {
  const t = emptyTotals();
  for (const r of results) addResult(t, r);
  t.unreadable = unreadable.length;
  t.files += t.unreadable;
  return t;
}
