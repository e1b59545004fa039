import type { LoadedSchemaSet } from '../schemas/store.js';
import { latin1Text } from '../xml/latin1-text.js';
import { buildTree } from '../xml/scan.js';
import { child, namespaceOfPrefix, type XNode } from '../xml/tree.js';

/**
 * The content model of the installed XSDs, read from the official files: for every element, its
 * children in schema order (sequences, choices, extensions flattened into particles) with min/max
 * occurrences, and for every leaf its simple type with its facets. The generator writes elements in
 * this order and checks values against these facets; `parse` reads messages back with it.
 */
export interface Facets {
  enumeration?: string[];
  pattern?: string[];
  length?: number;
  minLength?: number;
  maxLength?: number;
  totalDigits?: number;
  fractionDigits?: number;
  minInclusive?: string;
  maxInclusive?: string;
}

export interface SimpleDef {
  kind: 'simple';
  name: string | null;
  /** Built-in XSD type it derives from: string, decimal, integer, date, time, dateTime, boolean, base64Binary… */
  base: string;
  facets: Facets;
}

export interface ComplexDef {
  kind: 'complex';
  name: string | null;
  /** The content as one sequence particle (extensions: base content, then the extension's). */
  content: GroupParticle;
}

/** A type we do not model (the xmldsig Signature): the generator refuses to write it. */
export interface OpaqueDef {
  kind: 'opaque';
  name: string | null;
}

export type TypeDef = SimpleDef | ComplexDef | OpaqueDef;

export interface ElementDecl {
  name: string;
  /** Namespace URI of the element (the TISS target namespace; xmldsig's for ds:Signature). */
  uri: string;
  min: number;
  /** Infinity for unbounded. */
  max: number;
  type(): TypeDef;
}

export interface ElementParticle {
  kind: 'element';
  decl: ElementDecl;
}

export interface GroupParticle {
  kind: 'sequence' | 'choice';
  min: number;
  max: number;
  particles: Particle[];
}

export type Particle = ElementParticle | GroupParticle;

export interface ContentModel {
  /** A global element (`mensagemTISS`, `loteGuiasWS`, `mensagemEnvioANS`). */
  element(name: string): ElementDecl | undefined;
  /** The names of every global element, in schema order. */
  elementNames(): string[];
}

const BUILTINS = new Set(['string', 'decimal', 'integer', 'int', 'long', 'short', 'nonNegativeInteger', 'positiveInteger', 'date', 'time', 'dateTime', 'boolean', 'base64Binary', 'anyURI', 'gYearMonth', 'token', 'normalizedString', 'ID', 'IDREF', 'NCName', 'hexBinary']);
const strip = (q: string | undefined): string => (q ?? '').slice((q ?? '').indexOf(':') + 1);
const prefixOf = (q: string): string => q.slice(0, Math.max(0, q.indexOf(':')));
const occurs = (v: string | undefined, dflt: number): number => (v === undefined ? dflt : v === 'unbounded' ? Infinity : Number(v));

const cache = new WeakMap<LoadedSchemaSet, ContentModel>();

export function contentModel(set: LoadedSchemaSet): ContentModel {
  let m = cache.get(set);
  if (!m) {
    m = build(set);
    cache.set(set, m);
  }
  return m;
}

function build(set: LoadedSchemaSet): ContentModel {
  const elements = new Map<string, XNode>();
  const complexTypes = new Map<string, XNode>();
  const simpleTypes = new Map<string, XNode>();
  for (const [name, bytes] of set.files) {
    if (!name.endsWith('.xsd')) continue;
    const text = latin1Text(bytes);
    if (/<!DOCTYPE/.test(text.slice(0, 2048))) continue; // xmldsig: Signature stays opaque
    const tree = buildTree(text);
    if (!tree) continue;
    for (const top of tree.root.children) {
      const n = top.attrs.name;
      if (!n) continue;
      if (top.local === 'element') elements.set(n, top);
      else if (top.local === 'complexType') complexTypes.set(n, top);
      else if (top.local === 'simpleType') simpleTypes.set(n, top);
    }
  }

  /** Namespace of an element declared at `node`: its schema's target namespace (elementFormDefault is qualified in every TISS XSD). */
  const namespaceOf = (node: XNode): string => {
    let root = node;
    while (root.parent) root = root.parent;
    const form = node.parent === null || node.parent === root ? 'qualified' : (node.attrs.form ?? root.attrs.elementFormDefault ?? 'unqualified');
    return form === 'qualified' ? (root.attrs.targetNamespace ?? '') : '';
  };
  const typeCache = new Map<XNode, TypeDef>();
  const declCache = new Map<XNode, ElementDecl>();

  const simpleFrom = (node: XNode, name: string | null, depth = 0): SimpleDef => {
    const restriction = child(node, 'restriction');
    if (!restriction) return { kind: 'simple', name, base: 'string', facets: {} };
    const baseName = strip(restriction.attrs.base);
    let base = 'string';
    let facets: Facets = {};
    if (BUILTINS.has(baseName)) base = baseName;
    else {
      const parent = simpleTypes.get(baseName);
      if (parent && depth < 20) {
        const p = simpleFrom(parent, baseName, depth + 1);
        base = p.base;
        facets = { ...p.facets };
      }
    }
    const own: Facets = {};
    for (const f of restriction.children) {
      const v = f.attrs.value ?? '';
      switch (f.local) {
        case 'enumeration':
          (own.enumeration ??= []).push(v);
          break;
        case 'pattern':
          (own.pattern ??= []).push(v);
          break;
        case 'length':
        case 'minLength':
        case 'maxLength':
        case 'totalDigits':
        case 'fractionDigits':
          own[f.local] = Number(v);
          break;
        case 'minInclusive':
        case 'maxInclusive':
          own[f.local] = v;
          break;
        default:
          break;
      }
    }
    // Patterns of one restriction are alternatives (one string `a|b`); those of each derivation step all
    // apply (AND). A derived type's enumeration replaces the base's.
    if (own.pattern && own.pattern.length > 1) own.pattern = [own.pattern.map((p) => `(?:${p})`).join('|')];
    const merged: Facets = { ...facets, ...own };
    if (facets.pattern && own.pattern) merged.pattern = [...facets.pattern, ...own.pattern];
    return { kind: 'simple', name, base, facets: merged };
  };

  const typeFromNode = (node: XNode, name: string | null): TypeDef => {
    const hit = typeCache.get(node);
    if (hit) return hit;
    if (node.local === 'simpleType') {
      const t = simpleFrom(node, name);
      typeCache.set(node, t);
      return t;
    }
    const t: ComplexDef = { kind: 'complex', name, content: { kind: 'sequence', min: 1, max: 1, particles: [] } };
    typeCache.set(node, t); // before recursing: types may refer to themselves
    const cc = child(node, 'complexContent');
    const ext = cc ? child(cc, 'extension') ?? child(cc, 'restriction') : undefined;
    if (ext) {
      const baseName = strip(ext.attrs.base);
      const base = complexTypes.get(baseName);
      if (ext.local === 'extension' && base) {
        const b = typeFromNode(base, baseName);
        if (b.kind === 'complex') t.content.particles.push(...b.content.particles);
      } else if (ext.local === 'extension' && !base) {
        typeCache.set(node, { kind: 'opaque', name });
        return typeCache.get(node)!;
      }
      t.content.particles.push(...groupParticles(ext));
    } else {
      t.content.particles.push(...groupParticles(node));
    }
    return t;
  };

  const namedType = (qname: string): TypeDef => {
    const n = strip(qname);
    if (BUILTINS.has(n) && !complexTypes.has(n) && !simpleTypes.has(n)) return { kind: 'simple', name: n, base: n, facets: {} };
    const node = complexTypes.get(n) ?? simpleTypes.get(n);
    return node ? typeFromNode(node, n) : { kind: 'opaque', name: n };
  };

  const declFrom = (node: XNode): ElementDecl => {
    const hit = declCache.get(node);
    if (hit) return hit;
    const target = node.attrs.ref ? elements.get(strip(node.attrs.ref)) : node;
    const name = node.attrs.name ?? strip(node.attrs.ref);
    const uri = node.attrs.ref ? (target ? namespaceOf(target) : namespaceOfPrefix(node, prefixOf(node.attrs.ref))) : namespaceOf(node);
    let resolved: TypeDef | undefined;
    const decl: ElementDecl = {
      name,
      uri,
      min: occurs(node.attrs.minOccurs, 1),
      max: occurs(node.attrs.maxOccurs, 1),
      type: () => {
        if (resolved) return resolved;
        if (!target) resolved = { kind: 'opaque', name };
        else if (target.attrs.type) resolved = namedType(target.attrs.type);
        else {
          const inline = target.children.find((c) => c.local === 'complexType' || c.local === 'simpleType');
          resolved = inline ? typeFromNode(inline, null) : { kind: 'simple', name: null, base: 'string', facets: {} };
        }
        return resolved;
      },
    };
    declCache.set(node, decl);
    return decl;
  };

  /** The particles directly inside a complexType/extension: its sequence or choice, as one group. */
  function groupParticles(holder: XNode): Particle[] {
    const out: Particle[] = [];
    for (const c of holder.children) {
      const p = particleFrom(c);
      if (p) out.push(p);
    }
    return out;
  }

  function particleFrom(node: XNode): Particle | undefined {
    if (node.local === 'element') return { kind: 'element', decl: declFrom(node) };
    if (node.local === 'sequence' || node.local === 'choice') {
      return { kind: node.local, min: occurs(node.attrs.minOccurs, 1), max: occurs(node.attrs.maxOccurs, 1), particles: groupParticles(node) };
    }
    return undefined;
  }

  const globalDecls = new Map<string, ElementDecl>();
  return {
    elementNames: () => [...elements.keys()],
    element(name) {
      const node = elements.get(name);
      if (!node) return undefined;
      let d = globalDecls.get(name);
      if (!d) globalDecls.set(name, (d = declFrom(node)));
      return d;
    },
  };
}

/**
 * The source of the model builder, for the key of a cached model (schemas/model-cache.ts): a change to how
 * the XSDs are read makes every cached model stale, release or not.
 */
export function builderSource(): string {
  return `${build.toString()}\n${contentModel.toString()}`;
}

/** Every element declaration a particle can hold, in schema order (choices: all alternatives). */
export function elementDecls(p: Particle): ElementDecl[] {
  if (p.kind === 'element') return [p.decl];
  return p.particles.flatMap(elementDecls);
}

const childIndex = new WeakMap<ComplexDef, Map<string, ElementDecl>>();

/** The child declaration named `name` in a complex type, if any (the first, in schema order). */
export function childDecl(type: ComplexDef, name: string): ElementDecl | undefined {
  // Asked for every element read or written: index each type's children once.
  let index = childIndex.get(type);
  if (!index) {
    index = new Map();
    for (const d of elementDecls(type.content)) if (!index.has(d.name)) index.set(d.name, d);
    childIndex.set(type, index);
  }
  return index.get(name);
}

/**
 * A complex type whose whole content is one repeated element (procedimentosExecutados →
 * procedimentoExecutado[]): JSON shows it as an array of that element's values.
 */
export function collapsedItem(type: TypeDef): ElementDecl | undefined {
  if (type.kind !== 'complex') return undefined;
  const ps = type.content.particles;
  if (ps.length !== 1) return undefined;
  let p = ps[0]!;
  while (p.kind !== 'element' && p.particles.length === 1 && p.max === 1) p = p.particles[0]!;
  return p.kind === 'element' && p.decl.max > 1 ? p.decl : undefined;
}

/** Declared type name of the element at `path` (local names from a global element), if named. */
export function typeNameAt(model: ContentModel, path: string[]): string | null {
  const [rootName, ...rest] = path;
  let decl = rootName ? model.element(rootName) : undefined;
  for (const name of rest) {
    const t = decl?.type();
    if (!t || t.kind !== 'complex') return null;
    decl = childDecl(t, name);
  }
  return decl?.type().name ?? null;
}
