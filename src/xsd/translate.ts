import type { ErrorDetail } from 'libxml2-wasm';
import type { FindingCode } from '../findings/catalog.js';
import type { FindingCollector } from '../findings/collector.js';
import { where } from '../message/where.js';
import { ownText, positionOf, previousSibling, type XNode, type XTree } from '../xml/tree.js';
import { resolveLibxml2Path } from '../xml/libxml2-path.js';
import { clark, libxml2Wording, type QualifiedName, type XsdIssue } from './issue.js';
import { isFacetWithEcho, issueFromLibxml2 } from './libxml2-issues.js';
import { listAllowed } from './allowed-values.js';
import { builtinBase, removedFrom, type SchemaFacts } from './annotations.js';
import { xsdGlosa } from './glosa.js';

/** What the translator needs to know about the schema that reported the errors. */
export interface XsdContext {
  facts: SchemaFacts;
  /** Declared type name of an element of the document (from the XSD content model), if named. */
  typeOf: (node: XNode) => string | null;
  /** The terminology table (number, name, descriptions) an XSD type enumerates, if any. */
  tableFor?: (type: string) => { table: number; name: string; codes: { code: string; description: string | null }[] } | undefined;
  /** e.g. `tissV4_00_00.xsd (4.00.00)`, for the finding's reference. */
  schemaLabel: string;
  /** Whether the checked version's Tabela 38 has a glosa code (a field's code is dropped when not); default: yes. */
  glosaExists?: (code: string) => boolean;
}

interface Translated {
  code: FindingCode;
  message: string;
  fix: string | null;
  reference?: string;
  data?: Record<string, unknown>;
}

/** An issue on an element of the document (node is null when the engine could not place it). */
export interface PlacedIssue {
  issue: XsdIssue;
  node: XNode | undefined;
  /** Line the engine gave (libxml2's), when the node is not known or differs. */
  line?: number | null;
  /** What the engine said, kept as the finding's detail. */
  detail?: string;
}

/**
 * Turns libxml2's schema errors into findings a faturista can act on (the reference engine). A facet
 * error and the "is not a valid value of the atomic type" line libxml2 adds after it become one finding.
 */
export function reportXsdErrors(details: ErrorDetail[], tree: XTree, ctx: XsdContext, out: FindingCollector): void {
  const placed: PlacedIssue[] = [];
  for (let i = 0; i < details.length; i++) {
    const d = details[i]!;
    const raw = d.message.trim();
    const next = details[i + 1];
    const echo = next && next.line === d.line && next.xpath === d.xpath && isFacetWithEcho(raw, next.message.trim()) ? next.message.trim() : undefined;
    if (echo) i++;
    placed.push({
      issue: issueFromLibxml2(raw, echo),
      node: d.xpath ? resolveLibxml2Path(tree.root, d.xpath) : undefined,
      line: d.line > 0 ? d.line : null,
      detail: echo ? `${raw} | ${echo}` : raw,
    });
  }
  reportIssues(placed, ctx, out);
}

/** Findings for XSD issues, from either engine. */
export function reportIssues(issues: PlacedIssue[], ctx: XsdContext, out: FindingCollector): void {
  // libxml2 says "text not allowed" once per text node of an element: one finding per element is enough.
  const said = new Set<string>();
  for (const { issue, node, line, detail } of issues) {
    if (issue.kind === 'text-not-allowed' && node) {
      const key = `${line ?? node.line}|${node.start}`;
      if (said.has(key)) continue;
      said.add(key);
    }
    const typeName = ('type' in issue ? issue.type : null) ?? (node ? ctx.typeOf(node) : null);
    const t = describe(issue, typeName, node, ctx);
    const at = line ?? node?.line ?? null;
    const glosa = xsdGlosa(t.code, t.data, node, ctx.glosaExists);
    out.report(t.code, {
      message: t.message,
      ...where(node),
      // libxml2's line when it differs from the element's start tag (the column is only good on that line).
      line: at,
      column: node && node.line === at ? node.column : null,
      reference: t.reference ?? `XSD ${ctx.schemaLabel}`,
      fix: t.fix,
      detail: detail ?? libxml2Wording(issue),
      data: t.data ?? null,
      ...(glosa ? { glosa } : {}),
    });
  }
}

/**
 * An element whose name is right but whose namespace is not (`<x:cabecalho>` with x bound to another
 * URI, or no namespace at all): "<cabecalho> não é permitido… esperado <cabecalho>" would read as
 * nonsense, so name both namespaces.
 */
function wrongNamespace(found: QualifiedName, expected: QualifiedName[]): Translated | null {
  const same = expected.find((x) => x.local === found.local && x.uri !== found.uri);
  if (!same) return null;
  const el = found.local;
  const want = same.uri;
  const ns = (u: string): string => (u ? `no namespace "${u}"` : 'sem namespace');
  return {
    code: 'TISS-XSD-UNEXPECTED-ELEMENT',
    message: `O elemento <${el}> está ${ns(found.uri)}, mas aqui o esquema espera <${el}> ${ns(want)}. O nome está certo; o namespace (o prefixo e o xmlns que o declara) está errado.`,
    fix: want ? `Use o prefixo declarado para ${want} (ex.: ans:${el}, com xmlns:ans="${want}" no elemento raiz).` : `Escreva <${el}> sem prefixo e sem namespace padrão.`,
    data: { element: el, namespace: found.uri, expectedNamespace: want },
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

function tags(list: string[]): string {
  return list.map((n) => `<${n}>`).join(', ');
}

/** `xs:date` (a built-in named by libxml2) or a schema type, down to its built-in base. */
function baseOf(ctx: XsdContext, type: string): string {
  return builtinBase(ctx.facts, type.replace(/^xs:/, ''));
}

function describe(issue: XsdIssue, typeName: string | null, node: XNode | undefined, ctx: XsdContext): Translated {
  const typeRef = typeName ? `XSD ${ctx.schemaLabel}: tipo ${typeName}` : `XSD ${ctx.schemaLabel}`;
  const el = issue.element?.local ?? '?';

  switch (issue.kind) {
    case 'unexpected': {
      const wrong = wrongNamespace(issue.element, issue.expected);
      if (wrong) return wrong;
      const expected = [...new Set(issue.expected.map((q) => q.local))];
      const at = node ? positionOf(node) : null;
      const prev = node && at ? previousSibling(node) : undefined;
      if (node && at && prev && prev.local === node.local && prev.uri === node.uri && !expected.includes(el)) {
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

    case 'missing': {
      const expected = [...new Set(issue.expected.map((q) => q.local))];
      return {
        code: 'TISS-XSD-MISSING-ELEMENT',
        message: expected.length === 1
          ? `Falta o elemento obrigatório <${expected[0]}> dentro de <${el}>.`
          : `Falta um elemento obrigatório dentro de <${el}>: um destes: ${tags(expected)}.`,
        fix: `Preencha ${expected.length === 1 ? tags(expected) : `um de ${tags(expected)}`} em <${el}>.`,
        data: { element: el, expected },
      };
    }

    case 'enumeration': {
      const { value, allowed } = issue;
      const table = typeName ? ctx.tableFor?.(typeName) : undefined;
      const fromTable = table ? new Map(table.codes.map((c) => [c.code, c.description ?? ''])) : undefined;
      const meanings = fromTable ?? (typeName ? ctx.facts.meanings.get(typeName) : undefined);
      const blank = value.trim() !== value;
      const tableLabel = table ? ` (tabela ${table.table} — ${table.name})` : '';
      return {
        code: 'TISS-XSD-ENUMERATION',
        message: `O valor '${value}' não é um código válido para <${el}>${tableLabel}${blank ? ' (repare nos espaços)' : ''}. Valores permitidos: ${listAllowed(allowed, meanings)}.`,
        fix: `Use um dos códigos da ${table ? `tabela ${table.table} (tiss tabela ${table.table})` : `lista${typeName ? ` (${typeName})` : ''}`}${blank ? ', sem espaços antes ou depois' : ''}.`,
        reference: table ? `TUSS tabela ${table.table} — ${table.name}; ${typeRef}` : typeRef,
        data: { element: el, value, allowed, type: typeName, table: table?.table ?? null, meanings: meanings ? Object.fromEntries(allowed.filter((v) => meanings.has(v)).map((v) => [v, meanings.get(v)])) : null },
      };
    }

    case 'pattern': {
      const { value, pattern } = issue;
      return {
        code: 'TISS-XSD-PATTERN',
        message: `O valor '${value}' em <${el}> não está no formato exigido: ${describePattern(pattern)}.${pattern === '[0-9]{14}' && /^[0-9A-Z]{12}\d{2}$/.test(value) ? ' Parece um CNPJ alfanumérico, que só é aceito a partir da versão 4.03.00 do padrão (Monitoramento 1.06.00).' : ''}`,
        fix: `Corrija o valor para o formato ${describePattern(pattern)} (padrão do XSD: ${pattern}).`,
        reference: typeRef,
        data: { element: el, value, pattern, type: typeName },
      };
    }

    case 'length': {
      const { facet, length: len, limit } = issue;
      const value = issue.value ?? (node ? ownText(node) : null);
      const empty = len === 0;
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
        data: { element: el, value, length: len, limit, facet, type: typeName },
      };
    }

    case 'digits': {
      const { facet, value, limit } = issue;
      return {
        code: 'TISS-XSD-DIGITS',
        message: facet === 'fractionDigits'
          ? `O valor '${value}' em <${el}> tem casas decimais demais; o máximo é ${limit}.`
          : `O valor '${value}' em <${el}> tem dígitos demais; o máximo é ${limit} dígitos no total.`,
        fix: facet === 'fractionDigits' ? `Arredonde para ${limit} casas decimais (ex.: 123.45).` : `Use no máximo ${limit} dígitos.`,
        reference: typeRef,
        data: { element: el, value, facet, limit, type: typeName },
      };
    }

    case 'range': {
      const { facet, value, limit } = issue;
      return {
        code: 'TISS-XSD-RANGE',
        message: `O valor '${value}' em <${el}> está fora do intervalo permitido: ${facet.startsWith('min') ? 'mínimo' : 'máximo'} ${limit}${facet.endsWith('Exclusive') ? ' (exclusive)' : ''}.`,
        fix: null,
        reference: typeRef,
        data: { element: el, value, limit, facet, type: typeName },
      };
    }

    case 'atomic': {
      const { value } = issue;
      const type = issue.type;
      const base = type ? baseOf(ctx, type) : null;
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
      const kind = base === 'decimal' ? 'um número decimal (ex.: 150.00, com ponto)' : base === 'integer' || base?.endsWith('Integer') || base === 'int' ? 'um número inteiro' : base === 'boolean' ? 'true ou false' : base === 'base64Binary' ? 'conteúdo base64 válido' : `um valor do tipo ${type ?? 'do campo'}`;
      return {
        code: 'TISS-XSD-TYPE',
        message: value === '' ? `<${el}> está vazio, mas precisa ser ${kind}.` : `'${value}' em <${el}> não é válido: precisa ser ${kind}.`,
        fix: base === 'decimal' && value.includes(',') ? `Use ponto como separador decimal: ${value.replace(/\./g, '').replace(',', '.')}.` : value === '' ? `Preencha <${el}> ou remova a tag, se o campo for opcional.` : null,
        reference: ref,
        data: { element: el, value, type, base },
      };
    }

    case 'text-not-allowed':
      return {
        code: 'TISS-XSD-TEXT-NOT-ALLOWED',
        message: `<${el}> é um grupo de campos e não pode ter texto solto; o valor deve ir dentro de um dos seus elementos filhos.`,
        fix: `Mova o texto para o campo correto dentro de <${el}>.`,
      };

    case 'element-in-simple':
      return {
        code: 'TISS-XSD-UNEXPECTED-ELEMENT',
        message: `<${el}> é um campo simples (só texto) e não pode conter outros elementos.`,
        fix: `Deixe só o valor dentro de <${el}>.`,
        data: { element: el, expected: [] },
      };

    case 'attribute-not-allowed': {
      const a = clark(issue.attribute);
      return {
        code: 'TISS-XSD-ATTRIBUTE',
        message: `O atributo ${a} não é permitido em <${el}>.`,
        fix: `Remova o atributo ${a}.`,
        data: { element: el, attribute: a },
      };
    }

    case 'attribute-missing':
      return {
        code: 'TISS-XSD-ATTRIBUTE',
        message: `Falta o atributo obrigatório ${issue.attribute} em <${el}>.`,
        fix: `Inclua ${issue.attribute}="..." em <${el}>.`,
        data: { element: el, attribute: issue.attribute },
      };

    case 'no-declaration':
      return {
        code: 'TISS-XSD-OTHER',
        message: `<${el}> não é um elemento raiz declarado no esquema.`,
        fix: 'Confira o nome e o namespace do elemento raiz.',
      };

    case 'other':
      return issue.element
        ? { code: 'TISS-XSD-OTHER', message: `Erro de estrutura em <${el}>: ${issue.text}`, fix: null }
        : { code: 'TISS-XSD-OTHER', message: `Erro de estrutura (XSD): ${issue.text}`, fix: null };
  }
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
