import type { FormatterFactory } from './types.js';
import { shownFindings } from './utils/shown.js';

/**
 * Machine report, shape version 1 (README, "JSON output"). Streamed: `files` are written as they are
 * validated; `unreadable` and `summary` come last. Fields are only ever added within a version; a
 * change of meaning bumps `schemaVersion`.
 */
export const JSON_SCHEMA_VERSION = 1;

export const json: FormatterFactory = (options) => {
  let count = 0;
  return {
    begin: () => `{\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n  "tool": ${JSON.stringify(options.tool)},\n  "files": [`,
    file(r) {
      const body = {
        file: r.file,
        valid: r.valid,
        status: r.status,
        counts: r.counts,
        encoding: r.encoding,
        message: r.message,
        schema: r.schema,
        profile: r.profile,
        hash: r.hash,
        findings: shownFindings(r.findings, options.quiet),
      };
      return `${count++ === 0 ? '\n' : ',\n'}${indent(JSON.stringify(body, null, 2), 4)}`;
    },
    end(totals, unreadable) {
      return `${count > 0 ? '\n  ' : ''}],\n  "unreadable": ${indent(JSON.stringify(unreadable, null, 2), 2).trimStart()},\n  "summary": ${JSON.stringify(totals)}\n}\n`;
    },
  };
};

function indent(s: string, n: number): string {
  const pad = ' '.repeat(n);
  return s
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
