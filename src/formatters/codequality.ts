import { createHash } from 'node:crypto';
import type { Finding } from '../findings/finding.js';
import type { FormatterFactory } from './types.js';
import { shownFindings } from './utils/shown.js';

/**
 * GitLab's Code Quality report (`artifacts:reports:codequality`): a JSON array of issues with
 * `description`, `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`
 * (the fields GitLab documents as required). The fingerprint is stable across runs and across edits
 * elsewhere in the file: file, code, XPath (and a generator input's path) and message, not the line. An unreadable file is one issue.
 */
const SEVERITY: Record<Finding['severity'], string> = { error: 'major', warning: 'minor', info: 'info' };

const fingerprint = (...parts: (string | null)[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

export const codequality: FormatterFactory = (options) => {
  let count = 0;
  const issue = (o: object): string => `${count++ === 0 ? '\n' : ',\n'}  ${JSON.stringify(o)}`;
  return {
    begin: () => '[',
    file(r) {
      return shownFindings(r.findings, options.quiet)
        .map((f) =>
          issue({
            type: 'issue',
            description: `${f.code}: ${f.message}${f.glosa.length ? ` (glosa provável: ${f.glosa.join(', ')})` : ''}`,
            check_name: f.code,
            // The input's path only when there is one, so that every other finding keeps its fingerprint.
            fingerprint: fingerprint(r.file, f.code, f.xpath, f.message, ...(f.path ? [f.path] : [])),
            severity: SEVERITY[f.severity],
            location: { path: r.file, lines: { begin: f.line ?? 1 } },
          }),
        )
        .join('');
    },
    end(_totals, unreadable) {
      const tail = unreadable.map((u) => issue({ type: 'issue', description: `Arquivo ilegível: ${u.reason}`, check_name: 'TISS-INPUT-UNREADABLE', fingerprint: fingerprint(u.file, 'TISS-INPUT-UNREADABLE'), severity: 'critical', location: { path: u.file, lines: { begin: 1 } } })).join('');
      return `${tail}${count > 0 ? '\n' : ''}]\n`;
    },
  };
};
