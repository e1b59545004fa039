/**
 * The XML 1.0 + Namespaces well-formedness rules our scanner checks in strict mode (tree.ts, `strict`),
 * so that the compiled XSD engine needs no second parser: names, references, characters, the XML
 * declaration, comments, processing instructions, namespace declarations, and libxml2's own limits
 * (depth, text length), each with what to tell a faturista. What TISS never uses (a DTD, entities) is
 * refused before (read.ts). test/wellformed-differential.test.ts holds it to libxml2's verdict.
 */
import { formatInteger } from '../locale/pt-br.js';
export interface WellFormedError {
  /** Char offset in the decoded text. */
  offset: number;
  message: string;
  fix: string | null;
}

/**
 * What to do with a file that ends too soon (both engines): it was cut off by an incomplete download,
 * transfer or generation — the XML itself is not to be edited.
 */
export const TRUNCATED_FIX = 'O arquivo foi cortado antes do fim (download, transferência ou geração interrompida): gere-o ou baixe-o de novo e confira se ele chegou inteiro.';

/** libxml2's limits without XML_PARSE_HUGE (which the engine never sets), measured with libxml2-wasm. */
export const MAX_DEPTH = 256;
/** Characters of one text node, after references are decoded (exact: 10,000,000 passes, one more does not). */
export const MAX_TEXT_LENGTH = 10_000_000;
/** Characters of a name (exact). */
export const MAX_NAME_LENGTH = 50_000;
/**
 * An attribute value, CDATA section, comment, processing instruction or a whole start tag: libxml2's limit
 * for these moves with what comes before them in its buffer (measured between 9,999,913 and 10,000,000
 * characters; a start tag: 9,999,998 at the start of the file, 9,999,919 after a 5 MB comment), so the
 * scanner refuses a little earlier, at 9,900,000: never accepting what libxml2 refuses. No TISS file
 * comes near either.
 */
export const MAX_MARKUP_LENGTH = 9_900_000;

export function tooLong(offset: number, what: string, limit: number): WellFormedError {
  return {
    offset,
    message: `${what} tem mais de ${formatInteger(limit)} caracteres, o limite do leitor XML; nenhum campo TISS chega perto disso.`,
    fix: 'Confira o arquivo: ele provavelmente está corrompido.',
  };
}

const START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const CHAR = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// The classes hold XML's name ranges, combining marks (U+0300–U+036F) included on purpose.
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`^[${START}][${CHAR}]*$`, 'u');
const NCNAME = new RegExp(`^[${START.slice(1)}][${CHAR.replace(':', '')}]*$`, 'u');

/** An XML Name (element, attribute, PI target). */
export function isName(s: string): boolean {
  return NAME.test(s);
}

/** A name as Namespaces in XML allows it: one colon at most, with a name on each side. */
export function isQName(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon < 0) return NCNAME.test(s);
  return NCNAME.test(s.slice(0, colon)) && NCNAME.test(s.slice(colon + 1));
}

/** Characters XML 1.0 does not allow anywhere (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function forbiddenChar(text: string): WellFormedError | null {
  const m = FORBIDDEN.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  return {
    offset: m.index,
    message: `O arquivo contém um caractere proibido em XML (código 0x${code.toString(16).toUpperCase().padStart(2, '0')}), como um byte nulo ou de controle: o arquivo pode estar corrompido ou ser binário.`,
    fix: 'Remova o caractere de controle; se o arquivo inteiro estiver corrompido, gere-o de novo.',
  };
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const REFERENCE = /&(?:#x([0-9a-fA-F]+);|#([0-9]+);|([^\s&;<>"'=]*);?)/g;
const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** The first bad reference in text or an attribute value (between `from` and `to`), or null. */
export function badReference(text: string, from: number, to: number): WellFormedError | null {
  let at = indexWithin(text, '&', from, to);
  while (at >= 0 && at < to) {
    REFERENCE.lastIndex = at;
    const m = REFERENCE.exec(text)!;
    const end = at + m[0].length;
    if (m[1] !== undefined || m[2] !== undefined) {
      const digits = m[1] ?? m[2]!;
      const cp = digits.length > 8 ? Infinity : parseInt(digits, m[1] !== undefined ? 16 : 10);
      if (!isXmlChar(cp)) {
        return { offset: at, message: `A referência ${m[0]} não é um caractere permitido em XML.`, fix: 'Remova a referência ou escreva o caractere certo.' };
      }
    } else {
      const name = m[3] ?? '';
      if (name === '' || !m[0].endsWith(';') || end > to) {
        return { offset: at, message: 'Há um "&" solto no texto; em XML ele precisa ser escrito como &amp;.', fix: 'Troque "&" por "&amp;" (ex.: "Silva &amp; Souza").' };
      }
      if (!PREDEFINED.has(name)) {
        return {
          offset: at,
          message: isName(name) ? `A entidade &${name}; não existe em XML (só &amp; &lt; &gt; &quot; &apos; e &#NNN;).` : 'Há um "&" solto no texto; em XML ele precisa ser escrito como &amp;.',
          fix: name === 'nbsp' ? 'Troque &nbsp; por um espaço comum.' : isName(name) ? `Escreva o caractere diretamente (em ISO-8859-1) ou use &#NNN; no lugar de &${name};.` : 'Troque "&" por "&amp;".',
        };
      }
    }
    at = indexWithin(text, '&', end, to);
  }
  return null;
}

/** Offset of `c` in [from, to), or -1: never a search past `to` (a search to the end per segment is quadratic). */
export function indexWithin(text: string, c: string, from: number, to: number): number {
  const code = c.charCodeAt(0);
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

const XML_DECL = /^<\?xml([ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.[0-9]+"|'1\.[0-9]+'))([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/;

/**
 * A processing instruction at `lt` (`<?target data?>`, ending at `end`, the `?` of `?>`): the XML
 * declaration only at the very start and in its own grammar; any other target a Name that is not `xml`.
 */
export function badProcessingInstruction(text: string, lt: number, end: number, atStart: boolean): WellFormedError | null {
  const body = text.slice(lt + 2, end);
  const target = /^[^ \t\r\n]*/.exec(body)![0];
  if (target.toLowerCase() === 'xml') {
    if (target === 'xml' && atStart) {
      return XML_DECL.test(text.slice(lt, end + 2))
        ? null
        : { offset: lt, message: 'A declaração <?xml ...?> está mal escrita (version, encoding e standalone, nessa ordem, com o valor entre aspas).', fix: 'Use <?xml version="1.0" encoding="ISO-8859-1"?>.' };
    }
    return { offset: lt, message: 'A declaração <?xml ...?> não está no início do arquivo (há espaços, linhas, texto ou outra declaração antes dela).', fix: 'Remova tudo o que vem antes de <?xml ...?>, e as declarações repetidas.' };
  }
  if (!isName(target) || (body.length > target.length && !/^[ \t\r\n]/.test(body.slice(target.length)))) {
    return { offset: lt, message: 'Uma instrução de processamento (<?...?>) está mal formada.', fix: 'Remova a marcação <?...?> ou corrija-a.' };
  }
  return null;
}

/** A comment body (between `<!--` and `-->`) must not hold `--` nor end in `-`. */
export function badComment(text: string, from: number, to: number, lt: number): WellFormedError | null {
  let dashes = -1;
  for (let i = from; i + 1 < to; i++) {
    if (text.charCodeAt(i) === 0x2d && text.charCodeAt(i + 1) === 0x2d) {
      dashes = i;
      break;
    }
  }
  if (dashes >= 0 || (to > from && text.charCodeAt(to - 1) === 0x2d)) {
    return { offset: lt, message: 'Um comentário contém "--", o que XML não permite dentro de <!-- ... -->.', fix: 'Troque "--" por outro texto dentro do comentário.' };
  }
  return null;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** A namespace declaration Namespaces in XML forbids (`xmlns:p=""`, rebinding `xml` or `xmlns`). */
export function badDeclaration(prefix: string, uri: string, offset: number): WellFormedError | null {
  const bad = (what: string): WellFormedError => ({ offset, message: `Declaração de namespace inválida: ${what}.`, fix: 'Corrija ou remova a declaração xmlns.' });
  if (prefix === 'xmlns') return bad('o prefixo xmlns não pode ser declarado');
  if (prefix === 'xml' && uri !== XML_NS) return bad('o prefixo xml só pode apontar para o namespace do XML');
  if (prefix !== 'xml' && uri === XML_NS) return bad('o namespace do XML só pode ter o prefixo xml');
  if (uri === XMLNS_NS) return bad('o namespace xmlns não pode ser declarado');
  if (prefix !== '' && uri === '') return bad(`xmlns:${prefix}="" (um prefixo não pode ser declarado vazio)`);
  if (uri !== '' && !URI_REFERENCE.test(uri)) return bad(`"${uri}" não é um URI válido (espaço, acento ou caractere não permitido)`);
  return null;
}

/** RFC 3986 URI-reference (what libxml2 checks a namespace name against). */
const URI_REFERENCE = (() => {
  const unreserved = "A-Za-z0-9\\-._~";
  const sub = "!$&'()*+,;=";
  const pct = '%[0-9A-Fa-f]{2}';
  const pchar = `(?:[${unreserved}${sub}:@]|${pct})`;
  const regName = `(?:[${unreserved}${sub}]|${pct})*`;
  const ipLiteral = `\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${unreserved}${sub}:]+)\\]`;
  const authority = `(?:(?:[${unreserved}${sub}:]|${pct})*@)?(?:${ipLiteral}|${regName})(?::[0-9]*)?`;
  const abempty = `(?:/${pchar}*)*`;
  const absolute = `/(?:${pchar}+(?:/${pchar}*)*)?`;
  const rootless = `${pchar}+(?:/${pchar}*)*`;
  const noscheme = `(?:[${unreserved}${sub}@]|${pct})+(?:/${pchar}*)*`;
  const tail = `(?:\\?(?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?`;
  const uri = `[A-Za-z][A-Za-z0-9+\\-.]*:(?://${authority}${abempty}|${absolute}|${rootless}|)${tail}`;
  const relative = `(?://${authority}${abempty}|${absolute}|${noscheme}|)${tail}`;
  return new RegExp(`^(?:${uri}|${relative})$`);
})();

export function undeclaredPrefix(prefix: string, name: string, offset: number): WellFormedError {
  return {
    offset,
    message: `O prefixo "${prefix}:" usado em <${name}> não foi declarado (falta xmlns:${prefix}="http://www.ans.gov.br/padroes/tiss/schemas").`,
    fix: `Declare o namespace no elemento raiz: xmlns:${prefix}="http://www.ans.gov.br/padroes/tiss/schemas".`,
  };
}
