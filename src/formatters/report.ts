import { totalsOf } from './totals.js';
import type { FormatterFactory, FormatterOptions, Report } from './types.js';

/** The whole output of a formatter for a finished report (the service, tests, library callers). */
export function formatReport(factory: FormatterFactory, report: Report, options: Omit<FormatterOptions, 'tool'>): string {
  const f = factory({ ...options, tool: report.tool });
  return f.begin() + report.results.map((r) => f.file(r)).join('') + f.end(totalsOf(report.results, report.unreadable), report.unreadable);
}
