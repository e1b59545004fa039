import type { ComplexDef, ContentModel, ElementDecl, Facets, GroupParticle, Particle, SimpleDef, TypeDef } from './content-model.js';

/**
 * The schema model as plain JSON, so that it is read from the XSDs once (at `tiss schemas install`, or the
 * first time a version is used) and loaded afterwards in a fraction of the time (schemas/model-cache.ts).
 * Declarations and types are numbered, so recursive types and shared declarations keep their identity.
 * Nothing here uses Node.
 */
export const MODEL_FORMAT = 1;

type ParticleJson = { e: number } | { g: 'sequence' | 'choice'; min: number; max: number; p: ParticleJson[] };
type TypeJson = { kind: 'simple'; name: string | null; base: string; facets: Facets } | { kind: 'complex'; name: string | null; content: ParticleJson } | { kind: 'opaque'; name: string | null };
interface DeclJson {
  name: string;
  uri: string;
  min: number;
  /** -1 for unbounded. */
  max: number;
  type: number;
}
export interface ModelJson {
  format: number;
  /** Global element name → declaration. */
  elements: [string, number][];
  decls: DeclJson[];
  types: TypeJson[];
}

const bound = (n: number): number => (n === Infinity ? -1 : n);
const unbound = (n: number): number => (n === -1 ? Infinity : n);

/** Every declaration and type reachable from the global elements, numbered. */
export function modelToJson(model: ContentModel): ModelJson {
  const declIds = new Map<ElementDecl, number>();
  const typeIds = new Map<TypeDef, number>();
  const decls: DeclJson[] = [];
  const types: TypeJson[] = [];
  const declId = (d: ElementDecl): number => {
    let id = declIds.get(d);
    if (id === undefined) {
      id = decls.length;
      declIds.set(d, id);
      const entry: DeclJson = { name: d.name, uri: d.uri, min: d.min, max: bound(d.max), type: -1 };
      decls.push(entry);
      entry.type = typeId(d.type());
    }
    return id;
  };
  const particle = (p: Particle): ParticleJson => (p.kind === 'element' ? { e: declId(p.decl) } : { g: p.kind, min: p.min, max: bound(p.max), p: p.particles.map(particle) });
  const typeId = (t: TypeDef): number => {
    let id = typeIds.get(t);
    if (id === undefined) {
      id = types.length;
      typeIds.set(t, id);
      if (t.kind === 'complex') {
        const entry: TypeJson = { kind: 'complex', name: t.name, content: { g: 'sequence', min: 1, max: 1, p: [] } };
        types.push(entry);
        entry.content = particle(t.content);
      } else types.push(t.kind === 'simple' ? { kind: 'simple', name: t.name, base: t.base, facets: t.facets } : { kind: 'opaque', name: t.name });
    }
    return id;
  };
  const elements: [string, number][] = [];
  for (const name of model.elementNames()) {
    const d = model.element(name);
    if (d) elements.push([name, declId(d)]);
  }
  return { format: MODEL_FORMAT, elements, decls, types };
}

/** The model back from its JSON: the same interfaces the builder gives (content-model.ts). */
export function modelFromJson(json: ModelJson): ContentModel {
  if (json.format !== MODEL_FORMAT) throw new Error(`formato de modelo ${json.format} (esperado ${MODEL_FORMAT})`);
  const types: TypeDef[] = [];
  const decls: ElementDecl[] = json.decls.map((d) => ({ name: d.name, uri: d.uri, min: d.min, max: unbound(d.max), type: () => types[d.type]! }));
  const group = (p: ParticleJson): GroupParticle => {
    if ('e' in p) throw new Error('partícula de grupo esperada');
    return { kind: p.g, min: p.min, max: unbound(p.max), particles: p.p.map(particle) };
  };
  const particle = (p: ParticleJson): Particle => ('e' in p ? { kind: 'element', decl: decls[p.e]! } : group(p));
  for (const t of json.types) {
    if (t.kind === 'simple') types.push({ kind: 'simple', name: t.name, base: t.base, facets: t.facets } satisfies SimpleDef);
    else if (t.kind === 'opaque') types.push({ kind: 'opaque', name: t.name });
    else types.push({ kind: 'complex', name: t.name, content: { kind: 'sequence', min: 1, max: 1, particles: [] } } satisfies ComplexDef);
  }
  json.types.forEach((t, i) => {
    if (t.kind === 'complex') (types[i] as ComplexDef).content = group(t.content);
  });
  const elements = new Map(json.elements.map(([name, id]) => [name, decls[id]!] as const));
  return { element: (name) => elements.get(name), elementNames: () => [...elements.keys()] };
}
