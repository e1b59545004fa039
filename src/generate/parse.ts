import { encodeXmlString } from '../xml/xml-string.js';
import { TissError } from '../errors.js';
import { FindingCollector } from '../findings/collector.js';
import { identifyMessage } from '../message/kind.js';
import { reportFieldText } from '../message/text-encoding.js';
import { isElement, ownText, type XNode } from '../xml/tree.js';
import { readDocument } from '../xml/read.js';
import { xpathOf } from '../xml/xpath.js';
import { childDecl, type ElementDecl } from '../xsd/content-model.js';
import { tissModelFor } from './model.js';
import { bodies, complexOf, isCollapsed, LOTE, type JsonObject, type JsonValue } from './shape.js';

export interface ParseOptions {
  file?: string;
  schemas?: string;
  /** Refuse files larger than this many bytes (default 200 MB), as validate does. */
  maxSize?: number;
  /** Called with the XPath of each element that has no place in the XSD (left out of the JSON). */
  onDropped?: (xpath: string) => void;
}

/**
 * Reads a mensagemTISS of any installed version into the JSON shape `generate` takes (see shape.ts);
 * `cabecalho.Padrao` keeps the version, so `generate` builds it back in that version.
 * Leaves keep their exact text, so `generate(parse(x))` writes the same content. Throws TissError
 * when the file is not a readable mensagemTISS.
 */
export function parse(input: Uint8Array | string, options: ParseOptions = {}): JsonObject {
  if (typeof input === 'string') input = encodeXmlString(input);
  const out = new FindingCollector(options.file ?? '<entrada>');
  const read = readDocument(input, out, { reader: 'scanner', ...(options.maxSize !== undefined ? { maxSize: options.maxSize } : {}) });
  if (!read) throw new TissError(`Não foi possível ler a mensagem: ${out.findings.map((f) => f.message).join(' ')}`);
  reportFieldText(read, out);
  try {
    const message = identifyMessage(read.tree.root, out);
    if (!message || message.family !== 'mensagemTISS') {
      throw new TissError(
        message ? `parse e generate tratam mensagemTISS; este arquivo é ${message.root} (${message.family === 'ws' ? 'webservice' : message.family === 'mensagemEnvioANS' ? 'monitoramento / envio de dados à ANS' : message.family}), que eles ainda não tratam.` : `Não é uma mensagem TISS: ${out.findings.map((f) => f.message).join(' ')}`,
        message ? 'tiss validate valida este arquivo normalmente.' : undefined,
      );
    }
    // The declared version's own content model (4.02.00: the nearest newer one that accepts it).
    const chosen = tissModelFor(message.version ?? '', options.schemas);
    if (typeof chosen === 'string') throw new TissError(`parse não lê esta mensagem: ${chosen}; o arquivo declara ${message.version ?? '(nenhuma)'}.`);
    const model = chosen.model;
    const root = model.element('mensagemTISS')!;
    const body = message.operation ? bodies(model).get(message.operation) : undefined;
    const m = message.element;
    const cabecalho = m.children.find((c) => c.local === 'cabecalho');
    const json: JsonObject = { tipo: message.operation ?? '' };
    const rootType = complexOf(root)!;
    const dropped = options.onDropped ?? (() => undefined);
    if (cabecalho) json.cabecalho = toJson(cabecalho, childDecl(rootType, 'cabecalho')!, dropped);
    if (message.direction && !message.operation) json.direcao = message.direction;
    const bodyNode = m.children.find((c) => c.local === message.direction)?.children[0];
    if (body && bodyNode) {
      const content = toJson(bodyNode, body.decl, dropped) as JsonObject;
      if (message.operation === LOTE && content.guiasTISS && typeof content.guiasTISS === 'object' && !Array.isArray(content.guiasTISS)) {
        const [tipoGuia, guias] = Object.entries(content.guiasTISS)[0] ?? [];
        delete content.guiasTISS;
        Object.assign(json, content, tipoGuia ? { tipoGuia, guias } : {});
      } else Object.assign(json, content);
    }
    if (m.children.some((c) => c.local === 'Signature')) throw new TissError('A mensagem tem assinatura digital (ds:Signature), que parse/generate não reproduzem.');
    return json;
  } finally {
    read.doc?.dispose();
  }
}

/** One element as JSON, by its declaration: leaves are their exact text. */
function toJson(node: XNode, decl: ElementDecl, dropped: (xpath: string) => void): JsonValue {
  const type = decl.type();
  if (type.kind !== 'complex') return ownText(node);
  const item = isCollapsed(decl);
  if (item) {
    for (const c of node.children) if (c.local !== item.name) dropped(xpathOf(c));
    return node.children.filter((c) => c.local === item.name).map((c) => toJson(c, item, dropped));
  }
  const obj: JsonObject = {};
  for (const it of node.items) {
    if (!isElement(it)) continue;
    const d = childDecl(type, it.local);
    if (!d) {
      dropped(xpathOf(it)); // not in the schema: the validator reports it; parse keeps the known content
      continue;
    }
    const value = toJson(it, d, dropped);
    if (d.max > 1) ((obj[d.name] ??= []) as JsonValue[]).push(value);
    else obj[d.name] = value;
  }
  return obj;
}
