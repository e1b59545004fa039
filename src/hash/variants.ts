import { isElement, type XNode } from '../xml/tree.js';
import { Feed, type HashEncoding } from './canonical.js';

/**
 * The digests of what common wrong implementations hash instead of the canonical leaves (slow path: only
 * a wrong hash is explained). Each is streamed, walking the leaves or the message again per candidate,
 * never held as an array of texts: on an 80 MB lote (1.2 million elements) the arrays of the texts, their
 * trimmed and re-decoded copies and their join took ~290 MB above the peak of a right hash (issue 11).
 */

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
