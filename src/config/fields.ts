import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { where } from '../message/where.js';
import type { FieldCheck } from './schema.js';
import { quoted } from '../findings/quote.js';
import { compilePattern } from './pattern.js';

/** Applies a profile's per-field formats (carteira, senha, código do prestador…) to the message. */
export function checkFields(message: MessageInfo, fields: Record<string, FieldCheck>, profile: string | null, out: FindingCollector): void {
  const entries = Object.entries(fields);
  if (entries.length === 0) return;
  const compiled = new Map(entries.map(([name, check]) => [name, { check, re: compilePattern(check.pattern) }]));
  // Element numbers are in document order, and an element's descendants follow it until its end tag: the
  // message's elements are a range of numbers, read with no object made for the fields that pass.
  const t = message.element.table;
  const end = t.endOf[message.element.id]!;
  for (let id = message.element.id; id < t.count && t.startOf[id]! < end; id++) {
    const c = compiled.get(t.qname(id).local);
    if (!c || t.firstChildOf[id]! >= 0) continue;
    const text = t.leafText(id);
    const value = text.trim();
    if (c.re.test(value)) continue;
    const node = t.node(id);
    out.report('TISS-PERFIL-CAMPO', {
      severity: c.check.severity,
      message: `O valor ${quoted(text)} de <${node.local}> não está no formato exigido${profile ? ` pelo perfil "${profile}"` : ' pela configuração'}: ${c.check.message ?? `padrão ${c.check.pattern}`}.`,
      ...where(node),
      reference: `tiss.config.json${profile ? ` — perfil ${profile}` : ' — defaults'}: fields.${node.local}`,
      fix: c.check.message ? `Ajuste o valor: ${c.check.message}.` : `Ajuste o valor ao padrão ${c.check.pattern}.`,
      data: { value, pattern: c.check.pattern, profile },
    });
  }
}
