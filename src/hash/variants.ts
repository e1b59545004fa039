import { createHash, type Hash } from 'node:crypto';
import { isElement, type XNode } from '../xml/tree.js';
import { isLatin1, type HashEncoding } from './canonical.js';

/**
 * The digests of what common wrong implementations hash instead of the canonical leaves (slow path: only
 * a wrong hash is explained). Each is streamed, walking the leaves or the message again per candidate,
 * never held as an array of texts: on an 80 MB lote (1.2 million elements) the arrays of the texts, their
 * trimmed and re-decoded copies and their join took ~290 MB above the peak of a right hash (issue 11).
 */

/** Characters joined per update of a digest (a few updates per MB of text; the join is garbage at once). */
const CHARS_PER_UPDATE = 1 << 16;

/**
 * A digest fed piece by piece, in updates of about CHARS_PER_UPDATE characters: the same bytes as one join
 * of the pieces (no character spans two pieces, XML text holding no lone surrogate). `strict`: in
 * ISO-8859-1 the text must fit it, else the digest is null (as digestOf); otherwise each character gives
 * its low byte (as Buffer.from(text, 'latin1')).
 */
class Feed {
  private readonly hash: Hash;
  private readonly bytes: 'utf8' | 'latin1';
  private readonly check: boolean;
  private pending = '';
  /** False once a piece did not fit ISO-8859-1 (strict): the digest is null, the rest is not fed. */
  fits = true;

  constructor(algo: string, encoding: HashEncoding, strict: boolean) {
    this.hash = createHash(algo);
    this.bytes = encoding === 'utf-8' ? 'utf8' : 'latin1';
    this.check = strict && encoding === 'iso-8859-1';
  }

  add(piece: string): void {
    if (!this.fits) return;
    this.pending += piece;
    if (this.pending.length >= CHARS_PER_UPDATE) this.flush();
  }

  digest(): string | null {
    this.flush();
    return this.fits ? this.hash.digest('hex') : null;
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    if (!this.fits || text === '') return;
    if (this.check && !isLatin1(text)) this.fits = false;
    else this.hash.update(text, this.bytes);
  }
}

export interface LeafDigestOptions {
  /** Applied to each leaf before it is fed (trim, re-decode); the mapped leaves are never held together. */
  map?: (leaf: string) => string;
  /** `md5` (the default), `sha1`, `sha256`. */
  algo?: string;
  /** Null when the ISO-8859-1 text does not fit it (the default, as digestOf); false: low bytes, never null. */
  strict?: boolean;
}

/** Digest of the leaves (each mapped) concatenated, in `encoding`: digestOf of `leaves.map(map)`, with no copy. */
export function digestLeaves(leaves: readonly string[], encoding: HashEncoding, options: LeafDigestOptions = {}): string | null {
  const { map, algo = 'md5', strict = true } = options;
  const feed = new Feed(algo, encoding, strict);
  for (let i = 0; i < leaves.length && feed.fits; i++) feed.add(map ? map(leaves[i]!) : leaves[i]!);
  return feed.digest();
}

/** The text a leaf's ISO-8859-1 bytes give read as UTF-8 (what a file saved in UTF-8 and declared ISO-8859-1 meant). */
export function rereadAsUtf8(leaf: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u007f]/.test(leaf) ? Buffer.from(leaf, 'latin1').toString('utf8') : leaf;
}

/** MD5s of the texts a walk of the message gives, in one encoding (see walkDigests). */
export interface WalkDigests {
  /** Every piece of text up to the boundary (field text, indentation, text between tags); null if it does not fit ISO-8859-1. */
  all: string | null;
  /** The leaves with the comments taken as fields (a field's comments before its text); null as `all`. */
  withComments: string | null;
  /** Comments met up to the boundary (none: `withComments` is the canonical digest). */
  comments: number;
}

/**
 * One walk of the message up to the boundary (`epilogo`, or the `hash` of a `*WS` body) feeding MD5 with
 * every text node and with the leaves and comments, through the public tree API (`items` reads an element's
 * text and comments again from the source; each element's list is garbage once fed).
 */
export function walkDigests(message: XNode, boundary: XNode | null, encoding: HashEncoding): WalkDigests {
  const all = new Feed('md5', encoding, true);
  const withComments = new Feed('md5', encoding, true);
  let comments = 0;
  let done = false;

  const visit = (node: XNode): void => {
    if (node === boundary) {
      done = true;
      return;
    }
    if (node.children.length === 0) {
      let text = '';
      for (const it of node.items) {
        if (typeof it === 'string') text += it;
        else if (!isElement(it)) {
          withComments.add(it.comment);
          comments++;
        }
      }
      withComments.add(text);
      all.add(text);
      return;
    }
    for (const it of node.items) {
      if (done) return;
      if (typeof it === 'string') all.add(it);
      else if (isElement(it)) visit(it);
      else {
        withComments.add(it.comment);
        comments++;
      }
    }
  };
  visit(message);
  return { all: all.digest(), withComments: withComments.digest(), comments };
}
