import type { Formatter } from './types.js';
import { totals, visible } from './utils/summary.js';

/**
 * Machine report, shape version 1 (documented in README, "Saída JSON"). Fields are only ever added
 * within a version; a change of meaning bumps `schemaVersion`.
 */
export const JSON_SCHEMA_VERSION = 1;

export const json: Formatter = (report, options) => {
  const t = totals(report);
  const body = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: report.tool,
    summary: t,
    files: report.results.map((r) => ({
      file: r.file,
      valid: r.valid,
      counts: r.counts,
      encoding: r.encoding,
      message: r.message,
      schema: r.schema,
      hash: r.hash,
      findings: visible(r.findings, options.quiet),
    })),
    unreadable: report.unreadable,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};
