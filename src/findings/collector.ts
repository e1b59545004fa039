import { CODES, type FindingCode } from './catalog.js';
import type { Finding, Severity } from './finding.js';

/**
 * What a stage hands the collector: the message and what it knows; `glosa` overrides the code's default
 * (the catalogue's), for a finding whose Tabela 38 code depends on the field (a CPF, a carteira…).
 */
export type ReportInit = Omit<Partial<Finding>, 'code' | 'file' | 'glosa'> & { message: string; glosa?: readonly string[] };

/** Collects the findings of one file; every stage of the pipeline reports through it. */
export class FindingCollector {
  readonly findings: Finding[] = [];

  constructor(readonly file: string) {}

  report(code: FindingCode, init: ReportInit): Finding {
    const info = CODES[code];
    const glosa: readonly string[] = init.glosa ?? ('glosa' in info ? info.glosa : []);
    return this.add(code, init.severity ?? info.severity, { source: info.source, ...init, glosa });
  }

  /** A finding whose code is not in the catalogue of CODES: a rule's id. */
  reportRule(ruleId: string, severity: Severity, init: ReportInit): Finding {
    return this.add(ruleId, severity, { source: 'rule', ...init });
  }

  private add(code: string, severity: Severity, init: ReportInit): Finding {
    const finding: Finding = {
      code,
      severity,
      message: init.message,
      file: this.file,
      line: init.line ?? null,
      column: init.column ?? null,
      xpath: init.xpath ?? null,
      ...(init.path !== undefined ? { path: init.path } : {}),
      guia: init.guia ?? null,
      source: init.source ?? 'internal',
      reference: init.reference ?? null,
      fix: init.fix ?? null,
      detail: init.detail ?? null,
      data: init.data ?? null,
      glosa: [...(init.glosa ?? [])],
    };
    this.findings.push(finding);
    return finding;
  }

  has(code: FindingCode): boolean {
    return this.findings.some((f) => f.code === code);
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Document order: by line, then column; findings without a line (whole file) first. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
}
