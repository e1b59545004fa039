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

const URIS = new Map<string, string>();
/** Namespace URIs interned per process, at most (a hostile file may declare any number). */
const MAX_URIS = 256;

/**
 * A namespace URI as one owned string per process: the scanner's names and the compiled automaton's edges
 * then hold the same object, and the automaton's lookup compares pointers, not 42 characters per child.
 * Past MAX_URIS distinct URIs, an owned copy that is not interned.
 */
export function ownUri(uri: string): string {
  let own = URIS.get(uri);
  if (own === undefined) {
    own = ownCopy(uri);
    if (URIS.size < MAX_URIS) URIS.set(own, own);
  }
  return own;
}
