import type { Severity } from '../findings/finding.js';
import type { MessageInfo } from '../message/kind.js';
import type { TussTable } from '../terminology/tuss22.js';
import type { XNode } from '../xml/tree.js';

/** Where a rule's requirement comes from. */
export interface RuleSource {
  /** The ANS text (Portuguese), quoted as found. */
  text: string;
  /** PRIMARY: announced by the ANS for 4.00.00 (tiss-4.00.00-mudancas); SECONDARY: vendor transcription of the ANS legends; CHECK: a consistency check every faturista expects (check digits, sums, dates). */
  origin: 'PRIMARY' | 'SECONDARY' | 'CHECK';
  /** Document or source id (e.g. `ANS — TISS 4.00.00, mudanças`, `regras-condicionais SADT-06`). */
  reference: string;
}

export interface RuleExample {
  /** Sample file (relative to the project root) the rule passes on, with its condition exercised. */
  pass: string;
  /** Sample file the rule reports on, and the XPath of its first finding there (the line is the sample's: tests and docs find it). */
  fail: string;
  failAt: { xpath: string };
}

export interface RuleMeta<Id extends string = string> {
  /** Stable id, e.g. `TISS-R-CNES-SOLIC-SPSADT`; it is also the finding code. */
  id: string;
  /** Short title in Portuguese. */
  title: string;
  /** Default severity (a profile can change it or turn the rule off). */
  severity: Severity;
  /**
   * Local names of the elements the rule looks at (e.g. `solicitacaoSP-SADT`): `ctx.nodes()` hands it
   * those, and `ctx.all` answers for no other name, so the list is what the rule really reads.
   */
  appliesTo: readonly string[];
  /**
   * Where the rule applies, in Portuguese, for people (`tiss rules`, README), when the element names
   * alone do not say it (paths, conditions); without it they show `appliesTo`.
   */
  scope?: readonly string[];
  /**
   * The standard versions (as a message declares them: `4.01.00`, `1.06.00`) this rule was audited for
   * and holds on (rules/versions.ts); the engine does not run it on others.
   */
  versions: readonly string[];
  /**
   * An installed terminology table the rule checks codes against (`tiss tabelas install`): without it the
   * rule is silent, and `tiss rules` says so.
   */
  requires?: 'tabela22';
  /** What the rule checks, in Portuguese (for `tiss rules <id>`). */
  description: string;
  source: RuleSource;
  examples: RuleExample;
  /**
   * Every text the rule can report, in Portuguese, by message id (as ESLint's `meta.messages`):
   * `{{name}}` is filled from the `args` of `ctx.report`. A variant of a sentence (singular/plural, a
   * clause only some findings have) is a message of its own; a placeholder holds a value or a fragment
   * the rule computes (a list, a guia's description), never a piece of grammar.
   */
  messages: Readonly<Record<Id, string>>;
  /** How to correct each message, by the same id, in Portuguese; it may use the message's placeholders. */
  fixes: Readonly<Record<NoInfer<Id>, string>>;
  /**
   * The Tabela 38 (`dm_tipoGlosa`) codes an operadora would send for this rule's findings, when its text
   * fits the condition (README quotes each one). Without it, the rule's entry in rules/glosas.ts, else none.
   */
  glosa?: readonly string[];
}

/** Values for the `{{placeholders}}` of a message and its fix: exactly the names they use. */
export type ReportArgs = Readonly<Record<string, string | number>>;

export interface ReportOptions {
  /** The placeholders of the message and of its fix (the engine throws on a missing or an unused one). */
  args?: ReportArgs;
  /** The finding's machine-readable `data` (JSON), as is. */
  data?: Record<string, unknown>;
  /** Tabela 38 codes for this finding, when they depend on what was found (default: the rule's). */
  glosa?: readonly string[];
  /**
   * A severity for this finding other than `meta.severity`, when the rule's condition is expected in some
   * cases (e.g. info for urgência); a profile's setting for the rule still wins.
   */
  severity?: Severity;
}

/**
 * What the engine hands a rule: the message, fast lookups over it, and `report`. A rule reads and
 * reports; it never throws on a missing part (the helpers return undefined/empty instead).
 */
export interface RuleContext<Id extends string = string> {
  message: MessageInfo;
  /** All elements with this local name inside the message, in document order; the name must be in `meta.appliesTo`. */
  all(local: string): readonly XNode[];
  /** Every element named in `meta.appliesTo`: name by name in that order, each in document order. */
  nodes(): readonly XNode[];
  /** Reference date for "not in the future" checks (YYYY-MM-DD). */
  today: string;
  /** The version the message is checked for (its declared one, else the schema's), or null. */
  version: string | null;
  /**
   * The installed Tabela 22 (TUSS procedimentos), read on first call and cached per process; null when
   * none is installed. For rules whose `meta.requires` is `tabela22`.
   */
  tabela22(): TussTable | null;
  /** Reports the message `messageId` of `meta.messages` (with its fix) at `node`. */
  report(node: XNode, messageId: Id, options?: ReportOptions): void;
}

export interface Rule<Id extends string = string> {
  meta: RuleMeta<Id>;
  check(ctx: RuleContext<Id>): void;
}

/**
 * Declares a rule: the ids of `meta.messages` type `ctx.report`, so a report of an undeclared message
 * (or a fix missing for one) does not compile.
 */
export function defineRule<const Id extends string>(rule: Rule<Id>): Rule {
  return rule;
}

/** Where the rule applies, for people: `meta.scope`, else the element names of `meta.appliesTo`. */
export function scopeOf(meta: RuleMeta): readonly string[] {
  return meta.scope ?? [meta.appliesTo.join(', ')];
}

export type RuleSetting = 'off' | Severity;
/** Per-rule overrides: `{ "TISS-R-TIPO-CONSULTA": "warning", "TISS-R-CNS-DV": "off" }`. */
export type RuleConfig = Record<string, RuleSetting>;
