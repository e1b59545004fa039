import type { FindingCollector } from '../findings/collector.js';
import { loadManifest } from '../schemas/manifest.js';
import { child, everyChild, findChild, textAt, type XNode } from '../xml/tree.js';
import { xpathOf } from '../xml/xpath.js';

export const TISS_NS = 'http://www.ans.gov.br/padroes/tiss/schemas';
/** The elements under mensagemTISS (and Mensagem of mensagemEnvioANS) that hold the transaction. */
const DIRECTIONS = new Set(['prestadorParaOperadora', 'operadoraParaPrestador', 'operadoraParaANS', 'ansParaOperadora']);
/** What a message has besides its body. */
const FRAME = new Set(['cabecalho', 'epilogo', 'Signature']);
const SOAP_NS = new Set(['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope']);

export type MessageFamily = 'mensagemTISS' | 'ws' | 'mensagemEnvioANS';

export interface GuiaCount {
  tipo: string;
  quantidade: number;
}

/** What kind of message a file holds, and where its parts are. */
export interface MessageInfo {
  family: MessageFamily;
  /** Local name of the message element: `mensagemTISS`, `loteGuiasWS`, `mensagemEnvioANS`. */
  root: string;
  element: XNode;
  /** The message came inside a SOAP Envelope/Body. */
  soap: boolean;
  /** Version as written in the message (`Padrao`/`versaoPadrao`), or null. */
  version: string | null;
  tipoTransacao: string | null;
  /** prestadorParaOperadora, operadoraParaPrestador, operadoraParaANS, ansParaOperadora. */
  direction: string | null;
  /** The body element's name: loteGuias, cancelaGuia, demonstrativosRetorno, guiaMonitoramento... */
  operation: string | null;
  guias: GuiaCount[];
  /** The guia elements of a lote (guiasTISS) or of an Envio de Dados message, in order. */
  guiaElements: XNode[];
  registroANS: string | null;
  hash: XNode | null;
  /** The fields that count for the hash are the leaves before this element (epilogo, or the WS `hash`). */
  hashBoundary: XNode | null;
}

/** The root elements some manifest entry declares, built once per manifest (it never changes once loaded). */
const rootsOf = new WeakMap<object, Set<string>>();
function knownRoots(): Set<string> {
  const manifest = loadManifest();
  let roots = rootsOf.get(manifest);
  // 2,500 small messages spent 4% of their time building this set again for each file.
  if (!roots) rootsOf.set(manifest, (roots = new Set(manifest.versions.flatMap((v) => v.entries.flatMap((e) => e.roots)))));
  return roots;
}

/**
 * Identifies the message (mensagemTISS, a `*WS` body with or without SOAP envelope, mensagemEnvioANS)
 * and reports what is not a TISS message. Returns null when nothing further can be checked.
 */
export function identifyMessage(root: XNode, out: FindingCollector): MessageInfo | null {
  const roots = knownRoots();
  let element = root;
  let soap = false;

  if (root.local === 'Envelope' && SOAP_NS.has(root.uri)) {
    soap = true;
    const body = child(root, 'Body');
    const found = body ? findMessageIn(body, roots, 2) : undefined;
    if (!found) {
      out.report('TISS-MSG-UNKNOWN-ROOT', {
        message: 'O envelope SOAP não contém uma mensagem TISS (um elemento *WS do tissWebServicesV4_00_00.xsd) no Body.',
        line: (body ?? root).line,
        column: (body ?? root).column,
        xpath: xpathOf(body ?? root),
        fix: 'Coloque no soap:Body o elemento da operação TISS (ex.: ans:loteGuiasWS).',
      });
      return null;
    }
    element = found;
  }

  if (!roots.has(element.local)) {
    out.report('TISS-MSG-UNKNOWN-ROOT', {
      message: `O elemento raiz <${element.name}> não é uma mensagem TISS. Esperado: mensagemTISS, um elemento *WS (web services TISS) ou mensagemEnvioANS (Envio de Dados).`,
      line: element.line,
      column: element.column,
      xpath: xpathOf(element),
      fix: 'Confira se o arquivo é uma mensagem TISS completa e não um trecho (uma guia solta) ou outro documento.',
      data: { root: element.local, namespace: element.uri },
    });
    return null;
  }
  if (element.uri !== TISS_NS) {
    out.report('TISS-MSG-NAMESPACE', {
      message: `O elemento <${element.name}> está ${element.uri ? `no namespace "${element.uri}"` : 'sem namespace'}; mensagens TISS usam o namespace ${TISS_NS}.`,
      line: element.line,
      column: element.column,
      xpath: xpathOf(element),
      fix: `Declare xmlns:ans="${TISS_NS}" no elemento raiz e use o prefixo ans: em todos os elementos.`,
      data: { namespace: element.uri },
    });
    return null;
  }

  const family: MessageFamily = element.local === 'mensagemTISS' ? 'mensagemTISS' : element.local === 'mensagemEnvioANS' ? 'mensagemEnvioANS' : 'ws';
  const cabecalho = child(element, 'cabecalho');
  const version = textAt(cabecalho, 'Padrao') ?? textAt(cabecalho, 'versaoPadrao') ?? null;
  const tipoTransacao = textAt(cabecalho, 'identificacaoTransacao', 'tipoTransacao') ?? null;
  const registroANS = textAt(cabecalho, 'destino', 'registroANS') ?? textAt(cabecalho, 'origem', 'registroANS') ?? textAt(cabecalho, 'registroANS') ?? null;

  let direction: string | null = null;
  let body: XNode | undefined;
  let guiaElements: XNode[];
  let hash: XNode | null;
  let hashBoundary: XNode | null;
  if (family === 'ws') {
    body = findChild(element, (q) => q.local !== 'cabecalho' && q.local !== 'hash' && !/^Signatures?$/.test(q.local));
    guiaElements = child(body, 'guiasTISS')?.children ?? [];
    hash = child(element, 'hash') ?? null;
    hashBoundary = hash;
  } else {
    const container = family === 'mensagemTISS' ? element : child(element, 'Mensagem');
    // Only a direction the XSD defines is the body's container; a stray element is the XSD's to report.
    const dir = findChild(container, (q) => DIRECTIONS.has(q.local));
    direction = dir?.local ?? null;
    body = findChild(dir, () => true);
    guiaElements = family === 'mensagemEnvioANS' ? dir?.children ?? [] : child(body, 'guiasTISS')?.children ?? [];
    const epilogo = child(element, 'epilogo');
    hash = child(epilogo, 'hash') ?? null;
    hashBoundary = epilogo ?? null;
  }

  const onlyFrame = everyChild(element, (q) => FRAME.has(q.local));
  if (family === 'mensagemTISS' && !body && (direction !== null || onlyFrame)) {
    out.report('TISS-MSG-EMPTY-BODY', {
      message: direction
        ? `A mensagem tem <${direction}> vazio: só cabeçalho e epílogo. O XSD aceita, mas a operadora não tem o que processar.`
        : 'A mensagem só tem cabeçalho e epílogo, sem prestadorParaOperadora nem operadoraParaPrestador. O XSD aceita, mas não há o que processar.',
      line: element.line,
      column: element.column,
      xpath: xpathOf(element),
      reference: 'XSD tissV4_00_00.xsd: mensagemTISS (escolha com minOccurs="0") — ver xsd-quirks',
      fix: 'Inclua o conteúdo da transação (ex.: loteGuias com as guias).',
    });
  }

  return {
    family,
    root: element.local,
    element,
    soap,
    version: version?.trim() ?? null,
    tipoTransacao: tipoTransacao?.trim() ?? null,
    direction,
    operation: body?.local ?? null,
    guias: countGuias(guiaElements),
    guiaElements,
    registroANS: registroANS?.trim() ?? null,
    hash,
    hashBoundary,
  };
}

function findMessageIn(node: XNode, roots: Set<string>, depth: number): XNode | undefined {
  for (const c of node.children) {
    if (roots.has(c.local)) return c;
  }
  if (depth <= 0) return undefined;
  for (const c of node.children) {
    const found = findMessageIn(c, roots, depth - 1);
    if (found) return found;
  }
  return undefined;
}

function countGuias(list: XNode[]): GuiaCount[] {
  const counts = new Map<string, number>();
  for (const g of list) counts.set(g.local, (counts.get(g.local) ?? 0) + 1);
  return [...counts].map(([tipo, quantidade]) => ({ tipo, quantidade }));
}
