/**
 * The one shape every problem takes, wherever it comes from (encoding, XML, XSD, hash, rules).
 * Every field is always present (null when it does not apply), so any consumer can format any finding.
 */
export type Severity = 'error' | 'warning' | 'info';

export type FindingSource = 'input' | 'encoding' | 'xml' | 'message' | 'xsd' | 'hash' | 'rule' | 'profile' | 'generator' | 'internal';

export interface Finding {
  /** Stable code, e.g. `TISS-XSD-ENUMERATION`. Documented in README; never reused for another meaning. */
  code: string;
  severity: Severity;
  /** Message in Portuguese, written for a faturista. */
  message: string;
  /** Path of the file as given by the user, or `<stdin>`. */
  file: string;
  /** 1-based line, or null when the problem concerns the whole file. */
  line: number | null;
  /** 1-based column, or null when unknown (libxml2 gives no column for XSD errors). */
  column: number | null;
  /** Where in the message, with positions: `/mensagemTISS/.../guiaSP-SADT[3]/...`. */
  xpath: string | null;
  /**
   * Only on findings of `generate`: where in the generator's input (JSON/YAML), as a JSON path
   * (`guias[2].procedimentosExecutados[0].valorTotal`). Absent on findings of a message that was read.
   */
  path?: string;
  /** `numeroGuiaPrestador` of the guia the problem is in, when it is inside a guia. */
  guia: string | null;
  /** Where the requirement comes from: XSD type, ANS text, etc. */
  source: FindingSource;
  /** Human reference of the requirement (e.g. `XSD tissSimpleTypesV4_00_00.xsd: dm_tabela`). */
  reference: string | null;
  /** How to fix it, in Portuguese, when we can tell. */
  fix: string | null;
  /** Raw text of the underlying tool (libxml2), for experts. */
  detail: string | null;
  /** Machine-readable extras (expected values, computed digest, ...). */
  data: Record<string, unknown> | null;
  /**
   * The Tabela 38 (`dm_tipoGlosa`) codes an operadora would most likely send back in the demonstrativo for
   * this problem ("glosa provável"), e.g. `["5014"]` for a wrong hash; empty when no code of the table fits.
   */
  glosa: string[];
}
