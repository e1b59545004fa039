import type { LoadedSchemaSet } from '../schemas/store.js';
import { buildTree, child, type XNode } from '../xml/tree.js';

/**
 * A reading of the installed XSDs' content model: which element declarations a type allows as
 * children, and which type each element has. Enough to answer "what is the declared type of the
 * element at this path" (for error messages that need the code list of a field), and the base for
 * schema-driven generation. It is read from the official files, never written by hand.
 */
export interface SchemaModel {
  /** Declared type (local name) of the element at `path` (local names from the message root). */
  typeAt(path: string[]): ElementType | null;
}

export interface ElementType {
  /** Named type (`dm_caraterAtendimento`, `st_data`), or null for an anonymous one. */
  name: string | null;
  /** The declaration node in the XSD (the element, or its named type). */
  node: XNode;
}

interface Index {
  elements: Map<string, XNode>;
  complexTypes: Map<string, XNode>;
  simpleTypes: Map<string, XNode>;
  groups: Map<string, XNode>;
}

const cache = new WeakMap<LoadedSchemaSet, SchemaModel>();
const XSD_FILE = /\.xsd$/;

export function schemaModel(set: LoadedSchemaSet): SchemaModel {
  let model = cache.get(set);
  if (!model) {
    model = buildModel(set);
    cache.set(set, model);
  }
  return model;
}

const strip = (qname: string | undefined): string | undefined => (qname === undefined ? undefined : qname.slice(qname.indexOf(':') + 1));

function buildModel(set: LoadedSchemaSet): SchemaModel {
  const index: Index = { elements: new Map(), complexTypes: new Map(), simpleTypes: new Map(), groups: new Map() };
  for (const [name, bytes] of set.files) {
    if (!XSD_FILE.test(name)) continue;
    const text = Buffer.from(bytes).toString('latin1');
    if (/<!DOCTYPE/.test(text.slice(0, 2048))) continue; // xmldsig: not needed to type TISS fields
    const tree = buildTree(text);
    if (!tree) continue;
    for (const top of tree.root.children) {
      const n = top.attrs.name;
      if (!n) continue;
      if (top.local === 'element') index.elements.set(n, top);
      else if (top.local === 'complexType') index.complexTypes.set(n, top);
      else if (top.local === 'simpleType') index.simpleTypes.set(n, top);
      else if (top.local === 'group') index.groups.set(n, top);
    }
  }

  const typeOfDecl = (decl: XNode): ElementType => {
    const t = strip(decl.attrs.type);
    if (t) return { name: t, node: index.complexTypes.get(t) ?? index.simpleTypes.get(t) ?? decl };
    const inline = decl.children.find((c) => c.local === 'complexType' || c.local === 'simpleType');
    return { name: null, node: inline ?? decl };
  };

  /** Element declarations a complex type (or model group) allows as children, by name. */
  const findChild = (holder: XNode, name: string, depth = 0): XNode | undefined => {
    if (depth > 40) return undefined;
    for (const c of holder.children) {
      switch (c.local) {
        case 'element': {
          const decl = c.attrs.ref ? index.elements.get(strip(c.attrs.ref)!) : c;
          if (decl && (decl.attrs.name === name)) return decl;
          break;
        }
        case 'sequence':
        case 'choice':
        case 'all': {
          const found = findChild(c, name, depth + 1);
          if (found) return found;
          break;
        }
        case 'group': {
          const g = c.attrs.ref ? index.groups.get(strip(c.attrs.ref)!) : c;
          const found = g ? findChild(g, name, depth + 1) : undefined;
          if (found) return found;
          break;
        }
        case 'complexContent': {
          const derivation = c.children.find((d) => d.local === 'extension' || d.local === 'restriction');
          if (derivation) {
            if (derivation.local === 'extension') {
              const base = index.complexTypes.get(strip(derivation.attrs.base)!);
              const fromBase = base ? findChild(base, name, depth + 1) : undefined;
              if (fromBase) return fromBase;
            }
            const own = findChild(derivation, name, depth + 1);
            if (own) return own;
          }
          break;
        }
        default:
          break;
      }
    }
    return undefined;
  };

  return {
    typeAt(path) {
      const [rootName, ...rest] = path;
      let decl = rootName ? index.elements.get(rootName) : undefined;
      if (!decl) return null;
      let type = typeOfDecl(decl);
      for (const name of rest) {
        if (type.node.local !== 'complexType') return null;
        decl = findChild(type.node, name);
        if (!decl) return null;
        type = typeOfDecl(decl);
      }
      return type;
    },
  };
}

/** Enumeration values of a simple type node (named or inline), in declaration order. */
export function enumerationValues(node: XNode): string[] {
  const restriction = node.local === 'simpleType' ? child(node, 'restriction') : undefined;
  return restriction ? restriction.children.filter((c) => c.local === 'enumeration').map((c) => c.attrs.value ?? '') : [];
}
