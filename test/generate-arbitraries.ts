import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tissModel } from '../src/generate/model.js';
import { declAt, isCollapsed, type JsonObject, type JsonValue } from '../src/generate/shape.js';
import type { ComplexDef, GroupParticle, SimpleDef } from '../src/xsd/content-model.js';
import { SAMPLES } from './helpers.js';

/**
 * The random generator inputs of the property tests (fast-check), shared by generate-property.test.ts
 * (what generate makes of them) and generate-contract-schema.test.ts (the exported JSON Schemas agree
 * with generate on them): valid inputs built from the samples of samples/generate by changes that keep
 * them valid, and invalid ones with one breaking change.
 */
export const RUNS = Number(process.env.TISS_PROPERTY_RUNS ?? 40);
export const SEED = Number(process.env.TISS_FC_SEED ?? 20261122);
const GENERATE = join(SAMPLES, 'generate');

export const model = tissModel();
export const BASES: JsonObject[] = readdirSync(GENERATE)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const { $schema: _, ...rest } = JSON.parse(readFileSync(join(GENERATE, f), 'utf8')) as JsonObject;
    return rest;
  });

type Path = (string | number)[];
interface Leaf {
  path: Path;
  type: SimpleDef;
  value: string;
}

/** Every leaf of an input with its simple type, and every object's path. */
export function walk(input: JsonObject): { leaves: Leaf[]; objects: Path[] } {
  const leaves: Leaf[] = [];
  const objects: Path[] = [];
  const visit = (v: JsonValue, path: Path): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (v && typeof v === 'object') {
      if (path.length > 0 && path[0] !== 'guias' ? true : path.length > 1) objects.push(path);
      for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
    } else if (typeof v === 'string' && path.length > 1) {
      const t = declAt(model, input, path)?.type();
      if (t?.kind === 'simple') leaves.push({ path, type: t, value: v });
    }
  };
  for (const [k, v] of Object.entries(input)) if (k !== 'tipo' && k !== 'tipoGuia') visit(v, [k]);
  return { leaves, objects };
}

const get = (o: JsonValue, path: Path): JsonValue => path.reduce<JsonValue>((cur, p) => (cur as Record<string | number, JsonValue>)[p]!, o);
const set = (o: JsonObject, path: Path, value: JsonValue | undefined): void => {
  const parent = get(o, path.slice(0, -1)) as Record<string | number, JsonValue>;
  if (value === undefined) delete parent[path[path.length - 1]!];
  else parent[path[path.length - 1]!] = value;
};

/** Free-text fields no rule reads: any Latin-1 text within the length is valid there. */
export const FREE_TEXT = new Set(['observacao', 'indicacaoClinica', 'nomeProfissional', 'nomeContratadoSolicitante', 'planoBeneficiario', 'nomeEmpresa', 'descricaoProcedimento']);
export const isFree = (l: Leaf): boolean => FREE_TEXT.has(String(l.path[l.path.length - 1])) && l.type.base === 'string' && !l.type.facets.pattern && !l.type.facets.enumeration;

const LATIN1_CHARS = [...' abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:-/()%&<>"\'\t\n\r', ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i))];
export const latin1Text = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÇ'), fc.array(fc.constantFrom(...LATIN1_CHARS), { maxLength: Math.max(0, Math.min(max, 120) - 1) }))
    // "Ã§" or "Â°" is what UTF-8 looks like read as ISO-8859-1: validate rightly reports it
    // (TISS-ENC-UTF8-DECLARED-LATIN1), so a *valid* random text never holds such a pair.
    .map(([first, rest]) => (first + rest.join('')).replace(/([\u00c2\u00c3])(?=[\u0080-\u00bf])/g, '$1 '));

const NUMERO_GUIA = /^numeroGuiaPrestador$/;

/** A lote with `n` guias cycled from the base's, each with its own numeroGuiaPrestador. */
export function resize(base: JsonObject, n: number): JsonObject {
  const guias = base.guias as JsonObject[];
  const copy = structuredClone(base);
  copy.guias = Array.from({ length: n }, (_, i) => {
    const g = structuredClone(guias[i % guias.length]!);
    const renumber = (o: JsonObject): void => {
      for (const [k, v] of Object.entries(o)) {
        if (NUMERO_GUIA.test(k) && typeof v === 'string') o[k] = String(700000000 + i);
        else if (v && typeof v === 'object' && !Array.isArray(v) && k.startsWith('cabecalho')) renumber(v);
      }
    };
    renumber(g);
    return g;
  });
  return copy;
}

const reverseKeys = (v: JsonValue): JsonValue =>
  Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;

/** A random valid input: a sample, resized, with new free text, some decimals as numbers, keys in any order. */
export const validInput: fc.Arbitrary<JsonObject> = fc
  .integer({ min: 0, max: BASES.length - 1 })
  .chain((b) => {
    const base = BASES[b]!;
    const isLote = Array.isArray(base.guias);
    return fc.tuple(fc.constant(base), isLote ? fc.integer({ min: 1, max: 100 }) : fc.constant(0), fc.infiniteStream(fc.integer({ min: 0, max: 3 })), fc.infiniteStream(latin1Text(500)), fc.boolean());
  })
  .map(([base, n, choices, texts, reversed]) => {
    const input = n > 0 ? resize(base, n) : structuredClone(base);
    const pick = choices[Symbol.iterator]();
    const text = texts[Symbol.iterator]();
    for (const leaf of walk(input).leaves) {
      const c = pick.next().value as number;
      if (isFree(leaf) && c === 0) {
        const max = leaf.type.facets.maxLength ?? 500;
        set(input, leaf.path, [...(text.next().value as string)].slice(0, max).join('').replace(/[\s]+$/, '') || 'X');
      } else if (leaf.type.base === 'decimal' && c === 1) {
        const fd = leaf.type.facets.fractionDigits ?? 2;
        if (Number(leaf.value).toFixed(fd) === leaf.value) set(input, leaf.path, Number(leaf.value));
      }
    }
    return (reversed ? reverseKeys(input) : input) as JsonObject;
  });

/** Names a complex type requires whatever the choices (sequences of mandatory elements only). */
function requiredNames(type: ComplexDef): string[] {
  const out: string[] = [];
  const group = (g: GroupParticle): void => {
    if (g.kind === 'choice' || g.min === 0) return;
    for (const p of g.particles) {
      if (p.kind === 'element') {
        if (p.decl.min >= 1) out.push(p.decl.name);
      } else group(p);
    }
  };
  group(type.content);
  return out;
}

type Breaking = (input: JsonObject, r: () => number) => string | null;

/** One change that makes any input invalid (returns what it did, or null when it does not apply). */
export const BREAKING: Record<string, Breaking> = {
  'data no formato brasileiro': (input, r) => {
    const dates = walk(input).leaves.filter((l) => l.type.base === 'date');
    const l = dates[Math.floor(r() * dates.length)];
    if (!l) return null;
    const [y, m, d] = l.value.split('-');
    set(input, l.path, `${d}/${m}/${y}`);
    return l.path.join('.');
  },
  'campo desconhecido': (input, r) => {
    const objects = walk(input).objects;
    const o = objects[Math.floor(r() * objects.length)]!;
    (get(input, o) as JsonObject)[`campoInexistente${Math.floor(r() * 1000)}`] = '1';
    return o.join('.');
  },
  'código fora do domínio': (input, r) => {
    const enums = walk(input).leaves.filter((l) => l.type.facets.enumeration && !l.type.facets.enumeration.includes('ZZ9'));
    const l = enums[Math.floor(r() * enums.length)];
    if (!l) return null;
    set(input, l.path, 'ZZ9');
    return l.path.join('.');
  },
  'texto longo demais': (input, r) => {
    const texts = walk(input).leaves.filter((l) => l.type.facets.maxLength !== undefined && !l.type.facets.enumeration && !l.type.facets.pattern);
    const l = texts[Math.floor(r() * texts.length)];
    if (!l) return null;
    set(input, l.path, 'A'.repeat(l.type.facets.maxLength! + 1 + Math.floor(r() * 20)));
    return l.path.join('.');
  },
  'caractere fora do Latin-1': (input, r) => {
    const free = walk(input).leaves.filter(isFree);
    const l = free[Math.floor(r() * free.length)];
    if (!l) return null;
    const chars = ['—', '“', '€', 'ő', 'Ł', '中', '😀', '\u2028'];
    set(input, l.path, `${l.value.slice(0, 10)}${chars[Math.floor(r() * chars.length)]}`);
    return l.path.join('.');
  },
  'caractere de controle': (input, r) => {
    const free = walk(input).leaves.filter(isFree);
    const l = free[Math.floor(r() * free.length)];
    if (!l) return null;
    set(input, l.path, `${l.value.slice(0, 5)}${String.fromCharCode(1 + Math.floor(r() * 8))}`);
    return l.path.join('.');
  },
  'campo obrigatório removido': (input, r) => {
    const candidates: Path[] = [];
    for (const o of walk(input).objects) {
      const decl = declAt(model, input, o);
      const t = decl?.type();
      if (!decl || t?.kind !== 'complex' || (isCollapsed(decl) && typeof o[o.length - 1] !== 'number')) continue;
      const value = get(input, o) as JsonObject;
      for (const name of requiredNames(t)) if (value[name] !== undefined) candidates.push([...o, name]);
    }
    const p = candidates[Math.floor(r() * candidates.length)];
    if (!p) return null;
    set(input, p, undefined);
    return p.join('.');
  },
  'mais de 100 guias': (input, r) => {
    if (!Array.isArray(input.guias)) return null;
    Object.assign(input, resize(input, 101 + Math.floor(r() * 20)));
    return 'guias';
  },
  'objeto no lugar de texto': (input, r) => {
    const leaves = walk(input).leaves;
    const l = leaves[Math.floor(r() * leaves.length)]!;
    set(input, l.path, r() < 0.5 ? { valor: l.value } : [l.value]);
    return l.path.join('.');
  },
  'tipo desconhecido': (input) => {
    input.tipo = 'loteDeGuias';
    return 'tipo';
  },
};

export const invalidInput: fc.Arbitrary<{ input: JsonObject; change: string; where: string }> = fc
  .tuple(fc.integer({ min: 0, max: BASES.length - 1 }), fc.constantFrom(...Object.keys(BREAKING)), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
  .map(([b, change, seed]) => {
    const input = structuredClone(BASES[b]!);
    let s = seed;
    const r = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    return { input, change, where: BREAKING[change]!(input, r) ?? '' };
  })
  .filter((x) => x.where !== '');

