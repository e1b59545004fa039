import type { ValidationResult } from '../validate.js';
import type { Totals } from './utils/summary.js';

export interface FormatterOptions {
  /** Only findings of severity error. */
  quiet: boolean;
  color: boolean;
  /** Source text of a file, for code frames; null when not available. */
  source: (result: ValidationResult) => string | null;
  tool: { name: string; version: string };
  /** Folder paths in SARIF are made relative to this one. */
  cwd: string;
}

export interface Unreadable {
  file: string;
  reason: string;
}

/**
 * One output format. Reports are written as they go (a run over 10,000 files holds no result longer
 * than needed): `begin` once, `file` for each result in input order, `end` with the totals. Each call
 * returns the text to append. The core never knows which formatter runs.
 */
export interface Formatter {
  begin(): string;
  file(result: ValidationResult): string;
  end(totals: Totals, unreadable: Unreadable[]): string;
}

export type FormatterFactory = (options: FormatterOptions) => Formatter;

/** Everything a run produced, for callers that want a formatter's whole output at once. */
export interface Report {
  tool: { name: string; version: string };
  results: ValidationResult[];
  unreadable: Unreadable[];
}
