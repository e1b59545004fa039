import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { where } from '../message/where.js';
import { ownText, type XNode } from '../xml/tree.js';
import type { FieldCheck } from './schema.js';
import { quoted } from '../findings/quote.js';
import { compilePattern } from './pattern.js';

/** Applies a profile's per-field formats (carteira, senha, código do prestador…) to the message. */
export function checkFields(message: MessageInfo, fields: Record<string, FieldCheck>, profile: string | null, out: FindingCollector): void {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  const compiled = new Map(entries.map(([name, check]) => [name, { check, re: compilePattern(check.pattern) }]));
  const stack: XNode[] = [message.element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    const c = compiled.get(node.local);
    if (!c || node.children.length > 0) continue;
    const value = ownText(node).trim();
    if (c.re.test(value)) continue;
    out.report('TISS-PERFIL-CAMPO', {
      severity: c.check.severity,
      message: `O valor ${quoted(ownText(node))} de <${node.local}> não está no formato exigido${profile ? ` pelo perfil "${profile}"` : ' pela configuração'}: ${c.check.message ?? `padrão ${c.check.pattern}`}.`,
      ...where(node),
      reference: `tiss.config.json${profile ? ` — perfil ${profile}` : ' — defaults'}: fields.${node.local}`,
      fix: c.check.message ? `Ajuste o valor: ${c.check.message}.` : `Ajuste o valor ao padrão ${c.check.pattern}.`,
      data: { value, pattern: c.check.pattern, profile },
    });
  }
}
