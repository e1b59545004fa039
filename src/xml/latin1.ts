import type { FindingCollector } from '../findings/collector.js';
import { guiaNumberOf } from '../message/kind.js';
import { ownText, type XNode, type XTree } from './tree.js';
import { xpathOf } from './xpath.js';
import { excerptAround } from '../findings/quote.js';

const MAX_REPORTED = 20;
// eslint-disable-next-line no-control-regex
const NON_LATIN1 = /[^\u0000-\u00ff]/u;

/**
 * Reports characters that ISO-8859-1 cannot hold (typed in a UTF-8 file or written as `&#8212;`):
 * the operadora cannot read them and the canonical hash cannot be computed over them.
 */
export function reportOutsideLatin1(tree: XTree, out: FindingCollector): number {
  // Fast path: nothing outside Latin-1 in the raw text and no character reference that could make one.
  if (!NON_LATIN1.test(tree.text) && !tree.text.includes('&#')) return 0;
  const root = tree.root;
  let count = 0;
  const visit = (node: XNode): void => {
    const values = [ownText(node), ...Object.values(node.attrs)];
    for (const value of values) {
      const m = NON_LATIN1.exec(value);
      if (!m) continue;
      count++;
      if (count <= MAX_REPORTED) {
        const ch = m[0];
        const cp = ch.codePointAt(0)!;
        out.report('TISS-ENC-OUTSIDE-LATIN1', {
          message: `O caractere "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) em <${node.local}> não existe em ISO-8859-1: a operadora não consegue lê-lo e o hash não pode ser calculado. Texto: "${excerptAround(value, m.index)}".`,
          line: node.line,
          column: node.column,
          xpath: xpathOf(node),
          guia: guiaNumberOf(node),
          reference: 'ANS, Padrão TISS — Componente de Comunicação: mensagens em ISO-8859-1',
          fix: suggestion(ch),
          data: { char: ch, codePoint: cp },
        });
      }
    }
    for (const c of node.children) visit(c);
  };
  visit(root);
  if (count > MAX_REPORTED) {
    const last = out.findings[out.findings.length - 1];
    if (last) last.message += ` (e mais ${count - MAX_REPORTED} ocorrência(s) no arquivo)`;
  }
  return count;
}

const REPLACEMENTS: Record<string, string> = {
  '\u2013': '-', '\u2014': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2026': '...', '\u20ac': 'EUR', '\u2022': '-',
};

function suggestion(ch: string): string {
  const r = REPLACEMENTS[ch];
  return r ? `Troque "${ch}" por "${r}".` : `Remova "${ch}" ou troque-o por um caractere ISO-8859-1.`;
}
