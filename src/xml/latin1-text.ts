/**
 * Bytes read as ISO-8859-1, one character per byte, with nothing from Node (the schema model runs in a
 * browser too, where TextDecoder's "latin1" is in fact windows-1252 and would change 0x80–0x9F).
 */
export function latin1Text(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return s;
}
