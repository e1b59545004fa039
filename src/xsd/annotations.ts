import type { LoadedSchemaSet } from '../schemas/store.js';

/**
 * Meanings of enumerated codes, read from the official XSDs themselves. The ANS writes them as
 * comments beside the enumerations (`<!-- 1- Eletiva -->`, `<!-- 18 TUSS _ Taxas hospitalares ... -->`)
 * or, in a few places, as `documentation`. Only comments whose first token is one of the type's own
 * values are taken, so stray comments never become meanings.
 */
export interface SchemaFacts {
  /** type name → code → meaning. */
  meanings: Map<string, Map<string, string>>;
  /** type name → base type local name (`st_data` → `date`), to tell a date error from a number error. */
  base: Map<string, string>;
  /** type name → its enumeration values, in order (types without enumerations are absent). */
  enumerations: Map<string, string[]>;
  /**
   * Elements the ANS took out and left in the XSD as a comment (`<!-- retirado na versão 4.00.00 <element
   * name="nomeBeneficiario" …/> -->`): element name → the named complex types whose content had it, and
   * the version that took it out.
   */
  removed: Map<string, { types: Set<string>; version: string }[]>;
}

const cache = new WeakMap<LoadedSchemaSet, SchemaFacts>();

export function schemaFacts(set: LoadedSchemaSet): SchemaFacts {
  let facts = cache.get(set);
  if (!facts) {
    facts = factsOf([...set.files.values()].map((bytes) => Buffer.from(bytes).toString('latin1')));
    cache.set(set, facts);
  }
  return facts;
}

/** The facts of some XSD texts (no schema set needed: scripts/build-manifest reads folders with it). */
export function factsOf(xsds: string[]): SchemaFacts {
  const facts: SchemaFacts = { meanings: new Map(), base: new Map(), enumerations: new Map(), removed: new Map() };
  for (const text of xsds) collect(text, facts);
  return facts;
}

/**
 * The version that took `element` out of one of these types (nearest first: the parent's type, then the
 * grandparent's…), as the XSD's "retirado na versão" comments say; null when it was never there.
 */
export function removedFrom(facts: SchemaFacts, element: string, types: Iterable<string | null>): string | null {
  const entries = facts.removed.get(element);
  if (!entries) return null;
  for (const type of types) {
    const hit = type ? entries.find((e) => e.types.has(type)) : undefined;
    if (hit) return hit.version;
  }
  return null;
}

/** The built-in XSD type a named type derives from (`st_data` → `date`, `dm_tabela` → `string`). */
export function builtinBase(facts: SchemaFacts, type: string): string {
  let t = type;
  for (let i = 0; i < 10; i++) {
    const next = facts.base.get(t);
    if (!next) return t;
    t = next;
  }
  return t;
}

const SIMPLE_TYPE = /<simpleType\s+name="([^"]+)"\s*>([\s\S]*?)<\/simpleType>/g;
const ENUM = /<enumeration\s+value="([^"]*)"\s*\/?>(?:\s*<annotation>\s*<documentation>([\s\S]*?)<\/documentation>)?/g;
const COMMENT = /<!--([\s\S]*?)-->/g;

const RESTRICTION = /<restriction\s+base="(?:\w+:)?([^"]+)"/;

const REMOVED = /(?:retirad|removid)[oa]s?\s+(?:na|da)\s+vers[aã]o\s+(\d+\.\d+\.\d+)/i;
const NAMED_COMPLEX = /<complexType\s+name="([^"]+)"/g;

/** The commented-out elements of "retirado na versão X" comments, by the named complex type around them. */
function collectRemoved(source: string, into: SchemaFacts): void {
  const starts = [...source.matchAll(NAMED_COMPLEX)].map((m) => ({ at: m.index, name: m[1]! }));
  for (const c of source.matchAll(COMMENT)) {
    const version = REMOVED.exec(c[1]!)?.[1];
    if (!version) continue;
    let owner: string | undefined;
    for (const st of starts) {
      if (st.at > c.index) break;
      owner = st.name;
    }
    if (!owner) continue;
    for (const e of c[1]!.matchAll(/<element\s+name="([^"]+)"/g)) {
      const list = into.removed.get(e[1]!) ?? [];
      const entry = list.find((x) => x.version === version);
      if (entry) entry.types.add(owner);
      else list.push({ types: new Set([owner]), version });
      into.removed.set(e[1]!, list);
    }
  }
}

function collect(source: string, into: SchemaFacts): void {
  collectRemoved(source, into);
  // Commented-out markup (retired types and values) is not part of the schema.
  const xsd = source.replace(COMMENT, (c: string, inner: string) => (inner.includes('<') ? '' : c));
  for (const st of xsd.matchAll(SIMPLE_TYPE)) {
    const [, name, body] = st;
    const base = RESTRICTION.exec(body!);
    if (base) into.base.set(name!, base[1]!);
    const values = new Map<string, string>();
    const known = new Set<string>();
    for (const e of body!.matchAll(ENUM)) {
      known.add(e[1]!);
      if (e[2]) values.set(e[1]!, clean(e[2]));
    }
    if (known.size === 0) continue;
    into.enumerations.set(name!, [...known]);
    for (const c of body!.matchAll(COMMENT)) {
      for (const line of c[1]!.split(/\r?\n/)) {
        const parsed = parseMeaning(line, known);
        if (parsed && !values.has(parsed[0])) values.set(parsed[0], parsed[1]);
      }
    }
    if (values.size > 0) into.meanings.set(name!, values);
  }
}

/** `"1- Eletiva"`, `"18 TUSS _ Taxas"`, `"\t02 COREN \tConselho Regional"` → [code, meaning]. */
function parseMeaning(line: string, known: Set<string>): [string, string] | null {
  const m = /^\s*([\w]+)\s*(?:[-–_:=.]\s*|\s+)(.+?)\s*$/.exec(line);
  if (!m) return null;
  const code = m[1]!;
  if (!known.has(code)) return null;
  const meaning = clean(m[2]!.replace(/^[-–_:]\s*/, ''));
  return meaning ? [code, meaning] : null;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/ _ /g, ' - ').trim();
}
