import { CODES } from './findings/catalog.js';
import type { Severity } from './findings/finding.js';
import { RULES } from './rules/catalog.js';
import { scopeOf } from './rules/types.js';
import { ruleGlosa } from './rules/glosas.js';
import { tables } from './tables/index.js';

/**
 * One code the tool can report, described the same way whether the engine or a conditional rule emits
 * it: what formats that list the codes (SARIF's rules) are handed, so that they never read the catalogues.
 */
export interface CodeDescriptor {
  id: string;
  /** Short title in Portuguese. */
  title: string;
  /** Longer text in Portuguese (a rule's description; an engine code's title). */
  description: string;
  severity: Severity;
  /** Where it comes from: the engine stage (`xsd`, `hash`…) or the rule's origin (`ANS`, `operadora`…). */
  origin: string;
  /** For a conditional rule: the ANS text it comes from and where. */
  rule?: { reference: string; text: string; appliesTo: readonly string[] };
  /** The Tabela 38 codes its findings get by default (a finding may carry a more precise one). */
  glosa?: readonly string[];
}

let cached: readonly CodeDescriptor[] | undefined;

/** Every finding code: the engine's catalogue, then the conditional rules, in their catalogue order. */
export function codeDescriptors(): readonly CodeDescriptor[] {
  cached ??= [
    ...Object.entries(CODES).map(([id, info]): CodeDescriptor => ({ id, title: info.title, description: info.title, severity: info.severity, origin: info.source, glosa: 'glosa' in info ? info.glosa : [] })),
    ...RULES.map((r): CodeDescriptor => ({
      id: r.meta.id,
      title: r.meta.title,
      description: r.meta.description,
      severity: r.meta.severity,
      origin: r.meta.source.origin,
      rule: { reference: r.meta.source.reference, text: r.meta.source.text, appliesTo: scopeOf(r.meta) },
      glosa: ruleGlosa(r.meta),
    })),
  ];
  return cached;
}

/**
 * The text of a Tabela 38 (`dm_tipoGlosa`) code, as the ANS writes it (`5014` → `CÓDIGO HASH INVÁLIDO.
 * MENSAGEM PODE ESTAR CORROMPIDA.`), or null for a code the table lacks. What formatters are handed
 * (FormatterOptions.glosaText) to show a finding's glosa in words.
 */
export function glosaText(code: string): string | null {
  // Indexed once: a formatter asks for every finding (10,000 findings were as many scans of the ~600 codes).
  if (glosaTexts === undefined) {
    try {
      glosaTexts = new Map(tables.get(38).codes.map((c) => [c.code, c.description?.trim() || null]));
    } catch {
      // The tables disagree with the installed XSDs (a TissError elsewhere says so): the code alone is shown.
      glosaTexts = new Map();
    }
  }
  return glosaTexts.get(code) ?? null;
}

let glosaTexts: Map<string, string | null> | undefined;
