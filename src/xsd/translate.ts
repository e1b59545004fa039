import type { ErrorDetail } from 'libxml2-wasm';
import type { FindingCode } from '../findings/catalog.js';
import type { FindingCollector } from '../findings/collector.js';
import { guiaNumberOf } from '../message/kind.js';
import { ownText, positionOf, type XNode, type XTree } from '../xml/tree.js';
import { resolveLibxml2Path, xpathOf } from '../xml/xpath.js';
import { builtinBase, removedFrom, type SchemaFacts } from './annotations.js';

/** What the translator needs to know about the schema that reported the errors. */
export interface XsdContext {
  facts: SchemaFacts;
  /** Declared type name of an element of the document (from the XSD content model), if named. */
  typeOf: (node: XNode) => string | null;
  /** The terminology table (number, name, descriptions) an XSD type enumerates, if any. */
  tableFor?: (type: string) => { table: number; name: string; codes: { code: string; description: string | null }[] } | undefined;
  /** e.g. `tissV4_00_00.xsd (4.00.00)`, for the finding's reference. */
  schemaLabel: string;
}

interface Translated {
  code: FindingCode;
  message: string;
  fix: string | null;
  reference?: string;
  data?: Record<string, unknown>;
}

const ELEMENT = /^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?: ([\s\S]*)$/;
const ATOMIC = /^'([\s\S]*)' is not a valid value of the (?:local )?(atomic|union|list) type(?: '(?:\{[^}]*\})?([^']+)')?\.?$/;
const MAX_LISTED = 20;

/**
 * Turns libxml2's schema errors into findings a faturista can act on. A facet error and the
 * "is not a valid value of the atomic type" line libxml2 adds after it become one finding.
 */
export function reportXsdErrors(details: ErrorDetail[], tree: XTree, ctx: XsdContext, out: FindingCollector): void {
  for (let i = 0; i < details.length; i++) {
    const d = details[i]!;
    const raw = d.message.trim();
    const m = ELEMENT.exec(raw);
    let typeName: string | null = null;
    let detail = raw;
    // Merge the atomic-type echo that follows a facet error on the same element.
    const next = details[i + 1];
    if (m && /^\[facet '/.test(m[3]!) && next && next.line === d.line && next.xpath === d.xpath) {
      const nm = ELEMENT.exec(next.message.trim());
      const am = nm ? ATOMIC.exec(nm[3]!) : null;
      if (am) {
        typeName = am[3] ?? null;
        detail = `${raw} | ${next.message.trim()}`;
        i++;
      }
    }
    const node = d.xpath ? resolveLibxml2Path(tree.root, d.xpath) : undefined;
    if (!typeName && node) typeName = ctx.typeOf(node);
    const t = m ? (wrongNamespace(raw, m[1]!) ?? translate(m[1]!, m[2] ?? null, m[3]!, typeName, node, ctx)) : null;
    const where = locate(d, node);
    out.report(t?.code ?? 'TISS-XSD-OTHER', {
      message: t?.message ?? `Erro de estrutura (XSD): ${raw}`,
      ...where,
      reference: t?.reference ?? `XSD ${ctx.schemaLabel}`,
      fix: t?.fix ?? null,
      detail,
      data: t?.data ?? null,
    });
  }
}

function locate(d: ErrorDetail, node: XNode | undefined) {
  const line = d.line > 0 ? d.line : node?.line ?? null;
  return {
    line,
    column: node && node.line === line ? node.column : null,
    xpath: node ? xpathOf(node) : d.xpath ?? null,
    guia: guiaNumberOf(node),
  };
}

const NS_OF = /^Element '\{([^}]*)\}/;
const EXPECTED = /Expected is (?:one of )?\( ([^)]*) \)/;

/**
 * An element whose name is right but whose namespace is not (`<x:cabecalho>` with x bound to another
 * URI, or no namespace at all): "<cabecalho> não é permitido… esperado <cabecalho>" would read as
 * nonsense, so name both namespaces.
 */
function wrongNamespace(raw: string, el: string): Translated | null {
  const expected = EXPECTED.exec(raw)?.[1];
  if (!expected) return null;
  const found = NS_OF.exec(raw)?.[1] ?? '';
  const same = expected
    .split(',')
    .map((s) => /^\s*(?:\{([^}]*)\})?(.+?)\s*$/.exec(s))
    .find((x) => x && x[2] === el && (x[1] ?? '') !== found);
  if (!same) return null;
  const want = same[1] ?? '';
  const ns = (u: string): string => (u ? `no namespace "${u}"` : 'sem namespace');
  return {
    code: 'TISS-XSD-UNEXPECTED-ELEMENT',
    message: `O elemento <${el}> está ${ns(found)}, mas aqui o esquema espera <${el}> ${ns(want)}. O nome está certo; o namespace (o prefixo e o xmlns que o declara) está errado.`,
    fix: want ? `Use o prefixo declarado para ${want} (ex.: ans:${el}, com xmlns:ans="${want}" no elemento raiz).` : `Escreva <${el}> sem prefixo e sem namespace padrão.`,
    data: { element: el, namespace: found, expectedNamespace: want },
  };
}

/**
 * The version that took `el` out of the content of one of `node`'s ancestors' types, as the XSD's own
 * "retirado na versão" comments say; null when it was never there (a plain misplaced element).
 */
function removedHere(el: string, node: XNode, ctx: XsdContext): string | null {
  function* ancestorTypes(): Generator<string | null> {
    for (let a = node.parent; a; a = a.parent) yield ctx.typeOf(a);
  }
  return removedFrom(ctx.facts, el, ancestorTypes());
}

function names(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim().replace(/^\{[^}]*\}/, ''))
    .filter((s) => s.length > 0);
}

function tags(list: string[]): string {
  return list.map((n) => `<${n}>`).join(', ');
}

function translate(el: string, attr: string | null, text: string, typeName: string | null, node: XNode | undefined, ctx: XsdContext): Translated {
  const typeRef = typeName ? `XSD ${ctx.schemaLabel}: tipo ${typeName}` : `XSD ${ctx.schemaLabel}`;
  let m: RegExpExecArray | null;

  if ((m = /^This element is not expected\.(?: Expected is (?:one of )?\( ([^)]*) \))?/.exec(text))) {
    const expected = m[1] ? names(m[1]) : [];
    const at = node ? positionOf(node) : null;
    const prev = node && at ? node.parent?.children[at.index - 1] : undefined;
    if (node && at && prev && prev.local === node.local && !expected.includes(el)) {
      const count = at.nameCount;
      const position = at.nameIndex;
      return {
        code: 'TISS-XSD-MAX-OCCURS',
        message: `<${el}> aparece mais vezes do que o esquema permite: a ${position}ª ocorrência já passa do máximo (há ${count} no total${/^guia(?!sTISS)/.test(el) ? '; um lote aceita no máximo 100 guias' : ''}).${expected.length ? ` Depois disso era esperado: ${tags(expected)}.` : ''}`,
        fix: /^guia(?!sTISS)/.test(el) ? 'Divida as guias em mais de um lote (no máximo 100 guias por lote).' : `Remova as ocorrências de <${el}> além do máximo.`,
        data: { element: el, occurrences: count, expected },
      };
    }
    const removedIn = node ? removedHere(el, node, ctx) : null;
    if (removedIn) {
      return {
        code: 'TISS-XSD-UNEXPECTED-ELEMENT',
        message: `O elemento <${el}> foi retirado do padrão na versão ${removedIn} e não existe mais aqui: remova-o.`,
        fix: `Remova <${el}> (retirado na versão ${removedIn}); o sistema que gerou o arquivo ainda usa o leiaute antigo.`,
        data: { element: el, expected, removedIn },
      };
    }
    return {
      code: 'TISS-XSD-UNEXPECTED-ELEMENT',
      message: expected.length
        ? `O elemento <${el}> não é permitido nesta posição. Era esperado: ${tags(expected)}.`
        : `O elemento <${el}> não é permitido nesta posição (nenhum outro elemento é esperado aqui).`,
      fix: expected.length
        ? `Confira a ordem dos campos e o nome da tag: antes de <${el}> deve vir ${expected.length === 1 ? tags(expected) : `um destes: ${tags(expected)}`}${expected.length === 1 ? ', que está faltando ou fora de ordem' : ''}.`
        : `Remova <${el}> ou mova-o para o lugar certo; confira se o nome está escrito exatamente como no padrão.`,
      data: { element: el, expected },
    };
  }

  if ((m = /^Missing child element\(s\)\. Expected is (?:one of )?\( ([^)]*) \)/.exec(text))) {
    const expected = names(m[1]!);
    return {
      code: 'TISS-XSD-MISSING-ELEMENT',
      message: expected.length === 1
        ? `Falta o elemento obrigatório <${expected[0]}> dentro de <${el}>.`
        : `Falta um elemento obrigatório dentro de <${el}>: um destes: ${tags(expected)}.`,
      fix: `Preencha ${expected.length === 1 ? tags(expected) : `um de ${tags(expected)}`} em <${el}>.`,
      data: { element: el, expected },
    };
  }

  if ((m = /^\[facet 'enumeration'\] The value '([\s\S]*)' is not an element of the set \{([\s\S]*)\}\.?$/.exec(text))) {
    const value = m[1]!;
    const allowed = [...m[2]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!);
    const table = typeName ? ctx.tableFor?.(typeName) : undefined;
    const fromTable = table ? new Map(table.codes.map((c) => [c.code, c.description ?? ''])) : undefined;
    const meanings = fromTable ?? (typeName ? ctx.facts.meanings.get(typeName) : undefined);
    const shown = allowed.filter((v) => v !== '').slice(0, MAX_LISTED).map((v) => (meanings?.get(v) ? `${v} (${meanings.get(v)})` : v));
    const more = allowed.length > MAX_LISTED ? ` e mais ${allowed.length - MAX_LISTED}` : '';
    const blank = value.trim() !== value;
    const tableLabel = table ? ` (tabela ${table.table} — ${table.name})` : '';
    return {
      code: 'TISS-XSD-ENUMERATION',
      message: `O valor '${value}' não é um código válido para <${el}>${tableLabel}${blank ? ' (repare nos espaços)' : ''}. Valores permitidos: ${shown.join('; ')}${more}.`,
      fix: `Use um dos códigos da ${table ? `tabela ${table.table} (tiss tabela ${table.table})` : `lista${typeName ? ` (${typeName})` : ''}`}${blank ? ', sem espaços antes ou depois' : ''}.`,
      reference: table ? `TUSS tabela ${table.table} — ${table.name}; ${typeRef}` : typeRef,
      data: { element: el, value, allowed, type: typeName, table: table?.table ?? null, meanings: meanings ? Object.fromEntries(allowed.filter((v) => meanings.has(v)).map((v) => [v, meanings.get(v)])) : null },
    };
  }

  if ((m = /^\[facet 'pattern'\] The value '([\s\S]*)' is not accepted by the pattern '([\s\S]*)'\.?$/.exec(text))) {
    const [, value, pattern] = m;
    return {
      code: 'TISS-XSD-PATTERN',
      message: `O valor '${value}' em <${el}> não está no formato exigido: ${describePattern(pattern!)}.${pattern === '[0-9]{14}' && /^[0-9A-Z]{12}\d{2}$/.test(value!) ? ' Parece um CNPJ alfanumérico, que só é aceito a partir da versão 4.03.00 do padrão (Monitoramento 1.06.00).' : ''}`,
      fix: `Corrija o valor para o formato ${describePattern(pattern!)} (padrão do XSD: ${pattern}).`,
      reference: typeRef,
      data: { element: el, value, pattern, type: typeName },
    };
  }

  if ((m = /^\[facet '(maxLength|minLength|length)'\] The value (?:'([\s\S]*)' )?has a length of '(\d+)'; this (?:exceeds|underruns|differs from) the allowed (?:maximum |minimum )?length of '(\d+)'\.?$/.exec(text))) {
    const [, facet, quoted, len, limit] = m;
    const value = quoted ?? (node ? ownText(node) : null);
    const empty = Number(len) === 0;
    const message =
      facet === 'maxLength'
        ? `O valor de <${el}> tem ${len} caracteres; o máximo permitido é ${limit}.`
        : facet === 'minLength'
          ? empty
            ? `<${el}> está vazio; o campo exige ao menos ${limit} caractere(s).`
            : `O valor de <${el}> tem ${len} caracteres; o mínimo é ${limit}.`
          : `O valor de <${el}> tem ${len} caracteres; o campo exige exatamente ${limit}.`;
    return {
      code: 'TISS-XSD-LENGTH',
      message,
      fix: facet === 'maxLength' ? `Abrevie o texto para até ${limit} caracteres.` : empty ? `Preencha <${el}> ou remova a tag, se o campo for opcional.` : `Ajuste o valor para ${facet === 'length' ? 'exatamente' : 'ao menos'} ${limit} caracteres.`,
      reference: typeRef,
      data: { element: el, value, length: Number(len), limit: Number(limit), facet, type: typeName },
    };
  }

  if ((m = /^\[facet '(totalDigits|fractionDigits)'\] The value '([\s\S]*)' has more (?:fractional )?digits than are allowed \('(\d+)'\)\.?$/.exec(text))) {
    const [, facet, value, limit] = m;
    return {
      code: 'TISS-XSD-DIGITS',
      message: facet === 'fractionDigits'
        ? `O valor '${value}' em <${el}> tem casas decimais demais; o máximo é ${limit}.`
        : `O valor '${value}' em <${el}> tem dígitos demais; o máximo é ${limit} dígitos no total.`,
      fix: facet === 'fractionDigits' ? `Arredonde para ${limit} casas decimais (ex.: 123.45).` : `Use no máximo ${limit} dígitos.`,
      reference: typeRef,
      data: { element: el, value, facet, limit: Number(limit), type: typeName },
    };
  }

  if ((m = /^\[facet '(min|max)(Inclusive|Exclusive)'\] The value '([\s\S]*)' is (?:less|greater) than (?:or equal to )?the (?:minimum|maximum) value allowed \('([\s\S]*)'\)\.?$/.exec(text)) ||
      (m = /^\[facet '(min|max)(Inclusive|Exclusive)'\] The value '([\s\S]*)' must be (?:greater|less) than '([\s\S]*)'\.?$/.exec(text))) {
    const [, kind, incl, value, limit] = m;
    return {
      code: 'TISS-XSD-RANGE',
      message: `O valor '${value}' em <${el}> está fora do intervalo permitido: ${kind === 'min' ? 'mínimo' : 'máximo'} ${limit}${incl === 'Exclusive' ? ' (exclusive)' : ''}.`,
      fix: null,
      reference: typeRef,
      data: { element: el, value, limit, facet: `${kind}${incl}`, type: typeName },
    };
  }

  if ((m = ATOMIC.exec(text))) {
    const value = m[1]!;
    const type = m[3] ?? null;
    const base = type ? builtinBase(ctx.facts, type) : null;
    const ref = type ? `XSD ${ctx.schemaLabel}: tipo ${type}` : `XSD ${ctx.schemaLabel}`;
    if (base === 'date' || base === 'time' || base === 'dateTime') {
      const format = base === 'date' ? 'AAAA-MM-DD (ex.: 2026-03-15)' : base === 'time' ? 'HH:MM:SS (ex.: 14:30:00)' : 'AAAA-MM-DDTHH:MM:SS';
      const spaces = value.trim() !== value;
      return {
        code: 'TISS-XSD-DATE',
        message: `'${value}' em <${el}> não é ${base === 'date' ? 'uma data' : base === 'time' ? 'uma hora' : 'uma data e hora'} válida; o formato é ${format}${spaces ? ' (há espaços antes ou depois)' : ''}.`,
        fix: /^\d{2}\/\d{2}\/\d{4}$/.test(value.trim())
          ? `Escreva ${value.trim().split('/').reverse().join('-')} no lugar de ${value.trim()}.`
          : `Use o formato ${format}${spaces ? ', sem espaços' : ''}.`,
        reference: ref,
        data: { element: el, value, type, base },
      };
    }
    const kind = base === 'decimal' ? 'um número decimal (ex.: 150.00, com ponto)' : base === 'integer' || base?.endsWith('Integer') || base === 'int' ? 'um número inteiro' : base === 'boolean' ? 'true ou false' : base === 'base64Binary' ? 'conteúdo base64 válido' : `um valor do tipo ${type ?? m[2]}`;
    return {
      code: 'TISS-XSD-TYPE',
      message: value === '' ? `<${el}> está vazio, mas precisa ser ${kind}.` : `'${value}' em <${el}> não é válido: precisa ser ${kind}.`,
      fix: base === 'decimal' && value.includes(',') ? `Use ponto como separador decimal: ${value.replace(/\./g, '').replace(',', '.')}.` : value === '' ? `Preencha <${el}> ou remova a tag, se o campo for opcional.` : null,
      reference: ref,
      data: { element: el, value, type, base },
    };
  }

  if (/^Character content other than whitespace is not allowed/.test(text)) {
    return {
      code: 'TISS-XSD-TEXT-NOT-ALLOWED',
      message: `<${el}> é um grupo de campos e não pode ter texto solto; o valor deve ir dentro de um dos seus elementos filhos.`,
      fix: `Mova o texto para o campo correto dentro de <${el}>.`,
    };
  }

  if (/^Element content is not allowed, because the (?:content type|type definition) is (?:a )?simple/.test(text)) {
    return {
      code: 'TISS-XSD-UNEXPECTED-ELEMENT',
      message: `<${el}> é um campo simples (só texto) e não pode conter outros elementos.`,
      fix: `Deixe só o valor dentro de <${el}>.`,
      data: { element: el, expected: [] },
    };
  }

  if ((m = /^The attribute '([^']+)' is not allowed/.exec(text)) || (attr && /is not allowed/.test(text))) {
    const a = m?.[1] ?? attr;
    return {
      code: 'TISS-XSD-ATTRIBUTE',
      message: `O atributo ${a} não é permitido em <${el}>.`,
      fix: `Remova o atributo ${a}.`,
      data: { element: el, attribute: a },
    };
  }
  if ((m = /^The attribute '([^']+)' is required but missing/.exec(text))) {
    return {
      code: 'TISS-XSD-ATTRIBUTE',
      message: `Falta o atributo obrigatório ${m[1]} em <${el}>.`,
      fix: `Inclua ${m[1]}="..." em <${el}>.`,
      data: { element: el, attribute: m[1] },
    };
  }

  if (/^No matching global declaration available for the validation root/.test(text)) {
    return {
      code: 'TISS-XSD-OTHER',
      message: `<${el}> não é um elemento raiz declarado no esquema.`,
      fix: 'Confira o nome e o namespace do elemento raiz.',
    };
  }

  return { code: 'TISS-XSD-OTHER', message: `Erro de estrutura em <${el}>: ${text}`, fix: null };
}

/** Plain words for the patterns the TISS XSDs use; the raw pattern otherwise. */
export function describePattern(p: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^\[0-9\]\{(\d+)\}$/.exec(p)) || (m = /^\\d\{(\d+)\}$/.exec(p))) return `exatamente ${m[1]} dígitos (só números)`;
  if ((m = /^\[0-9\]\{(\d+),(\d+)\}$/.exec(p))) return `de ${m[1]} a ${m[2]} dígitos (só números)`;
  if (p === '[0-9]{4}[0-9]{2}') return 'AAAAMM (ano e mês, ex.: 202603)';
  if ((m = /^\[0-9\]\{(\d+)\}\[0-9\]\{(\d+)\}$/.exec(p))) return `exatamente ${Number(m[1]) + Number(m[2])} dígitos (só números)`;
  return `o padrão ${p}`;
}
