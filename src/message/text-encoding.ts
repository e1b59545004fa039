import type { FindingCollector } from '../findings/collector.js';
import { cutPoint, excerptAround } from '../findings/quote.js';
import { findFieldMojibake } from '../xml/mojibake.js';
import type { ReadDocument } from '../xml/read.js';
import { where } from './where.js';

/**
 * The text of the fields, as the operadora will read it: characters ISO-8859-1 cannot hold, and fields
 * written in UTF-8 inside an ISO-8859-1 file. The reading stage finds them (xml/latin1.ts,
 * xml/mojibake.ts); they are reported here, where a finding knows its guia. Every caller of
 * readDocument calls this right after it, so the findings come in the same order as before.
 */
export function reportFieldText(read: ReadDocument, out: FindingCollector): void {
  if (read.encoding.decoding === 'latin1' && !out.has('TISS-ENC-UTF8-DECLARED-LATIN1')) reportFieldMojibake(read, out);
  reportOutsideLatin1(read, out);
}

const MAX_REPORTED = 20;
const LATIN1_REFERENCE = 'ANS, Padrão TISS — Componente de Comunicação: mensagens em ISO-8859-1';

function reportFieldMojibake(read: ReadDocument, out: FindingCollector): void {
  const found = findFieldMojibake(read.tree);
  for (const { node, read: value, intended } of found.slice(0, MAX_REPORTED)) {
    out.report('TISS-ENC-UTF8-DECLARED-LATIN1', {
      message: `O texto de <${node.local}> foi gravado em UTF-8 dentro de um arquivo ISO-8859-1: a operadora lerá "${excerpt(value)}", quando o texto pretendido é, provavelmente, "${excerpt(intended)}".`,
      ...where(node),
      reference: LATIN1_REFERENCE,
      fix: `Corrija o campo para "${excerpt(intended)}" gravado em ISO-8859-1 (o sistema que preencheu este campo usou UTF-8) e recalcule o hash (tiss hash --fix --write).`,
      data: { read: value, intended },
    });
  }
  if (found.length > MAX_REPORTED) {
    const last = out.findings[out.findings.length - 1];
    if (last) last.message += ` (e mais ${found.length - MAX_REPORTED} campo(s) assim no arquivo)`;
  }
}

function excerpt(s: string): string {
  return s.length > 80 ? `${s.slice(0, cutPoint(s, 80))}…` : s;
}

/** Characters ISO-8859-1 cannot hold: the operadora cannot read them and the canonical hash cannot be computed over them. */
function reportOutsideLatin1(read: ReadDocument, out: FindingCollector): void {
  const found = read.outsideLatin1;
  for (const { node, value, index, char: ch } of found.slice(0, MAX_REPORTED)) {
    const cp = ch.codePointAt(0)!;
    out.report('TISS-ENC-OUTSIDE-LATIN1', {
      message: `O caractere "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) em <${node.local}> não existe em ISO-8859-1: a operadora não consegue lê-lo e o hash não pode ser calculado. Texto: "${excerptAround(value, index)}".`,
      ...where(node),
      reference: LATIN1_REFERENCE,
      fix: suggestion(ch),
      data: { char: ch, codePoint: cp },
    });
  }
  if (found.length > MAX_REPORTED) {
    const last = out.findings[out.findings.length - 1];
    if (last) last.message += ` (e mais ${found.length - MAX_REPORTED} ocorrência(s) no arquivo)`;
  }
}

const REPLACEMENTS: Record<string, string> = {
  '\u2013': '-', '\u2014': '-', '\u2018': "'", '\u2019': "'", '\u201c': '"', '\u201d': '"', '\u2026': '...', '\u20ac': 'EUR', '\u2022': '-',
};

function suggestion(ch: string): string {
  const r = REPLACEMENTS[ch];
  return r ? `Troque "${ch}" por "${r}".` : `Remova "${ch}" ou troque-o por um caractere ISO-8859-1.`;
}
