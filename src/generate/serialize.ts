import { digestOf, type HashEncoding } from '../hash/canonical.js';
import { TISS_NS } from '../message/kind.js';
import { childDecl, elementDecls, type ComplexDef, type ContentModel, type ElementDecl, type GroupParticle } from '../xsd/content-model.js';
import { formatSimple } from './contract.js';
import { bodies, complexOf, guiaKinds, isCollapsed, LOTE, type JsonObject, type JsonValue } from './shape.js';
import { scalarText } from './scalar.js';

export interface Serialized {
  /** The message text (to be encoded ISO-8859-1), with the canonical hash (null when the text is not all ISO-8859-1). */
  text: string;
  digest: string | null;
}

const PREFIX = 'ans';

/** Text content escaped for XML; characters ISO-8859-1 cannot hold become character references. */
export function escapeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[&<>\r]|[^\u0000-\u00ff]/u.test(s)) return s;
  // A raw CR would be read back as LF (XML end-of-line handling): written as a reference it survives.
  let out = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/u.test(out)) out = out.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`);
  return out;
}

const INDENT = Array.from({ length: 40 }, (_, i) => '  '.repeat(i));

/**
 * Writes the input (already checked against its contract) as a mensagemTISS, in the element order
 * of the XSD content model, two spaces of indentation, `ans:` prefix — the layout of the samples, so
 * that parse → generate gives the same bytes. The epílogo's hash is left empty for the caller.
 */
export function serialize(model: ContentModel, input: JsonObject, hashEncoding: HashEncoding = 'iso-8859-1'): Serialized {
  const lines: string[] = ['<?xml version="1.0" encoding="ISO-8859-1"?>'];
  // The canonical hash's input, gathered as the leaves are written (the same text a reader decodes).
  const leaves: string[] = [];
  const root = complexOf(model.element('mensagemTISS')!)!;
  const tipo = scalarText(input.tipo);
  const body = bodies(model).get(tipo)!;

  const open = (name: string, depth: number): void => {
    lines.push(`${INDENT[depth]}<${PREFIX}:${name}>`);
  };
  const close = (name: string, depth: number): void => {
    lines.push(`${INDENT[depth]}</${PREFIX}:${name}>`);
  };

  /** One element (value already in JSON form). */
  const element = (decl: ElementDecl, value: JsonValue, depth: number): void => {
    const type = decl.type();
    if (type.kind === 'simple') {
      const text = formatSimple(value, type);
      leaves.push(text);
      lines.push(`${INDENT[depth]}<${PREFIX}:${decl.name}>${escapeText(text)}</${PREFIX}:${decl.name}>`);
      return;
    }
    if (type.kind !== 'complex') return;
    const at = lines.length;
    open(decl.name, depth);
    const item = isCollapsed(decl);
    if (item) repeated(item, Array.isArray(value) ? value : [value], depth + 1);
    else content(type, (value ?? {}) as JsonObject, depth + 1);
    if (lines.length === at + 1) {
      // No children: written as an empty leaf (so that the hash and a reader agree).
      lines[at] = `${INDENT[depth]}<${PREFIX}:${decl.name}></${PREFIX}:${decl.name}>`;
      leaves.push('');
    } else close(decl.name, depth);
  };

  const repeated = (decl: ElementDecl, values: JsonValue[], depth: number): void => {
    for (const v of values) element(decl, v, depth);
  };

  /** The children of a complex type in schema order: sequences in order, the chosen branch of each choice. */
  const content = (type: ComplexDef, obj: JsonObject, depth: number, skip: string[] = []): void => {
    const group = (g: GroupParticle): void => {
      for (const p of g.particles) {
        if (p.kind !== 'element') {
          group(p);
          continue;
        }
        const d = p.decl;
        if (skip.includes(d.name)) continue;
        const v = obj[d.name];
        if (v === undefined || v === null) continue;
        if (d.max > 1 && !isCollapsed(d)) repeated(d, Array.isArray(v) ? v : [v], depth);
        else element(d, v, depth);
      }
    };
    group(type.content);
  };

  lines.push(`<${PREFIX}:mensagemTISS xmlns:${PREFIX}="${TISS_NS}">`);
  const cabecalho = childDecl(root, 'cabecalho')!;
  element(cabecalho, input.cabecalho ?? {}, 1);
  open(body.direction, 1);
  const bodyType = complexOf(body.decl);
  if (bodyType) {
    open(tipo, 2);
    if (tipo === LOTE) {
      // Fields before guiasTISS, guiasTISS from tipoGuia + guias, fields after it.
      const decls = elementDecls(bodyType.content);
      const at = decls.findIndex((d) => d.name === 'guiasTISS');
      const before = decls.slice(0, at).map((d) => d.name);
      const after = decls.slice(at + 1).map((d) => d.name);
      content(bodyType, input, 3, ['guiasTISS', ...after]);
      open('guiasTISS', 3);
      const kind = typeof input.tipoGuia === 'string' ? guiaKinds(model).get(input.tipoGuia) : undefined;
      if (kind) repeated(kind, (input.guias ?? []) as JsonValue[], 4);
      close('guiasTISS', 3);
      content(bodyType, input, 3, ['guiasTISS', ...before]);
    } else {
      content(bodyType, input, 3);
    }
    close(tipo, 2);
  }
  close(body.direction, 1);
  const digest = digestOf(leaves, hashEncoding);
  lines.push('  <ans:epilogo>', `    <ans:hash>${digest ?? ''}</ans:hash>`, '  </ans:epilogo>', '</ans:mensagemTISS>', '');
  return { text: lines.join('\n'), digest };
}
