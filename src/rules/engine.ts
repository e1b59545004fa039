import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { where } from '../message/where.js';
import type { XNode } from '../xml/tree.js';
import { RULES } from './catalog.js';
import { renderReport } from './messages.js';
import { ruleGlosa } from './glosas.js';
import type { Rule, RuleConfig, RuleContext } from './types.js';
import type { TussTable } from '../terminology/tuss22.js';

export interface RunRulesOptions {
  config?: RuleConfig;
  /** Elements by local name, when the caller already has them (the located tree builds this index). */
  index?: Map<string, XNode[]>;
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

/** Every element of the message by local name, in document order (one pass). */
function indexByName(root: XNode): Map<string, XNode[]> {
  const index = new Map<string, XNode[]>();
  const stack: XNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let list = index.get(node.local);
    if (!list) index.set(node.local, (list = []));
    list.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return index;
}

/** Each rule's meta.appliesTo as a set, made once (a rule's meta never changes). */
const appliesTo = new WeakMap<Rule, ReadonlySet<string>>();
function appliesToOf(rule: Rule): ReadonlySet<string> {
  let set = appliesTo.get(rule);
  if (!set) appliesTo.set(rule, (set = new Set(rule.meta.appliesTo)));
  return set;
}

/**
 * Runs every enabled rule of the catalogue over one message. The engine never names a rule: it
 * hands each one a context, and a rule that throws becomes a TISS-INTERNAL finding naming it, so the
 * other rules (and files) still run.
 */
export function runRules(message: MessageInfo, out: FindingCollector, options: RunRulesOptions = {}, rules: readonly Rule[] = RULES): number {
  const index = options.index ?? indexByName(message.element);
  const today = options.today ?? localToday();
  const exists = options.glosaExists ?? ((): boolean => true);
  const tabela22 = options.tabela22 ?? ((): null => null);
  let ran = 0;
  // What is set up per rule is set up per file too: only what a rule needs to report is made here, the rest
  // once per rule (appliesTo as a set) or when the rule reports (its glosa codes); a folder of small
  // messages spent a fifth of the rules' time on this.
  for (const rule of rules) {
    const configured = options.config?.[rule.meta.id];
    const setting = configured ?? rule.meta.severity;
    if (setting === 'off') continue;
    if (options.version && !rule.meta.versions.includes(options.version)) continue;
    const declared = appliesToOf(rule);
    const all = (local: string): readonly XNode[] => {
      if (!declared.has(local)) throw new Error(`<${local}> não está em meta.appliesTo`);
      return index.get(local) ?? [];
    };
    let glosa: string[] | undefined;
    const ctx: RuleContext = {
      message,
      today,
      version: options.version ?? null,
      all,
      nodes: () => rule.meta.appliesTo.flatMap(all),
      // Read on the rule's first call (the injected loader caches: once per process and folder).
      tabela22,
      report(node, messageId, extra) {
        const { message: text, fix } = renderReport(rule.meta.messages, rule.meta.fixes, messageId, extra?.args);
        out.reportRule(rule.meta.id, configured === undefined ? (extra?.severity ?? setting) : setting, {
          message: text,
          ...where(node),
          reference: `${rule.meta.source.reference}: "${rule.meta.source.text}"`,
          fix,
          data: extra?.data ?? null,
          glosa: extra?.glosa ? extra.glosa.filter(exists) : (glosa ??= ruleGlosa(rule.meta).filter(exists)),
        });
      },
    };
    try {
      rule.check(ctx);
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
