import type { Finding } from '../../findings/finding.js';

/** The findings a formatter shows: all, or only errors with --quiet. */
export function shownFindings(findings: Finding[], quiet: boolean): Finding[] {
  return quiet ? findings.filter((f) => f.severity === 'error') : findings;
}
