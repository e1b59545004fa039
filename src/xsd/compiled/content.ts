import type { ElementDecl, GroupParticle, Particle } from '../content-model.js';
import type { QualifiedName } from '../issue.js';
import { ownCopy, ownUri } from '../../xml/own-copy.js';

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

/**
 * States are interned (one object per distinct state), so that a set of them has a key and the
 * transitions out of it can be remembered: the automaton is built lazily, once per content model and
 * state, and a document's children then cost two map lookups each. Counts above minOccurs of an
 * unbounded particle are folded into one state, so the number of states stays bounded.
 */
const elementStates: ElementState[] = [];
function elementState(n: number): ElementState {
  let s = elementStates[n];
  if (!s) elementStates[n] = s = { n };
  return s;
}
const groupStates = new Map<string, GroupState>();
const keys = new WeakMap<State, string>();
function keyOf(s: State): string {
  return 'n' in s ? String(s.n) : keys.get(s)!;
}
function groupState(it: number, at: number, child: State | null): GroupState {
  const key = `${it},${at},${child ? `(${keyOf(child)})` : ''}`;
  let s = groupStates.get(key);
  if (!s) {
    s = { it, at, child };
    groupStates.set(key, s);
    keys.set(s, key);
  }
  return s;
}

const START_ELEMENT: ElementState = elementState(0);
const START_GROUP: GroupState = groupState(0, -1, null);

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
    if (n < p.decl.max && accepts(p.decl)) out.push([elementState(p.decl.max === Infinity ? Math.min(n + 1, Math.max(p.decl.min, 1)) : n + 1), p.decl]);
    return;
  }
  const g = s as GroupState;
  const inner: [State, ElementDecl][] = [];
  const within = (it: number, at: number, child: State): void => {
    inner.length = 0;
    step(p.particles[at]!, child, accepts, inner);
    for (const [cs, decl] of inner) out.push([groupState(it, at, cs), decl]);
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
  // The iteration is complete: another one, if the group repeats (past minOccurs, an unbounded group's count no longer matters).
  if (g.it + 1 < p.max) fresh(p.max === Infinity ? Math.min(g.it + 1, Math.max(p.min, 1)) : g.it + 1);
}

/** What reading one child name does from a node: the declaration read and the node reached; null when refused. */
interface Edge {
  uri: string;
  decl: ElementDecl | null;
  to: Node | null;
}

/** A set of states of one content model, with what leaves it (filled as documents need it). */
interface Node {
  states: State[];
  /** By local name: the declaration read and the node reached, per namespace; null when refused. */
  next: Map<string, Edge[]>;
  complete?: boolean;
  expected?: QualifiedName[];
}

const automata = new WeakMap<GroupParticle, Map<string, Node>>();

function nodeOf(model: GroupParticle, states: State[]): Node {
  let nodes = automata.get(model);
  if (!nodes) automata.set(model, (nodes = new Map<string, Node>()));
  const key = states.map(keyOf).join('|');
  let node = nodes.get(key);
  if (!node) {
    if (nodes.size > MAX_NODES) throw new Overflow();
    nodes.set(key, (node = { states, next: new Map() }));
  }
  return node;
}

const MAX_NODES = 50_000;

/** The start node of each model: one lookup per element checked, not a state and its key built again. */
const starts = new WeakMap<GroupParticle, Node>();

/** Runs one element's content model over its children. */
export class ContentRun {
  private node: Node;
  constructor(private readonly model: GroupParticle) {
    let start = starts.get(model);
    if (!start) starts.set(model, (start = nodeOf(model, [initial(model)])));
    this.node = start;
  }

  /** Reads a child; its declaration, or null when the content model does not allow it here. */
  next(child: QualifiedName): ElementDecl | null {
    let list = this.node.next.get(child.local);
    let edge: Edge | undefined;
    if (list) {
      for (let i = 0; i < list.length; i++) {
        if (list[i]!.uri === child.uri) {
          edge = list[i];
          break;
        }
      }
    }
    if (!edge) {
      const out: [State, ElementDecl][] = [];
      const accepts: Visit = (d) => d.name === child.local && d.uri === child.uri;
      for (const s of this.node.states) step(this.model, s, accepts, out);
      if (out.length > MAX_STATES) throw new Overflow();
      const unique = [...new Set(out.map((o) => o[0]))];
      const uri = ownUri(child.uri);
      edge = out.length === 0 ? { uri, decl: null, to: null } : { uri, decl: out[0]![1], to: nodeOf(this.model, unique) };
      if (!list) this.node.next.set(ownCopy(child.local), (list = []));
      list.push(edge);
    }
    if (!edge.to) return null;
    this.node = edge.to;
    return edge.decl;
  }

  /** The content may end here. */
  complete(): boolean {
    const n = this.node;
    return (n.complete ??= n.states.some((s) => canFinish(this.model, s)));
  }

  /** What could come next, in schema order, each name once. */
  expected(): QualifiedName[] {
    const n = this.node;
    if (n.expected) return n.expected;
    const list: QualifiedName[] = [];
    const names = new Set<string>();
    const record: Visit = (d) => {
      const key = `${d.uri}|${d.name}`;
      if (!names.has(key)) {
        names.add(key);
        list.push({ local: d.name, uri: d.uri });
      }
      return false;
    };
    for (const s of n.states) step(this.model, s, record, []);
    return (n.expected = list);
  }
}
