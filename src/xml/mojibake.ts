import type { FindingCollector } from '../findings/collector.js';
import { guiaNumberOf } from '../message/kind.js';
import type { XNode, XTree } from './tree.js';
import { xpathOf } from './xpath.js';
import { cutPoint } from '../findings/quote.js';

const MAX_REPORTED = 20;
/**
 * Two-byte UTF-8 sequences of the ISO-8859-1 letters and signs (U+00A0–U+00FF: "ç" is C3 A7), as they
 * look when the bytes are read as ISO-8859-1 ("Ã§"). Only these: what a Portuguese text written in UTF-8
 * turns into, and a text that could be fixed by writing it in ISO-8859-1. Longer sequences spell
 * characters ISO-8859-1 does not have ("FÄ²" would be "Ĳ"), so reading them as mojibake would flag plain
 * Latin-1 text (found by the generator's property test); their C1 bytes get TISS-ENC-C1-CONTROL anyway.
 */
const UTF8_AS_LATIN1 = /(?:\u00c2[\u00a0-\u00bf]|\u00c3[\u0080-\u00bf])+/g;

/** The text the bytes of `s` (read as ISO-8859-1) spell in UTF-8, or null if they are not UTF-8. */
function asUtf8(s: string): string | null {
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? null : decoded;
}

/**
 * A field written in UTF-8 inside an ISO-8859-1 file ("SimÃµes"): the rest of the file is Latin-1, so
 * the file as a whole is not UTF-8 and the file-level check cannot see it. Found per field, with the
 * text the operadora will read and the text that was most likely meant.
 */
export function reportFieldMojibake(tree: XTree, out: FindingCollector): void {
  UTF8_AS_LATIN1.lastIndex = 0;
  if (!UTF8_AS_LATIN1.test(tree.text)) return;
  let count = 0;
  const stack: XNode[] = [tree.root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    const values = kids.length === 0 ? [node.text, ...Object.values(node.attrs)] : Object.values(node.attrs);
    for (const value of values) {
      UTF8_AS_LATIN1.lastIndex = 0;
      const intended = value.replace(UTF8_AS_LATIN1, (m) => asUtf8(m) ?? m);
      if (intended === value) continue;
      count++;
      if (count > MAX_REPORTED) continue;
      out.report('TISS-ENC-UTF8-DECLARED-LATIN1', {
        message: `O texto de <${node.local}> foi gravado em UTF-8 dentro de um arquivo ISO-8859-1: a operadora lerá "${excerpt(value)}", quando o texto pretendido é, provavelmente, "${excerpt(intended)}".`,
        line: node.line,
        column: node.column,
        xpath: xpathOf(node),
        guia: guiaNumberOf(node),
        reference: 'ANS, Padrão TISS — Componente de Comunicação: mensagens em ISO-8859-1',
        fix: `Corrija o campo para "${excerpt(intended)}" gravado em ISO-8859-1 (o sistema que preencheu este campo usou UTF-8) e recalcule o hash (tiss hash --fix --write).`,
        data: { read: value, intended },
      });
    }
  }
  if (count > MAX_REPORTED) {
    const last = out.findings[out.findings.length - 1];
    if (last) last.message += ` (e mais ${count - MAX_REPORTED} campo(s) assim no arquivo)`;
  }
}

function excerpt(s: string): string {
  return s.length > 80 ? `${s.slice(0, cutPoint(s, 80))}…` : s;
}
