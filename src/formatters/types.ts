import type { CodeDescriptor } from '../codes.js';
import type { ValidationResult } from '../validate/index.js';
import type { Totals, Unreadable } from './totals.js';

export type { Totals, Unreadable } from './totals.js';

/** Who made the report: SARIF's tool.driver, JUnit's and JSON's headers. */
export interface ToolInfo {
  name: string;
  version: string;
  /** The project's page (package.json `homepage`), when it has one: SARIF's informationUri and each code's helpUri. */
  informationUri?: string;
}

export interface FormatterOptions {
  /** Only findings of severity error. */
  quiet: boolean;
  color: boolean;
  /** Source text of a file, for code frames; null when not available. */
  source: (result: ValidationResult) => string | null;
  tool: ToolInfo;
  /**
   * Every code the tool can report (engine codes and conditional rules), for formats that describe them
   * (SARIF's rules). Handed in by the caller, so a formatter never imports the catalogues.
   */
  codes: readonly CodeDescriptor[];
  /** Folder paths in SARIF are made relative to this one. */
  cwd: string;
  /**
   * The text of a Tabela 38 glosa code (`codes.ts` glosaText), to show a finding's `glosa` in words; handed
   * in like `codes`. Without it, formats show the codes alone.
   */
  glosaText?: (code: string) => string | null;
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
  tool: ToolInfo;
  results: ValidationResult[];
  unreadable: Unreadable[];
}
