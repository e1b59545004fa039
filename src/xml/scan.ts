import { decodeAttr, decodeText, isSpace, startsWithAt } from './chardata.js';
import { lineColumn, lineStartsOf } from './lines.js';
import { HASH_SEED, hashStep, RawNames, type RawName } from './raw-names.js';
import { ownUri } from './own-copy.js';
import { ElementTable, FLAG_MIXED, FLAG_NONSPACE, FLAG_RAW, type XTree } from './tree.js';
import { badComment, badDeclaration, badProcessingInstruction, badReference, forbiddenChar, isQName, MAX_DEPTH, MAX_MARKUP_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, tooLong, TRUNCATED_FIX, undeclaredPrefix, indexWithin, type WellFormedError } from './wellformed.js';

const NO_ATTRS: Record<string, string> = Object.freeze({});
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Why the text could not be read as one element tree. */
export type TreeProblem =
  /** A `<!DOCTYPE` (or any other markup declaration): never read, whatever its position. */
  | { kind: 'doctype'; offset: number }
  /** Markup our reading does not accept (unclosed, mismatched, a second root, text outside the root...). */
  | { kind: 'malformed'; offset: number; what: string }
  | { kind: 'no-root'; offset: number }
  /** Strict mode: what XML 1.0 + Namespaces refuses, said for a faturista. */
  | { kind: 'not-well-formed'; offset: number; message: string; fix: string | null };

export interface ScanOptions {
  /**
   * Check well-formedness in full (names, references, characters, the XML declaration, comments,
   * namespace declarations, libxml2's depth and text limits): the reading the compiled XSD engine relies
   * on instead of a second parser. Off, the scanner reads what libxml2 already accepted.
   */
  strict?: boolean;
  /**
   * How many elements to make room for (an upper bound known beforehand, such as the budget's count of
   * start tags); by default a guess from the text's length, doubled as needed.
   */
  capacity?: number;
}

/** The hash of the chars endOfName last went over (see raw-names.ts). */
let nameHash = HASH_SEED;

/**
 * Where the name that starts at `from` ends: the first char of `[\s/>=<]` (JavaScript's \s, Unicode spaces
 * included), or the end of the text; the hash of its chars is left in `nameHash`. A loop rather than a
 * sticky pattern: the pattern's match array was one more allocation per element for the collector.
 */
function endOfName(text: string, from: number): number {
  const n = text.length;
  let h = HASH_SEED;
  let i = from;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2f || c === 0x3e || c === 0x3d || c === 0x3c || c === 0x20 || (c >= 0x09 && c <= 0x0d)) break;
    if (c >= 0xa0 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) break;
    h = hashStep(h, c);
  }
  nameHash = h;
  return i;
}
const ATTR = /\s*([^\s/>=<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

const isBlank = (s: string): boolean => isSpace(s, 0, s.length);

const HOLDS_AMP = 1;
const HOLDS_CR = 2;
const HOLDS_GT = 4;
/** A char other than XML white space. */
const HOLDS_NONSPACE = 8;

/** What the character data between two offsets holds (HOLDS_* bits), in one pass. */
function textHolds(text: string, from: number, to: number): number {
  let held = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09) continue;
    if (c === 0x0d) held |= HOLDS_CR;
    else {
      held |= HOLDS_NONSPACE;
      if (c === 0x26) held |= HOLDS_AMP;
      else if (c === 0x3e) held |= HOLDS_GT;
    }
  }
  return held;
}

/** Elements per char of text a first guess of the table's size assumes (a TISS lote: ~70 chars per element). */
const CHARS_PER_ELEMENT = 64;

/**
 * Reads the element tree of a document into an ElementTable. A small scanner rather than a general SAX
 * parser (measured here, saxes took 18 ms on a 100-guia SP/SADT lote, twice libxml2's parse plus XSD
 * validation). It is strict about what it does not understand: a DOCTYPE anywhere, an unclosed or
 * mismatched tag, a second root element, or text outside the root is a problem, never a guess, so that it
 * cannot read another document than the one libxml2 parsed (issue 9: a decoy message inside a DOCTYPE's
 * entity value). No string is made for a leaf's text: the table keeps its offsets and a flag when it is
 * not the plain slice between the tags (tree.ts, leafText).
 * Namespace scopes are kept in one map with an undo list per element: linear in the number of
 * declarations, whatever the nesting. A prefix going out of scope is set back to undefined, never
 * deleted: V8's Map is quadratic under set/delete churn on a large map (a root declaring 80,000
 * prefixes, then 80,000 elements each declaring one: 7.4 s with delete, 0.1 s without).
 */
export function scanTree(text: string, options: ScanOptions = {}): { tree: XTree } | { problem: TreeProblem } {
  const strict = options.strict === true;
  // No element takes fewer than 4 chars (`<a/>`): a hint above that (a count of every "<") is cut to it.
  const table = new ElementTable(text, Math.min(options.capacity ?? Math.ceil(text.length / CHARS_PER_ELEMENT), Math.ceil(text.length / 4) + 1));
  const flags = (id: number, bits: number): void => {
    table.flagsOf[id] = table.flagsOf[id]! | bits;
  };
  const rawNames = new RawNames();
  let root = -1;
  let rootClosed = false;
  /** Open elements, and the last child of each (-1 while it has none). */
  const stack: number[] = [];
  const lastChild: number[] = [];
  const ns = new Map<string, string | undefined>([['xml', XML_NS]]);
  /** Undo records: [prefix, previous uri or undefined], with a count per open element. */
  const undo: [string, string | undefined][] = [];
  const undoCounts: number[] = [];
  const restore = (count: number): void => {
    for (let k = count; k > 0; k--) {
      const [prefix, previous] = undo.pop()!;
      ns.set(prefix, previous);
    }
  };
  // A BOM decoded into the text (UTF-8, UTF-16) is not content.
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const malformed = (offset: number, what: string, message?: string, fix: string | null = null) =>
    strict && message !== undefined ? refuse({ offset, message, fix }) : { problem: { kind: 'malformed', offset, what } as TreeProblem };
  const refuse = (e: WellFormedError) => ({ problem: { kind: 'not-well-formed', ...e } as TreeProblem });
  if (strict) {
    const bad = forbiddenChar(text);
    if (bad) return refuse(bad);
  }
  /** Offset just after the last non-white character: where a truncated file ends. */
  const endOfContent = (): number => {
    let i = n;
    while (i > 0 && isSpace(text, i - 1, i)) i--;
    return Math.max(0, i - 1);
  };
  /** Line of an offset, for the few messages that name where a tag was opened. */
  const lineAt = (offset: number): number => lineColumn(lineStartsOf(text), offset).line;

  /** The number of the shared name object of `raw` read in namespace `uri`. */
  const qname = (raw: RawName, uri: string): number => {
    if (raw.qname >= 0 && raw.uri === uri) return raw.qname;
    let q = raw.byUri?.get(uri);
    if (q === undefined) {
      table.names.push({ name: raw.name, local: raw.localStart === 0 ? raw.name : raw.name.slice(raw.localStart), uri });
      q = table.names.length - 1;
      if (raw.qname >= 0) (raw.byUri ??= new Map([[raw.uri, raw.qname]])).set(uri, q);
    }
    raw.qname = q;
    raw.uri = uri;
    return q;
  };

  /** Strict mode: every prefix used by the element and its attributes is declared, and no two attributes are the same name in the same namespace. */
  const namespaceProblem = (raw: RawName, attributes: Record<string, string>, at: number): WellFormedError | null => {
    const name = raw.name;
    if (raw.prefix !== '' && ns.get(raw.prefix) === undefined) return undeclaredPrefix(raw.prefix, name, at);
    if (attributes === NO_ATTRS) return null;
    let seen: Set<string> | null = null;
    for (const key of Object.keys(attributes)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const c = key.indexOf(':');
      if (c < 0) continue;
      const uri = ns.get(key.slice(0, c));
      if (uri === undefined) return undeclaredPrefix(key.slice(0, c), key, at);
      const expanded = `{${uri}}${key.slice(c + 1)}`;
      seen ??= new Set();
      if (seen.has(expanded)) return { offset: at, message: `A tag <${name}> tem dois atributos com o mesmo nome no mesmo namespace (${key}).`, fix: 'Deixe o atributo uma única vez.' };
      seen.add(expanded);
    }
    return null;
  };

  /** Names already checked (strict mode): each distinct name is checked once. */
  const goodNames = new Set<string>();
  const nameOk = (nm: string): boolean => {
    if (goodNames.has(nm)) return true;
    if (nm.length > MAX_NAME_LENGTH || !isQName(nm)) return false;
    goodNames.add(nm);
    return true;
  };

  /** The open element still has no child: what it reads is (so far) a leaf's text. */
  const childless = (top: number): boolean => lastChild[lastChild.length - 1]! < 0 && top >= 0;

  // Made once, not per start tag (a closure per element was garbage for the collector).
  // A "<" (or "<ans:") with nothing after it but the start of a name is where the file was cut, not a stray "<".
  const badStart = (lt: number): ReturnType<typeof refuse> =>
    /^[^\s<>&]*$/.test(text.slice(lt + 1))
      ? malformed(lt, 'arquivo termina em "<"', 'O arquivo termina no meio de uma tag: o arquivo parece truncado.', TRUNCATED_FIX)
      : malformed(lt, '"<" sem nome de elemento', 'Há um "<" que não inicia uma tag válida; no texto ele precisa ser escrito como &lt;.', 'Troque "<" no texto por "&lt;", ou corrija o nome da tag.');

  while (pos < n) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    const top = stack.length > 0 ? stack[stack.length - 1]! : -1;
    if (textEnd > pos) {
      // No string is made for the text of a leaf, nor for the indentation between elements. One pass says
      // what the text holds; the checks below run only for what it found.
      const held = textHolds(text, pos, textEnd);
      if (strict && top >= 0) {
        if ((held & HOLDS_AMP) !== 0) {
          const bad = badReference(text, pos, textEnd);
          if (bad) return refuse(bad);
        }
        if ((held & HOLDS_GT) !== 0) {
          for (let gt = indexWithin(text, '>', pos, textEnd); gt >= 0; gt = indexWithin(text, '>', gt + 1, textEnd)) {
            if (gt >= pos + 2 && text.charCodeAt(gt - 1) === 0x5d && text.charCodeAt(gt - 2) === 0x5d) {
              return refuse({ offset: gt - 2, message: 'O texto contém "]]>", o que XML não permite fora de uma seção CDATA.', fix: 'Escreva "]]&gt;" no lugar de "]]>".' });
            }
          }
        }
        if (textEnd - pos > MAX_TEXT_LENGTH && decodeText(text.slice(pos, textEnd)).length > MAX_TEXT_LENGTH) return refuse(tooLong(pos, 'Um texto', MAX_TEXT_LENGTH));
      }
      if (top < 0) {
        if ((held & HOLDS_NONSPACE) !== 0) {
          return malformed(pos, 'texto fora do elemento raiz', root >= 0 ? 'Há conteúdo depois do fim do elemento raiz (uma segunda mensagem colada, ou lixo no fim do arquivo).' : 'O conteúdo não começa com uma tag XML ("<").', root >= 0 ? 'Deixe um único elemento raiz por arquivo e remova o que vem depois dele.' : 'Confira se o arquivo é mesmo o XML TISS; remova qualquer texto antes de <?xml ...?>.');
        }
      } else if (held !== 0) {
        const leaf = childless(top);
        if (leaf && (held & (HOLDS_AMP | HOLDS_CR)) !== 0) flags(top, FLAG_RAW);
        // Text that is not white space once decoded (`&#32;` is a space): a leaf's text, or text beside child elements.
        if ((held & HOLDS_NONSPACE) !== 0 && ((held & HOLDS_AMP) === 0 || !isBlank(decodeText(text.slice(pos, textEnd))))) {
          flags(top, leaf ? FLAG_NONSPACE : FLAG_MIXED);
        }
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return malformed(lt, 'instrução de processamento sem "?>"', 'Uma instrução de processamento <? não foi fechada com ?>: o arquivo parece truncado.', TRUNCATED_FIX);
      if (strict) {
        const bad = badProcessingInstruction(text, lt, end, lt === (text.charCodeAt(0) === 0xfeff ? 1 : 0));
        if (bad) return refuse(bad);
        if (end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Uma instrução de processamento', MAX_MARKUP_LENGTH));
      }
      if (childless(top)) flags(top, FLAG_RAW);
      pos = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) return malformed(lt, 'comentário sem "-->"', 'Um comentário <!-- não foi fechado com -->.', 'Feche o comentário com --> ou remova-o.');
        if (strict) {
          const bad = badComment(text, lt + 4, end, lt);
          if (bad) return refuse(bad);
          if (end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Um comentário', MAX_MARKUP_LENGTH));
        }
        if (childless(top)) flags(top, FLAG_RAW);
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        if (top < 0) return malformed(lt, 'CDATA fora do elemento raiz', 'Há uma seção CDATA fora do elemento raiz.', 'Remova-a.');
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) return malformed(lt, 'CDATA sem "]]>"', 'Uma seção <![CDATA[ não foi fechada com ]]>.', 'Feche a seção com ]]>.');
        if (strict && end - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, 'Uma seção CDATA', MAX_MARKUP_LENGTH));
        flags(top, childless(top) ? FLAG_MIXED | FLAG_RAW : FLAG_MIXED);
        pos = end + 3;
      } else {
        // <!DOCTYPE, <!ENTITY, <!ELEMENT...: declarations are never read (no DTD, no entities).
        return { problem: { kind: 'doctype', offset: lt } };
      }
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      const node = stack.pop();
      lastChild.pop();
      if (end < 0) return malformed(lt, 'marca de fim sem ">"', 'O arquivo termina sem fechar todas as tags: o arquivo parece truncado.', TRUNCATED_FIX);
      if (node === undefined) return malformed(lt, 'marca de fim sem início', `A tag de fechamento </${text.slice(lt + 2, end)}> não tem tag de abertura.`, 'Remova a tag de fechamento que sobra.');
      const q = table.qname(node);
      if (!startsWithAt(text, q.name, lt + 2) || !isSpace(text, lt + 2 + q.name.length, end)) {
        const closing = text.slice(lt + 2, end).trim();
        // Where libxml2 puts it: just after the end tag (the line and column xmllint shows).
        const local = (s: string): string => s.slice(s.indexOf(':') + 1);
        if (strict) return refuse({ offset: end + 1, message: `A tag de fechamento </${local(closing)}> não corresponde à tag aberta <${q.local}> (aberta na linha ${lineAt(table.startOf[node]!)}).`, fix: `Feche <${q.name}> com </${q.name}> antes de fechar outra tag, ou corrija o nome da tag.` });
        return malformed(lt, `</${text.slice(lt + 2, end)}> não fecha <${q.name}>`);
      }
      restore(undoCounts.pop() ?? 0);
      table.closeStartOf[node] = lt;
      table.endOf[node] = end + 1;
      if (stack.length === 0) rootClosed = true;
      pos = end + 1;
    } else {
      const nameEnd = endOfName(text, lt + 1);
      if (nameEnd === lt + 1) return badStart(lt);
      if (rootClosed) return malformed(lt, 'um segundo elemento raiz', 'Há conteúdo depois do fim do elemento raiz (uma segunda mensagem colada, ou lixo no fim do arquivo).', 'Deixe um único elemento raiz por arquivo e remova o que vem depois dele.');
      // A string is made only for a name not seen before; strict mode checks it then.
      let raw = rawNames.find(text, lt + 1, nameEnd, nameHash);
      if (raw === undefined) {
        const fresh = text.slice(lt + 1, nameEnd);
        if (strict && !nameOk(fresh)) return badStart(lt);
        raw = rawNames.add(fresh, nameHash);
      }
      const name = raw.name;
      if (strict && stack.length >= MAX_DEPTH) return refuse({ offset: lt, message: `Os elementos estão aninhados em mais de ${MAX_DEPTH} níveis, o limite do leitor XML; uma mensagem TISS tem menos de 15.`, fix: 'Confira o arquivo: ele provavelmente está corrompido ou foi montado errado.' });
      let p = nameEnd;
      let attrs = NO_ATTRS;
      let declared = 0;
      const after = text.charCodeAt(p);
      // Most elements have no attribute: skip the attribute pattern when the tag ends right after the name.
      for (; after !== 0x3e && !(after === 0x2f && text.charCodeAt(p + 1) === 0x3e); ) {
        ATTR.lastIndex = p;
        const a = ATTR.exec(text);
        if (!a) break;
        const rawValue = a[2] ?? a[3] ?? '';
        const key = a[1]!;
        if (strict) {
          const attrAt = p;
          if (!isSpace(text, p, p + 1) || !nameOk(key)) return refuse({ offset: attrAt, message: `A tag <${name}> tem um atributo mal escrito (falta espaço entre atributos, ou o nome tem caracteres inválidos).`, fix: 'Escreva os atributos como nome="valor", separados por espaço.' });
          if (attrs !== NO_ATTRS && Object.hasOwn(attrs, key)) return refuse({ offset: attrAt, message: `O atributo ${key} aparece duas vezes na mesma tag.`, fix: 'Deixe o atributo uma única vez.' });
          const valueAt = ATTR.lastIndex - rawValue.length - 1;
          if (rawValue.length > MAX_MARKUP_LENGTH) return refuse(tooLong(valueAt, `O valor do atributo ${key}`, MAX_MARKUP_LENGTH));
          const bad = badReference(text, valueAt, valueAt + rawValue.length);
          if (bad) return refuse(bad);
        }
        const value = decodeAttr(rawValue);
        if (attrs === NO_ATTRS) attrs = {};
        attrs[key] = value;
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          const prefix = key === 'xmlns' ? '' : key.slice(6);
          if (strict) {
            const bad = badDeclaration(prefix, value, p);
            if (bad) return refuse(bad);
          }
          undo.push([prefix, ns.get(prefix)]);
          ns.set(prefix, ownUri(value));
          declared++;
        }
        p = ATTR.lastIndex;
      }
      while (p < n && (text.charCodeAt(p) === 0x20 || text.charCodeAt(p) === 0x0a || text.charCodeAt(p) === 0x0d || text.charCodeAt(p) === 0x09)) p++;
      const selfClosing = text.charCodeAt(p) === 0x2f && text.charCodeAt(p + 1) === 0x3e;
      if (!selfClosing && text.charCodeAt(p) !== 0x3e) {
        if (p >= n) return malformed(lt, `marca <${name}> mal formada`, `O arquivo termina no meio da tag <${name}>: o arquivo parece truncado.`, TRUNCATED_FIX);
        return malformed(lt, `marca <${name}> mal formada`, `A tag <${name}> está mal formada (um atributo sem aspas ou sem "=", um "<" dentro dela, ou um caractere solto).`, 'Escreva a tag como <nome atributo="valor">, ou corrija o texto à volta dela.');
      }
      const close = selfClosing ? p + 1 : p;
      if (strict) {
        // libxml2 refuses a start tag of about 10,000,000 chars too (thousands of attributes or namespace declarations).
        if (close + 1 - lt > MAX_MARKUP_LENGTH) return refuse(tooLong(lt, `A tag <${name}>`, MAX_MARKUP_LENGTH));
        const bad = namespaceProblem(raw, attrs, lt);
        if (bad) return refuse(bad);
      }
      const previous = top >= 0 ? lastChild[lastChild.length - 1]! : -1;
      // The text a container read before its first child is dropped (it keeps no text); it counts as mixed content.
      if (top >= 0 && previous < 0 && (table.flagsOf[top]! & FLAG_NONSPACE) !== 0) flags(top, FLAG_MIXED);
      const id = table.add(top, previous, qname(raw, ns.get(raw.prefix) ?? ''), lt, close + 1);
      if (attrs !== NO_ATTRS) table.setAttributes(id, attrs);
      if (top >= 0) lastChild[lastChild.length - 1] = id;
      else root = id;
      if (selfClosing) {
        restore(declared);
        if (top < 0) rootClosed = true;
      } else {
        stack.push(id);
        lastChild.push(-1);
        undoCounts.push(declared);
      }
      pos = close + 1;
    }
  }
  if (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    const q = table.qname(open);
    return strict
      ? refuse({ offset: endOfContent(), message: `O arquivo termina antes de fechar a tag <${q.name}> (aberta na linha ${lineAt(table.startOf[open]!)}): o arquivo parece truncado.`, fix: TRUNCATED_FIX })
      : malformed(table.startOf[open]!, `<${q.name}> não foi fechado`);
  }
  if (root < 0) return strict ? refuse({ offset: endOfContent(), message: 'O arquivo não contém XML (vazio, ou começa com algo que não é uma tag).', fix: 'Confira se o arquivo enviado é mesmo o XML TISS (e não um PDF, ZIP ou arquivo corrompido).' }) : { problem: { kind: 'no-root', offset: 0 } };
  table.seal();
  return {
    tree: {
      root: table.node(root),
      text,
      get lineStarts() {
        return table.lineStarts;
      },
      get byName() {
        return table.byName;
      },
      elements: table.count,
      table,
    },
  };
}

/** The tree of a document, or null when it cannot be read as one (see scanTree for why). */
export function buildTree(text: string): XTree | null {
  const r = scanTree(text);
  return 'tree' in r ? r.tree : null;
}
