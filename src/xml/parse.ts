import type { ErrorDetail, XmlDocument } from 'libxml2-wasm';
import { libxml2 } from './libxml2.js';
import type { FindingCollector } from '../findings/collector.js';
import type { EncodingInfo } from './encoding.js';
import { translateWellFormedness } from './wellformed-messages.js';
import { TRUNCATED_FIX } from './wellformed.js';

/**
 * The only parse options the engine uses: no network, no external entities, line numbers past 65535.
 * Never NOENT (entity substitution), DTDLOAD, XINCLUDE or HUGE (lifts the size/depth limits).
 */
export function safeParseOptions(): number {
  const { ParseOption } = libxml2();
  return ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_BIG_LINES;
}

export const WF_REFERENCE = 'W3C XML 1.0 e Namespaces em XML (documento bem formado)';

/**
 * Parses the bytes with libxml2 (the well-formedness gate). Returns the document (caller disposes)
 * or null after reporting every error libxml2 gave as findings.
 */
export function parseWithLibxml2(bytes: Uint8Array, enc: EncodingInfo, out: FindingCollector): XmlDocument | null {
  const { XmlDocument, XmlParseError } = libxml2();
  try {
    return XmlDocument.fromBuffer(bytes, {
      option: safeParseOptions(),
      ...(enc.parseOverride ? { encoding: enc.parseOverride } : {}),
    });
  } catch (e) {
    if (!(e instanceof XmlParseError)) throw e;
    reportParseErrors(e.details, lastLine(bytes), out);
    return null;
  }
}

function lastLine(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 0x0a) n++;
  // A final newline does not start a line of content.
  return bytes[bytes.length - 1] === 0x0a ? n - 1 : n;
}

/** libxml2's messages for a file cut off, when they come on its last line (a "<" or "<ans:" with nothing after it included). */
const TRUNCATION = /^(?:Premature end of data|EndTag: '<\/' not found|Couldn't find end of Start Tag|expected '>'|Extra content|StartTag: invalid element name|Failed to parse QName)/;

function reportParseErrors(details: ErrorDetail[], last: number, out: FindingCollector): void {
  const errors = details.filter((d) => d.level >= 2);
  if (errors.length === 0) {
    out.report('TISS-XML-NOT-WELL-FORMED', { message: 'XML mal formado.', reference: WF_REFERENCE });
    return;
  }
  // libxml2 stops at the first fatal error; what follows at the same spot is its echo. Namespace
  // errors (level 2) are not fatal: report each distinct one.
  const seen = new Set<string>();
  for (const d of errors) {
    const raw = d.message.trim();
    const isNamespace = /^Namespace prefix/.test(raw);
    const key = isNamespace ? raw.replace(/ on \S+/, '') : 'fatal';
    if (seen.has(key)) continue;
    seen.add(key);
    const t = translateWellFormedness(raw);
    const atEnd = !isNamespace && d.line >= last && TRUNCATION.test(raw) && !/^Extra content/.test(raw);
    out.report('TISS-XML-NOT-WELL-FORMED', {
      message: atEnd && !/truncado/.test(t.message) ? `${t.message} O erro está no fim do arquivo: ele parece truncado (gravação ou transferência interrompida).` : t.message,
      line: d.line > 0 ? d.line : null,
      column: d.col > 0 ? d.col : null,
      reference: WF_REFERENCE,
      // Cut off at the end: whatever libxml2 says about the last tag, the file is to be fetched again, not edited.
      fix: atEnd ? TRUNCATED_FIX : t.fix,
      detail: errors
        .filter((x) => (isNamespace ? x === d : true))
        .map((x) => x.message.trim())
        .join(' | '),
    });
    if (!isNamespace) break;
  }
}

/**
 * Finds a DOCTYPE in the prolog (before the root element). Such files are refused before libxml2
 * sees them: no entity expansion, no external DTD, no XXE, whatever the DOCTYPE says.
 */
export function findDoctype(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  for (;;) {
    while (i < n && /\s/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) {
      return i;
    } else {
      return -1;
    }
  }
}
