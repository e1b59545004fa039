/**
 * Text from a file (field values, file names) shown to a person must never carry raw control
 * characters (issue 9, item 2): ESC, CSI, OSC and BEL sequences recolour, retitle or rewrite a terminal,
 * CR rewrites the current line, a newline in a file name forges a report line (`lote\n✔ ok.xml`), bidi
 * controls reorder what is read. Each such character becomes a visible escape (`\x1b`, `\x9b`,
 * `\u202e`); printable text, accents and our own symbols (✔ ✖ ⚠) are unchanged. Colors are applied
 * after escaping, so ours still work.
 */
// C0 except TAB, DEL, C1, LRM/RLM, line/paragraph separators, bidi embeddings/overrides/isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_KEEP_NL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** For text that must stay on one line: file names, a finding's message, fix, XPath, guia. */
export function visible(s: string): string {
  UNSAFE_LINE.lastIndex = 0;
  return UNSAFE_LINE.test(s) ? s.replace(UNSAFE_LINE, escape) : s;
}

/** For text we lay out on several lines ourselves (CLI error messages): newlines kept, the rest escaped. */
export function visibleLines(s: string): string {
  UNSAFE_KEEP_NL.lastIndex = 0;
  return UNSAFE_KEEP_NL.test(s) ? s.replace(UNSAFE_KEEP_NL, escape) : s;
}

/**
 * What XML 1.0 cannot carry even as a character reference (C0 except TAB/LF/CR, U+FFFE/U+FFFF, lone
 * surrogates), and what a person reading a CI report should not get raw: for the JUnit formatter, whose
 * output must stay well-formed. `keepNewlines` for element text.
 */
export function xmlVisible(s: string, keepNewlines = false): string {
  const out = (keepNewlines ? visibleLines(s) : visible(s)).replace(/[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, escape);
  return out;
}
