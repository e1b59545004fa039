import { buildTree } from '../../src/xml/scan.js';
import type { XNode } from '../../src/xml/tree.js';
import { elements, mutate, type Mutant } from './mutate.js';

/**
 * Mutations aimed at the XSD engines (test/engine-differential.test.ts): most keep the file well-formed
 * so that both engines judge it, and they go where the compiled engine could differ from libxml2 —
 * leaf values at their lexical edges (digits, signs, zeros, white space, dates, times, base64),
 * namespaces, attributes, text between elements, comments and CDATA, renamed elements — plus the
 * general mutations of mutate.ts (structure, encodings, truncation, byte flips).
 */
const EDGE_VALUES = [
  '', ' ', '0', '-0', '+0', '00', '0.0', '.5', '5.', '-', '+', '.', '1e3', '1,5', '1.50', '1.505', '001', '-1', '+1', ' 1 ', '\t7\n',
  '12345678901', '123456789012', '1234567890123', '99999999.99', '999999999.999', '0.0001', '0.00001', '-0.00',
  '2026-02-29', '2024-02-29', '2026-04-31', '2026-12-31', '0000-01-01', '1849-12-31', '1850-01-01', '1850-01-01Z', '2026-01-01Z',
  '2026-01-01+03:00', '2026-01-01-14:00', '2026-01-01+14:30', '12026-01-01', '-2026-01-01', ' 2026-01-01', '2026-1-1', '2026-01-01T10:00:00',
  '10:00:00', '24:00:00', '24:00:01', '23:59:60', '10:00', '10:00:00.5', '10:00:00Z', '10:00:00-03:00', ' 10:00:00 ', '9:00:00',
  'true', 'false', '1', 'TRUE', 'QUJD', 'QUI=', 'QUJ=', 'QQ==', 'QR==', 'Q===', 'QUJD QUJD', 'QU—JD', '====',
  'S', 'N', 'A', 'a', '01', '1', ' 01', '01 ', 'ABC', 'é', 'ÇÃO', '&#160;', '&#x20;', '&lt;', '<![CDATA[1]]>', '<!-- c -->1',
  '12345678000190', 'AB12CD34000167', '12345678901234', '1234567890123', '00000000000000', '202601', '202613', 'X'.repeat(41), 'x'.repeat(151),
];

/** Fragments that break (or nearly break) well-formedness, for the strict scanner against libxml2's parser. */
const MARKUP = [
  '&', '& ', '&amp', '&foo;', '&nbsp;', '&#0;', '&#x1;', '&#x9;', '&#xD800;', '&#xFFFE;', '&#x10FFFF;', '&#x110000;', '&#65;', '&#x;', '&#;', '&lt;', '&apos;',
  '<', '<<', '>', ']]>', ']]', '<!-- a -- b -->', '<!-- a --->', '<!---->', '<!-- ok -->', '<?xml version="1.0"?>', '<?XML x?>', '<?pi x?>', '<?pi?>', '<?1pi?>', '<? pi?>',
  '<![CDATA[x]]>', '<![CDATA[', '<!DOCTYPE x>', '<!ENTITY x "y">', '<a/>', '<a>', '</a>', '<a b="1" b="2"/>', '<a b="1"c="2"/>', '<a b=1/>', '<a b="<"/>', '<a b="&"/>',
  '<a xmlns:p=""/>', '<p:a/>', '<a p:b="1"/>', '<a:b:c/>', '<1a/>', '<-a/>', '<a-b/>', '<é/>', '<a\u00b7/>', '<:a/>', '<a:/>', '<xmlns:a/>', '<a xmlns:xml="urn:x"/>',
  '<a xmlns:xmlns="urn:x"/>', '<a xmlns:p="urn:p" xmlns:q="urn:p" p:x="1" q:x="2"/>', '<a xml:lang="pt"/>', '\u0001', '\u001f', '\u007f', '\u0085', '\u00a0', '\t', '\r', '\r\n',
];

/** A small change to a value that keeps it close to valid: the edges where engines disagree. */
function nudge(value: string, random: () => number): string {
  const r = Math.floor(random() * 12);
  const at = Math.floor(random() * (value.length + 1));
  const digit = String(Math.floor(random() * 10));
  switch (r) {
    case 0:
      return value.slice(0, at) + digit + value.slice(at);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return `0${value}`;
    case 3:
      return `${value}0`;
    case 4:
      return ` ${value}`;
    case 5:
      return `${value} `;
    case 6:
      return value.replace('.', ',');
    case 7:
      return `-${value}`;
    case 8:
      return value.replace(/\d/, digit);
    case 9:
      return value.includes('.') ? `${value}${digit}` : `${value}.${digit}${digit}`;
    case 10:
      return value.toLowerCase() === value ? value.toUpperCase() : value.toLowerCase();
    default:
      return `${value}${value}`;
  }
}

export function mutateForSchema(source: Buffer, random: () => number): Mutant {
  const text = source.toString('latin1');
  const tree = buildTree(text)!;
  const all = elements(tree.root).filter((n) => n !== tree.root);
  const leaves = all.filter((n) => n.children.length === 0);
  const containers = all.filter((n) => n.children.length > 0);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
  const replaceText = (n: XNode, s: string): Buffer => latin1(text.slice(0, n.openEnd) + s + text.slice(n.closeStart));
  const choice = Math.floor(random() * 11);
  if (choice <= 2 && leaves.length) {
    const n = pick(leaves);
    if (n.selfClosing) return { kind: 'edge-value', bytes: latin1(text.slice(0, n.end - 2) + `>${pick(EDGE_VALUES)}</${n.name}>` + text.slice(n.end)) };
    return { kind: 'nudge-value', bytes: replaceText(n, nudge(text.slice(n.openEnd, n.closeStart), random)) };
  }
  if (choice <= 4 && leaves.length) {
    const n = pick(leaves);
    if (n.selfClosing) return { kind: 'noop', bytes: source };
    return { kind: 'edge-value', bytes: replaceText(n, pick(EDGE_VALUES)) };
  }
  switch (choice) {
    case 5: {
      // Markup inside content: text between a container's children, a comment or CDATA in a leaf, a child element in a leaf.
      const n = pick(containers);
      const c = pick(n.children);
      const what = pick(['texto', ' \n\t ', '<!-- c -->', '<![CDATA[ ]]>', '<![CDATA[x]]>', '<?pi x?>', '&#32;', '&#160;']);
      return { kind: 'markup-in-content', bytes: latin1(text.slice(0, c.start) + what + text.slice(c.start)) };
    }
    case 6: {
      const n = pick(all);
      const attr = pick([' foo="1"', ' xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', ' xml:lang="pt"', ' xsi:schemaLocation="x y" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"', ' xmlns:z="urn:z" z:a="1"', ' xmlns:q="urn:q"']);
      const nameEnd = n.start + 1 + n.name.length;
      return { kind: 'add-attribute', bytes: latin1(text.slice(0, nameEnd) + attr + text.slice(nameEnd)) };
    }
    case 7: {
      // The same element in another namespace (a default xmlns on it), or without one.
      const n = pick(all);
      const nameEnd = n.start + 1 + n.name.length;
      const colon = n.name.indexOf(':');
      const decl = colon < 0 ? pick([' xmlns="urn:outro"', ' xmlns=""']) : ` xmlns:${n.name.slice(0, colon)}="urn:outro"`;
      return { kind: 'wrong-namespace', bytes: latin1(text.slice(0, nameEnd) + decl + text.slice(nameEnd)) };
    }
    case 9: {
      // A well-formedness edge at a random place: in text, inside a tag, between elements.
      const at = Math.floor(random() * text.length);
      return { kind: 'markup-junk', bytes: latin1(text.slice(0, at) + pick(MARKUP) + text.slice(at)) };
    }
    case 8: {
      // An element renamed to a sibling's name (same content): a known name in the wrong place.
      const n = pick(all);
      const other = pick(all);
      if (n.selfClosing || other.name === n.name) return { kind: 'noop', bytes: source };
      return {
        kind: 'rename-element',
        bytes: latin1(text.slice(0, n.start + 1) + other.name + text.slice(n.start + 1 + n.name.length, n.closeStart + 2) + other.name + text.slice(n.closeStart + 2 + n.name.length)),
      };
    }
    default:
      return mutate(source, random);
  }
}
