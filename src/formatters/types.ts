import type { ValidationResult } from '../validate.js';

/** Everything a formatter may show. The core never knows which formatter runs. */
export interface Report {
  tool: { name: string; version: string };
  results: ValidationResult[];
  /** Files that could not be read at all (exit 2), with the reason. */
  unreadable: { file: string; reason: string }[];
}

export interface FormatterOptions {
  /** Only findings of severity error. */
  quiet: boolean;
  color: boolean;
  /** Source text of a file, for code frames; null when not available. */
  source: (result: ValidationResult) => string | null;
}

export type Formatter = (report: Report, options: FormatterOptions) => string;
