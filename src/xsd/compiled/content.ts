import type { ElementDecl, GroupParticle, Particle } from '../content-model.js';
import type { QualifiedName } from '../issue.js';

/**
 * A content model (sequences, choices, elements, with minOccurs/maxOccurs) run as an automaton over
 * the child elements of one element. The state is the set of positions the children read so far can
 * be at; counters stay counters (a lote's 100 guias are one number, not 100 states). The XSD's Unique
 * Particle Attribution rule keeps the set at one position in practice; it is capped all the same, and
 * past the cap the content is handed to the reference engine (Overflow) rather than guessed.
 */
export class Overflow extends Error {}

const MAX_STATES = 64;

/** Where one particle is: an element's count, or a group's iteration, current child and its state. */
type State = ElementState | GroupState;
interface ElementState {
  readonly n: number;
}
interface GroupState {
  /** Iterations completed. */
  readonly it: number;
  /** Child being read in the current iteration (sequence: index; choice: branch), -1 before any. */
  readonly at: number;
  readonly child: State | null;
}

const START_ELEMENT: ElementState = { n: 0 };
const START_GROUP: GroupState = { it: 0, at: -1, child: null };

const initial = (p: Particle): State => (p.kind === 'element' ? START_ELEMENT : START_GROUP);

const nullableCache = new WeakMap<Particle, boolean>();
function nullable(p: Particle): boolean {
  let v = nullableCache.get(p);
  if (v === undefined) {
    if (p.kind === 'element') v = p.decl.min === 0;
    else if (p.min === 0) v = true;
    else v = p.kind === 'sequence' ? p.particles.every(nullable) : p.particles.some(nullable);
    nullableCache.set(p, v);
  }
  return v;
}

function canFinish(p: Particle, s: State): boolean {
  if (p.kind === 'element') return (s as ElementState).n >= p.decl.min;
  const g = s as GroupState;
  if (g.at < 0) return g.it >= p.min || nullable(p);
  if (!restFinishes(p, g)) return false;
  return g.it + 1 >= p.min || nullable(p);
}

/** The current iteration of a group can end where it is. */
function restFinishes(p: GroupParticle, g: GroupState): boolean {
  const cur = p.particles[g.at]!;
  if (!canFinish(cur, g.child!)) return false;
  if (p.kind === 'choice') return true;
  for (let k = g.at + 1; k < p.particles.length; k++) if (!nullable(p.particles[k]!)) return false;
  return true;
}

type Visit = (decl: ElementDecl) => boolean;

/**
 * Every state reached by reading one element that `accepts`, pushed into `out` with the declaration
 * that read it. The same walk, with an `accepts` that records and refuses, lists what is expected.
 */
function step(p: Particle, s: State, accepts: Visit, out: [State, ElementDecl][]): void {
  if (p.kind === 'element') {
    const n = (s as ElementState).n;
    if (n < p.decl.max && accepts(p.decl)) out.push([{ n: n + 1 }, p.decl]);
    return;
  }
  const g = s as GroupState;
  const inner: [State, ElementDecl][] = [];
  const within = (it: number, at: number, child: State): void => {
    inner.length = 0;
    step(p.particles[at]!, child, accepts, inner);
    for (const [cs, decl] of inner) out.push([{ it, at, child: cs }, decl]);
  };
  const fresh = (it: number): void => {
    // A new iteration: a sequence from its first child on, past the ones that may be empty; a choice, any branch.
    if (p.kind === 'choice') {
      for (let b = 0; b < p.particles.length; b++) within(it, b, initial(p.particles[b]!));
    } else {
      for (let k = 0; k < p.particles.length; k++) {
        within(it, k, initial(p.particles[k]!));
        if (!nullable(p.particles[k]!)) break;
      }
    }
  };
  if (g.at < 0) {
    if (g.it < p.max) fresh(g.it);
    return;
  }
  // Go on inside the current child, or move on to later children of this iteration.
  within(g.it, g.at, g.child!);
  if (!canFinish(p.particles[g.at]!, g.child!)) return;
  if (p.kind === 'sequence') {
    for (let k = g.at + 1; k < p.particles.length; k++) {
      within(g.it, k, initial(p.particles[k]!));
      if (!nullable(p.particles[k]!)) return;
    }
  }
  // The iteration is complete: another one, if the group repeats.
  if (g.it + 1 < p.max) fresh(g.it + 1);
}

/** Runs one element's content model over its children. */
export class ContentRun {
  private states: State[];
  constructor(private readonly model: GroupParticle) {
    this.states = [initial(model)];
  }

  /** Reads a child; its declaration, or null when the content model does not allow it here. */
  next(child: QualifiedName): ElementDecl | null {
    const out: [State, ElementDecl][] = [];
    const accepts: Visit = (d) => d.name === child.local && d.uri === child.uri;
    for (const s of this.states) step(this.model, s, accepts, out);
    if (out.length === 0) return null;
    if (out.length > MAX_STATES) throw new Overflow();
    this.states = out.map((o) => o[0]);
    return out[0]![1];
  }

  /** The content may end here. */
  complete(): boolean {
    return this.states.some((s) => canFinish(this.model, s));
  }

  /** What could come next, in schema order, each name once. */
  expected(): QualifiedName[] {
    const seen = new Set<ElementDecl>();
    const list: QualifiedName[] = [];
    const keys = new Set<string>();
    const record: Visit = (d) => {
      if (!seen.has(d)) {
        seen.add(d);
        const key = `${d.uri}|${d.name}`;
        if (!keys.has(key)) {
          keys.add(key);
          list.push({ local: d.name, uri: d.uri });
        }
      }
      return false;
    };
    for (const s of this.states) step(this.model, s, record, []);
    return list;
  }
}
