import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { where } from '../message/where.js';
import type { NameIndex, XNode } from '../xml/tree.js';
import { RULES } from './catalog.js';
import { renderReport } from './messages.js';
import { ruleGlosa } from './glosas.js';
import type { ReportOptions, Rule, RuleConfig, RuleContext, RuleSetting } from './types.js';
import type { Severity } from '../findings/finding.js';
import type { TussTable } from '../terminology/tuss22.js';

export interface RunRulesOptions {
  config?: RuleConfig;
  /** Elements by local name, when the caller already has them (the located tree builds this index). */
  index?: NameIndex;
  /** YYYY-MM-DD; default: today (local time). */
  today?: string;
  /** The version the message is checked for; rules whose meta.versions lack it do not run. Null: every rule. */
  version?: string | null;
  /**
   * The installed Tabela 22, read on the first call (the caller caches it: validate() reads the store once per
   * process). Injected, so that the rules engine reads no file itself and runs where the page runs; without
   * it, the rules that need the table are silent.
   */
  tabela22?: () => TussTable | null;
  /**
   * Whether the checked version's Tabela 38 has a glosa code: a rule's code it lacks (3167 before 4.01.00)
   * is left out of the finding. Default: every code.
   */
  glosaExists?: (code: string) => boolean;
  /** A rule that throws keeps its stack in the TISS-INTERNAL finding's detail (TISS_DEBUG, for whoever debugs). */
  stackTraces?: boolean;
}

/** Local date as YYYY-MM-DD. */
export function localToday(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Each rule's meta.appliesTo as a set, made once (a rule's meta never changes). */
const appliesTo = new WeakMap<Rule, ReadonlySet<string>>();
function appliesToOf(rule: Rule): ReadonlySet<string> {
  let set = appliesTo.get(rule);
  if (!set) appliesTo.set(rule, (set = new Set(rule.meta.appliesTo)));
  return set;
}

/** What the rules of one file share. */
interface FileRun {
  message: MessageInfo;
  out: FindingCollector;
  index: NameIndex;
  today: string;
  version: string | null;
  exists: (code: string) => boolean;
  tabela22: () => TussTable | null;
}

/**
 * One rule's context on one file: a single object whose methods are shared by all (the closures it replaced,
 * four per rule and file, were a third of the rules' garbage on small messages). Its glosa codes are
 * filtered when the rule first reports.
 */
class Context implements RuleContext {
  private glosa: readonly string[] | undefined;

  constructor(
    private readonly run: FileRun,
    private readonly rule: Rule,
    private readonly declared: ReadonlySet<string>,
    private readonly configured: RuleSetting | undefined,
    private readonly setting: Severity,
  ) {}

  get message(): MessageInfo {
    return this.run.message;
  }

  get today(): string {
    return this.run.today;
  }

  get version(): string | null {
    return this.run.version;
  }

  all(local: string): readonly XNode[] {
    if (!this.declared.has(local)) throw new Error(`<${local}> não está em meta.appliesTo`);
    return this.run.index.get(local) ?? [];
  }

  nodes(): readonly XNode[] {
    const names = this.rule.meta.appliesTo;
    // One name (most rules): its list as all() gives it; several: theirs in that order, in one array.
    if (names.length === 1) return this.all(names[0]!);
    const out: XNode[] = [];
    for (const local of names) for (const node of this.all(local)) out.push(node);
    return out;
  }

  /** Read on the rule's first call (the injected loader caches: once per process and folder). */
  tabela22(): TussTable | null {
    return this.run.tabela22();
  }

  report(node: XNode, messageId: string, extra?: ReportOptions): void {
    const { rule, configured, setting, run } = this;
    const { message: text, fix } = renderReport(rule.meta.messages, rule.meta.fixes, messageId, extra?.args);
    run.out.reportRule(rule.meta.id, configured === undefined ? (extra?.severity ?? setting) : setting, {
      message: text,
      ...where(node),
      reference: `${rule.meta.source.reference}: "${rule.meta.source.text}"`,
      fix,
      data: extra?.data ?? null,
      glosa: extra?.glosa ? extra.glosa.filter(run.exists) : (this.glosa ??= ruleGlosa(rule.meta).filter(run.exists)),
    });
  }
}

/**
 * Runs every enabled rule of the catalogue over one message. The engine never names a rule: it
 * hands each one a context, and a rule that throws becomes a TISS-INTERNAL finding naming it, so the
 * other rules (and files) still run.
 */
export function runRules(message: MessageInfo, out: FindingCollector, options: RunRulesOptions = {}, rules: readonly Rule[] = RULES): number {
  const run: FileRun = {
    message,
    out,
    // The document's own index (the compact tree's, built on the first question), as validate() passes it.
    index: options.index ?? message.element.table.byName,
    today: options.today ?? localToday(),
    version: options.version ?? null,
    exists: options.glosaExists ?? ((): boolean => true),
    tabela22: options.tabela22 ?? ((): null => null),
  };
  let ran = 0;
  // Most runs override no rule: no lookup of each of the 71 ids in an empty object then.
  const config = options.config && Object.keys(options.config).length > 0 ? options.config : undefined;
  for (const rule of rules) {
    const configured = config?.[rule.meta.id];
    const setting = configured ?? rule.meta.severity;
    if (setting === 'off') continue;
    if (options.version && !rule.meta.versions.includes(options.version)) continue;
    try {
      rule.check(new Context(run, rule, appliesToOf(rule), configured, setting));
      ran++;
    } catch (e) {
      out.report('TISS-INTERNAL', {
        message: `A regra ${rule.meta.id} falhou ao conferir esta mensagem (${(e as Error).message}); as demais regras foram aplicadas. Por favor, relate o problema.`,
        detail: options.stackTraces ? ((e as Error).stack ?? null) : null,
      });
    }
  }
  return ran;
}
