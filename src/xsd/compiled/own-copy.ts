/**
 * A copy of a string read from a document that shares nothing with it. What outlives a document (the
 * compiled automaton, the simple types' memory of valid values) must not keep a slice of its text: V8
 * keeps a slice's whole text alive, and the first document to walk each edge of the automaton stayed in
 * memory for good (a 22 MB lote whose SP/SADT guias were the first read: 22 MB kept after its check).
 * Made once per edge or remembered value, never per element.
 */
export function ownCopy(s: string): string {
  return Array.from(s).join('');
}
