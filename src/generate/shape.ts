import { childDecl, collapsedItem, elementDecls, type ComplexDef, type ContentModel, type ElementDecl } from '../xsd/content-model.js';

/**
 * The JSON shape of a TISS message, shared by `parse` (XML → JSON) and `generate` (JSON → XML):
 *
 *   { "tipo": "<body element>", "cabecalho": {…}, …the body element's fields }
 *
 * Field names are the XSD element names; repeated elements are arrays; an element whose whole
 * content is one repeated element (procedimentosExecutados → procedimentoExecutado[]) is that array;
 * leaves are strings (numbers and booleans are accepted on input). A lote de guias has, instead of
 * guiasTISS, `tipoGuia` (guiaConsulta, guiaSP-SADT, …) and `guias` (the array). The epílogo is not
 * part of it: the hash is always computed.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export interface BodyInfo {
  /** prestadorParaOperadora or operadoraParaPrestador. */
  direction: string;
  decl: ElementDecl;
}

const bodiesCache = new WeakMap<ContentModel, Map<string, BodyInfo>>();

/** Every body element of mensagemTISS by name, with the direction it belongs to (computed once per model). */
export function bodies(model: ContentModel): Map<string, BodyInfo> {
  let out = bodiesCache.get(model);
  if (!out) bodiesCache.set(model, (out = collectBodies(model)));
  return out;
}

function collectBodies(model: ContentModel): Map<string, BodyInfo> {
  const out = new Map<string, BodyInfo>();
  const root = model.element('mensagemTISS')?.type();
  if (!root || root.kind !== 'complex') return out;
  for (const direction of ['prestadorParaOperadora', 'operadoraParaPrestador']) {
    const d = childDecl(root, direction)?.type();
    if (d?.kind !== 'complex') continue;
    for (const p of d.content.particles) {
      const decls = p.kind === 'element' ? [p.decl] : p.particles.flatMap((x) => (x.kind === 'element' ? [x.decl] : []));
      for (const decl of decls) out.set(decl.name, { direction, decl });
    }
  }
  return out;
}

/** tipoTransacao to write when the input does not say (dm_tipoTransacao; envioDocumentos has no value of its own: ENVIO_ANEXO). */
export const DEFAULT_TIPO_TRANSACAO: Record<string, string> = {
  loteGuias: 'ENVIO_LOTE_GUIAS',
  loteAnexos: 'ENVIO_ANEXO',
  envioDocumentos: 'ENVIO_ANEXO',
  solicitacaoDemonstrativoRetorno: 'SOLIC_DEMONSTRATIVO_RETORNO',
  solicitacaoStatusProtocolo: 'SOLIC_STATUS_PROTOCOLO',
  solicitacaoProcedimento: 'SOLICITACAO_PROCEDIMENTOS',
  solicitaStatusAutorizacao: 'SOLICITA_STATUS_AUTORIZACAO',
  verificaElegibilidade: 'VERIFICA_ELEGIBILIDADE',
  cancelaGuia: 'CANCELA_GUIA',
  comunicacaoInternacao: 'COMUNICACAO_BENEFICIARIO',
  recursoGlosa: 'RECURSO_GLOSA',
  solicitacaoStatusRecursoGlosa: 'SOLIC_STATUS_RECURSO_GLOSA',
  recebimentoLote: 'PROTOCOLO_RECEBIMENTO',
  recebimentoAnexo: 'PROTOCOLO_RECEBIMENTO_ANEXO',
  recebimentoRecursoGlosa: 'RECEBIMENTO_RECURSO_GLOSA',
  situacaoProtocolo: 'SITUACAO_PROTOCOLO',
  situacaoAutorizacao: 'STATUS_AUTORIZACAO',
  respostaElegibilidade: 'SITUACAO_ELEGIBILIDADE',
  reciboCancelaGuia: 'CANCELAMENTO_GUIA_RECIBO',
  reciboComunicacao: 'RECIBO_COMUNICACAO',
  respostaRecursoGlosa: 'RESPOSTA_RECURSO_GLOSA',
};

/** The lote's guias container is shown as tipoGuia + guias. */
export const LOTE = 'loteGuias';

const guiaKindsCache = new WeakMap<ContentModel, Map<string, ElementDecl>>();

/** The kinds of guia a lote takes by name (the alternatives of guiasTISS: guiaSP-SADT, guiaConsulta, …). */
export function guiaKinds(model: ContentModel): Map<string, ElementDecl> {
  let kinds = guiaKindsCache.get(model);
  if (!kinds) {
    const lote = bodies(model).get(LOTE);
    const guiasTISS = lote && complexOf(lote.decl) ? childDecl(complexOf(lote.decl)!, 'guiasTISS') : undefined;
    const container = guiasTISS ? complexOf(guiasTISS) : undefined;
    kinds = new Map(container ? elementDecls(container.content).map((k) => [k.name, k]) : []);
    guiaKindsCache.set(model, kinds);
  }
  return kinds;
}

const collapsed = new WeakMap<ElementDecl, ElementDecl | null>();

/** The repeated element a container stands for in JSON (procedimentosExecutados → procedimentoExecutado), if it is one. */
export function isCollapsed(decl: ElementDecl): ElementDecl | undefined {
  let c = collapsed.get(decl);
  if (c === undefined) collapsed.set(decl, (c = collapsedItem(decl.type()) ?? null));
  return c ?? undefined;
}

export function complexOf(decl: ElementDecl): ComplexDef | undefined {
  const t = decl.type();
  return t.kind === 'complex' ? t : undefined;
}

/** `guias[2].procedimentosExecutados[0].valorTotal` */
export function jsonPathToString(path: (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(raiz)';
}

/**
 * The input path of the element at an XPath of the written message
 * (`/mensagemTISS/…/guiasTISS/guiaSP-SADT[3]/procedimentosExecutados/procedimentoExecutado[2]/valorTotal`
 * → `guias[2].procedimentosExecutados[1].valorTotal`), following the same shape rules; [] for the
 * parts that have no place in the input (the epílogo), null when the XPath is not ours.
 */
export function xpathToJsonPath(model: ContentModel, xpath: string): (string | number)[] | null {
  const steps = xpath.split('/').filter(Boolean).map((s) => {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(s);
    return { name: m?.[1] ?? s, index: m?.[2] ? Number(m[2]) - 1 : 0 };
  });
  if (steps[0]?.name !== 'mensagemTISS') return null;
  const root = complexOf(model.element('mensagemTISS')!)!;
  const out: (string | number)[] = [];
  let decl: ElementDecl | undefined;
  let i: number;
  const first = steps[1];
  if (!first) return [];
  if (first.name === 'cabecalho') {
    decl = childDecl(root, 'cabecalho');
    out.push('cabecalho');
    i = 2;
  } else if (first.name === 'prestadorParaOperadora' || first.name === 'operadoraParaPrestador') {
    const body = steps[2] ? bodies(model).get(steps[2].name) : undefined;
    if (!body) return [];
    decl = body.decl;
    i = 3;
    if (body.decl.name === LOTE && steps[3]?.name === 'guiasTISS') {
      if (!steps[4]) return ['guias'];
      decl = guiaKinds(model).get(steps[4].name);
      out.push('guias', steps[4].index);
      i = 5;
    }
  } else return [];
  for (; i < steps.length && decl; i++) {
    const step = steps[i]!;
    const item = isCollapsed(decl);
    if (item) {
      out.push(step.index);
      decl = item;
      continue;
    }
    const type = complexOf(decl);
    const next = type ? childDecl(type, step.name) : undefined;
    if (!next) break;
    out.push(step.name);
    if (next.max > 1 && !isCollapsed(next)) out.push(step.index);
    decl = next;
  }
  return out;
}

/**
 * The declaration of the element at a JSON path of an input (the inverse walk of xpathToJsonPath):
 * for an index into a collapsed container, the repeated element. Undefined when the path leads
 * nowhere in the message (or to the input's own fields: tipo, tipoGuia, guias).
 */
export function declAt(model: ContentModel, input: JsonObject, path: (string | number)[]): ElementDecl | undefined {
  const tipo = typeof input.tipo === 'string' ? input.tipo : '';
  const body = bodies(model).get(tipo);
  const bodyType = body ? complexOf(body.decl) : undefined;
  let decl: ElementDecl | undefined;
  let i = 1;
  if (path[0] === 'cabecalho') decl = childDecl(complexOf(model.element('mensagemTISS')!)!, 'cabecalho');
  else if (path[0] === 'guias' && tipo === LOTE && bodyType) {
    if (typeof path[1] !== 'number') return undefined;
    decl = typeof input.tipoGuia === 'string' ? guiaKinds(model).get(input.tipoGuia) : undefined;
    i = 2;
  } else decl = bodyType && typeof path[0] === 'string' ? childDecl(bodyType, path[0]) : undefined;
  for (; i < path.length && decl; i++) {
    const step = path[i]!;
    if (typeof step === 'number') {
      decl = isCollapsed(decl) ?? decl; // an index into a repeated element: same declaration
      continue;
    }
    const t = complexOf(decl);
    decl = t ? childDecl(t, step) : undefined;
  }
  return decl;
}

/** The field names allowed in the object at a JSON path of an input; null when it is not an object of the message. */
export function fieldsAt(model: ContentModel, input: JsonObject, path: (string | number)[]): string[] | null {
  const names = (t: ComplexDef | undefined): string[] => (t ? elementDecls(t.content).map((d) => d.name) : []);
  if (path.length === 0) {
    const tipo = typeof input.tipo === 'string' ? input.tipo : '';
    const body = bodies(model).get(tipo);
    const own = names(body ? complexOf(body.decl) : undefined).filter((n) => !(tipo === LOTE && n === 'guiasTISS'));
    return ['$schema', 'tipo', 'cabecalho', ...(tipo === LOTE ? ['tipoGuia', 'guias'] : []), ...own];
  }
  const decl = declAt(model, input, path);
  if (!decl || (isCollapsed(decl) && typeof path[path.length - 1] !== 'number')) return null; // an array, not an object
  return names(complexOf(decl));
}
