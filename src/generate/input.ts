import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { jsonSyntaxProblem } from '../io/json-syntax.js';
import { TissError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import { lineColumn, lineStartsOf } from '../xml/lines.js';

/**
 * Reading the generator's input files: JSON or YAML, UTF-8 (JSON's encoding, RFC 8259) unless told
 * ISO-8859-1 (what many billing systems export). Syntax errors are TissErrors with line and column.
 */
export type InputEncoding = 'utf-8' | 'iso-8859-1';

export function decodeInput(bytes: Uint8Array, name: string, encoding: InputEncoding = 'utf-8'): string {
  // UTF-16 (BOM, or the NUL bytes of ASCII text in UTF-16) is neither of the encodings we read: say so.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length > 1 && (bytes[0] === 0 || bytes[1] === 0))) {
    throw new TissError(`${name}: a entrada está em UTF-16; JSON e YAML são lidos em UTF-8 (ou ISO-8859-1 com --input-encoding).`, 'Salve o arquivo como UTF-8 (no Bloco de Notas: "Salvar como" → Codificação UTF-8).');
  }
  if (encoding === 'iso-8859-1') return Buffer.from(bytes).toString('latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new TissError(
      `${name}: a entrada não é UTF-8 válido (parece ISO-8859-1 ou Windows-1252).`,
      'Salve o arquivo em UTF-8, ou indique a codificação com --input-encoding iso-8859-1.',
    );
  }
}

/**
 * Parses the input: JSON when it starts with `{` (or the file is .json), YAML otherwise. In YAML
 * every value is read as text (the failsafe schema), so `numeroGuiaPrestador: 000123` keeps its
 * zeros and `01` stays a code, not the number 1.
 */
export function parseInput(text: string, name: string): { value: unknown; syntax: 'json' | 'yaml' } {
  const trimmed = text.replace(/^\uFEFF/, '');
  const json = /\.json$/i.test(name) || /^\s*[{[]/.test(trimmed);
  if (json) {
    try {
      return { value: JSON.parse(trimmed), syntax: 'json' };
    } catch {
      // JSON.parse does not always say where; jsonc-parser (strict mode) does.
      const { offset, what } = jsonSyntaxProblem(trimmed, 'conteúdo inválido');
      const at = lineColumn(lineStartsOf(trimmed), offset);
      throw new TissError(
        `${name}:${at.line}:${at.column}: JSON inválido na linha ${at.line}, coluna ${at.column}: ${what}.`,
        'Confira vírgulas (nenhuma depois do último item), aspas duplas nos nomes e nos textos, e chaves/colchetes fechados. tiss parse <lote.xml> mostra um exemplo do formato.',
      );
    }
  }
  const lc = new LineCounter();
  const doc = parseDocument(trimmed, { schema: 'failsafe', lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = lc.linePos(err.pos[0]);
    throw new TissError(`${name}:${at.line}:${at.col}: YAML inválido na linha ${at.line}, coluna ${at.col} (${err.message.split('\n')[0]}).`, 'Confira a indentação (espaços, não tabulações) e os dois-pontos depois de cada nome de campo.');
  }
  try {
    return { value: doc.toJS({ maxAliasCount: 100 }), syntax: 'yaml' };
  } catch (e) {
    // The only failure left here is an alias bomb ("billion laughs"), refused before it expands.
    throw new TissError(`${name}: YAML recusado: ${/alias/i.test((e as Error).message) ? 'aliases (&/*) demais, que o expandiriam sem limite' : (e as Error).message}.`, 'Escreva os valores por extenso, sem âncoras e aliases.');
  }
}

/** `guias[2].procedimentosExecutados[0].valorTotal` → ['guias', 2, 'procedimentosExecutados', 0, 'valorTotal'] */
export function parseJsonPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * Puts the input's line and column on findings that carry a JSON path (`path`): the value
 * at that path, or for a missing field the object that lacks it. So the text report can show the
 * input under each finding, as `tsc --pretty` does.
 */
export function locateInInput(text: string, findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.line === null && typeof f.path === 'string')) return findings;
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { schema: 'failsafe', lineCounter: lc, uniqueKeys: false });
  const keys = new KeyIndex();
  return findings.map((f) => {
    // A finding that already has its place (a literal of the JSON text itself) keeps it.
    const path = f.line === null && typeof f.path === 'string' ? parseJsonPath(f.path) : null;
    if (!path) return f;
    const offset = offsetOf(doc.contents, path, keys);
    if (offset === null) return f;
    const at = lc.linePos(offset);
    return { ...f, line: at.line, column: at.col };
  });
}

/**
 * The pairs of each map by key, built the first time a map is looked into: 100,000 findings on the keys
 * of one object cost 100,000 lookups, not 100,000 scans of its keys (issue 9, item 14). The first pair
 * wins, as in the JSON text (a repeated key has its own finding).
 */
class KeyIndex {
  private readonly maps = new WeakMap<object, Map<string, Node>>();

  pair(map: { items: unknown[] }, key: string): { key: Node; value: Node | null } | undefined {
    let index = this.maps.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as unknown as Node);
      this.maps.set(map, index);
    }
    return index.get(key) as unknown as { key: Node; value: Node | null } | undefined;
  }
}

/** Offset of the deepest node on the path (a key's position for a field that is there). */
function offsetOf(root: unknown, path: (string | number)[], keys: KeyIndex): number | null {
  let node = root as Node | null;
  let best: number | null = node && (node).range ? (node).range[0] : null;
  for (const step of path) {
    if (isMap(node)) {
      const pair = keys.pair(node, String(step));
      if (!pair) break;
      if (pair.key.range) best = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      if (item.range) best = item.range[0];
      node = item;
    } else break;
  }
  return best;
}
