/**
 * A field's value as a finding shows it, so that a value of spaces does not read as `""`: the exact text
 * in quotes, and a note when it is empty, only spaces, or has spaces around it.
 */
export function quoted(raw: string): string {
  if (raw === '') return '"" (vazio)';
  if (raw.trim() === '') return `"${raw}" (só ${raw.length === 1 ? 'um espaço' : `${raw.length} espaços`})`;
  if (raw.trim() !== raw) return `"${raw}" (com espaços antes ou depois)`;
  return `"${raw}"`;
}

/**
 * A cut position in `text` near `at` that does not split a character: not between the two halves of a
 * surrogate pair, and not inside a UTF-8 sequence shown byte by byte (a UTF-8 file read as ISO-8859-1:
 * "Ã©" stays whole). Moves back, never forward.
 */
export function cutPoint(text: string, at: number): number {
  let i = Math.max(0, Math.min(at, text.length));
  if (i > 0 && i < text.length && isLowSurrogate(text.charCodeAt(i)) && isHighSurrogate(text.charCodeAt(i - 1))) i--;
  // Step back over up to three continuation bytes (U+0080–U+00BF) that follow a UTF-8 lead byte (U+00C2–U+00F4).
  let k = i;
  while (k > 0 && i - k < 3 && isContinuation(text.charCodeAt(k))) k--;
  if (k < i && isLead(text.charCodeAt(k))) i = k;
  return i;
}

/** Up to `before` characters before `at` and `after` from it, cut on character boundaries, with ellipses. */
export function excerptAround(s: string, at: number, before = 20, after = 20): string {
  const from = cutPoint(s, at - before);
  const to = at + after >= s.length ? s.length : cutPoint(s, at + after);
  return `${from > 0 ? '…' : ''}${s.slice(from, to)}${to < s.length ? '…' : ''}`;
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isContinuation = (c: number): boolean => c >= 0x80 && c <= 0xbf;
const isLead = (c: number): boolean => c >= 0xc2 && c <= 0xf4;
