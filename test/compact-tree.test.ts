import { describe, expect, it } from 'vitest';
import { scanTree } from '../src/xml/scan.js';
import { everyChild, findChild, nthChild, ownText, positionOf, previousSibling, type XTree } from '../src/xml/tree.js';
import { xpathOf } from '../src/xml/xpath.js';
import { ancestor, get, getAll, text } from '../src/xml/query.js';
import { guiaElementOf } from '../src/message/where.js';
import { collectLeaves } from '../src/hash/canonical.js';

// The compact tree (issue 11): elements live in typed arrays, objects are made on demand. What rules,
// findings and the hash read must be what the object tree gave.

function tree(xml: string): XTree {
  const r = scanTree(xml, { strict: true });
  if (!('tree' in r)) throw new Error(JSON.stringify(r.problem));
  return r.tree;
}

describe('compact tree', () => {
  it('gives one object per element, however it is reached', () => {
    const t = tree('<r><g><n>1</n></g><g><n>2</n></g></r>');
    const [g1, g2] = t.root.children;
    expect(t.byName.get('g')).toEqual([g1, g2]);
    expect(t.byName.get('g')![0]).toBe(g1);
    expect(get(t.root, 'g', 'n')).toBe(g1!.children[0]);
    expect(getAll(t.root, 'g', 'n')[1]).toBe(t.byName.get('n')![1]);
    expect(get(t.root, 'g', 'n')!.parent).toBe(g1);
    expect(ancestor(get(t.root, 'g', 'n'), 'r')).toBe(t.root);
    expect(t.byName.get('x')).toBeUndefined();
    expect(t.elements).toBe(5);
  });

  it('reads a leaf text with references, CRs, CDATA, comments and PIs as an XML parser delivers it', () => {
    const t = tree('<r><a>x&amp;y&#65;</a><b>1\r\n2\r3</b><c><![CDATA[<i>\r\n]]></c><d>p<!-- no -->q<?pi x?>r</d><e>plain</e><f/><h></h></r>');
    const texts = t.root.children.map((c) => c.text);
    expect(texts).toEqual(['x&yA', '1\n2\n3', '<i>\n', 'pqr', 'plain', '', '']);
    expect(text(t.root, 'd')).toBe('pqr');
    expect(ownText(t.root.children[3]!)).toBe('pqr');
    expect(t.root.children[3]!.items).toEqual(['p', { comment: ' no ' }, 'q', 'r']);
    expect(collectLeaves(t.root, null)).toEqual(texts);
  });

  it('counts text beside child elements as an element-only content model does (decoded; CDATA always)', () => {
    const t = tree('<r><a>&#32;\n<x/> </a><b>&#65;<x/></b><c><x/>z</c><d><![CDATA[]]><x/></d><e> </e><f>v</f><g><x/><y/>w<z/></g></r>');
    const [a, b, c, d, e, f, g] = t.root.children;
    expect([a, b, c, d, e, f].map((n) => t.table.hasText(n!.id))).toEqual([false, true, true, true, false, true]);
    // libxml2 stops at the first unexpected child: text after it is not seen.
    expect(t.table.hasTextBefore(g!.id, g!.children[1]!.id)).toBe(false);
    expect(t.table.hasTextBefore(g!.id, g!.children[2]!.id)).toBe(true);
    expect(t.table.hasText(t.root.id)).toBe(false);
  });

  it('grows past its first guess of the element count, and keeps every offset', () => {
    const n = 100_000;
    const xml = `<r>${'<a/>'.repeat(n)}<b>fim</b></r>`;
    const t = tree(xml);
    expect(t.elements).toBe(n + 2);
    const b = t.byName.get('b')![0]!;
    expect(b.start).toBe(3 + 4 * n);
    expect(b.text).toBe('fim');
    expect(b.parent).toBe(t.root);
    expect(t.root.children.length).toBe(n + 1);
    expect(t.root.end).toBe(xml.length);
  });

  it('finds the guia of an element by walking numbers, and answers again from its memory', () => {
    const t = tree('<l><guia><cabecalhoGuia><numeroGuiaPrestador>77</numeroGuiaPrestador></cabecalhoGuia><p><q>1</q></p></guia><fora/></l>');
    const q = get(t.root, 'guia', 'p', 'q')!;
    const first = guiaElementOf(q)!;
    expect(first.guia.local).toBe('guia');
    expect(ownText(first.number)).toBe('77');
    expect(guiaElementOf(get(t.root, 'guia', 'p'))!.guia).toBe(first.guia);
    expect(guiaElementOf(get(t.root, 'fora'))).toBeUndefined();
    expect(guiaElementOf(get(t.root, 'guia', 'p', 'q'))!.number).toBe(first.number);
  });

  it('places an element among its siblings by number, without an object per sibling', () => {
    const t = tree(`<r>${'<a/><b/>'.repeat(50_000)}<a>fim</a></r>`);
    const last = t.byName.get('a')!.at(-1)!;
    expect(positionOf(last)).toEqual({ index: 100_000, nameIndex: 50_001, nameCount: 50_001 });
    expect(xpathOf(last)).toBe('/r/a[50001]');
    expect(previousSibling(last)!.local).toBe('b');
    expect(previousSibling(t.root.children[0]!)).toBeUndefined();
    expect(nthChild(t.root, 'b', 50_000)!.start).toBe(3 + 8 * 49_999 + 4);
    expect(nthChild(t.root, null, 2)!.local).toBe('b');
    expect(nthChild(t.root, 'b', 50_001)).toBeUndefined();
    expect(nthChild(t.root, 'z', 1)).toBeUndefined();
    expect(findChild(t.root, (q) => q.local === 'b')).toBe(nthChild(t.root, 'b', 1));
    expect(everyChild(t.root, (q) => q.local === 'a' || q.local === 'b')).toBe(true);
    expect(everyChild(t.root, (q) => q.local === 'a')).toBe(false);
  });

  it('takes a size hint, and never makes room for more elements than the text can hold', () => {
    const xml = '<r><a/><b>x</b></r>';
    for (const capacity of [1, 3, 1_000_000_000]) {
      const r = scanTree(xml, { strict: true, capacity });
      if (!('tree' in r)) throw new Error('not read');
      expect(r.tree.elements).toBe(3);
      expect(r.tree.table.parentOf.length).toBeLessThanOrEqual(1024 + 16);
      expect(get(r.tree.root, 'b')!.text).toBe('x');
    }
  });
});
