/**
 * XML given as a JavaScript string, turned back into the bytes a file would hold: ISO-8859-1 when the
 * declaration says so and every character fits, UTF-8 otherwise (what validate and parse read).
 */
export function encodeXmlString(xml: string): Uint8Array {
  const declared = /^\uFEFF?<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/.exec(xml)?.[1]?.toLowerCase();
  // eslint-disable-next-line no-control-regex
  const latin1 = declared !== undefined && /^(iso-?8859-1|latin-?1)$/.test(declared) && !/[^\u0000-\u00ff]/.test(xml);
  return Buffer.from(xml, latin1 ? 'latin1' : 'utf8');
}
