import type { ComplexDef, ContentModel, ElementDecl, SimpleDef, TypeDef } from '../content-model.js';
import type { XsdIssue } from '../issue.js';
import type { PlacedIssue } from '../translate.js';
import { namespaceOfPrefix, type ElementTable, type XNode } from '../../xml/tree.js';
import { ContentRun, Overflow } from './content.js';
import { compileSimple, NotCompilable, type SimpleCheck } from './simple.js';

/**
 * The compiled XSD engine: the schema model (xsd/content-model.ts, read from the official XSDs) run
 * over the located tree our scanner built, with no second parse and no WebAssembly. It reports the
 * same issues libxml2 does, in the same places (see test/engine-differential.test.ts for how that is
 * checked). What it does not model (ds:Signature's xmldsig content, xsi:type, xsi:nil, a content model
 * past the state cap) it does not guess: it answers `deferred`, and the caller runs the reference engine.
 *
 * Nothing here uses Node: it runs as is in a browser.
 */
export interface EngineResult {
  issues: PlacedIssue[];
  /** Why this document needs the reference engine, or null. */
  deferred: string | null;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XMLNS_ATTR = /^xmlns(?::|$)/;

class Deferred extends Error {}

const checks = new WeakMap<SimpleDef, SimpleCheck>();
function checkOf(def: SimpleDef): SimpleCheck {
  let c = checks.get(def);
  if (!c) {
    try {
      c = compileSimple(def);
    } catch (e) {
      if (e instanceof NotCompilable) throw new Deferred(e.message);
      throw e;
    }
    checks.set(def, c);
  }
  return c;
}

/** Checks `root` (the message element) against the global element of the same name in `model`. */
export function validateCompiled(model: ContentModel, root: XNode, targetNamespace: string): EngineResult {
  const issues: PlacedIssue[] = [];
  const t = root.table;
  // Elements are walked by number (the compact tree); an XNode is made only for an element with an issue.
  const report: Report = (issue, id) => {
    issues.push({ issue, node: t.node(id) });
  };
  try {
    const decl = model.element(root.local);
    if (!decl || decl.uri !== targetNamespace || root.uri !== decl.uri) {
      report({ kind: 'no-declaration', element: root.qname }, root.id);
    } else {
      element(t, root.id, decl, report);
    }
    return { issues, deferred: null };
  } catch (e) {
    if (e instanceof Deferred) return { issues: [], deferred: e.message };
    if (e instanceof Overflow) return { issues: [], deferred: 'modelo de conteúdo ambíguo demais para o motor compilado' };
    throw e;
  }
}

type Report = (issue: XsdIssue, id: number) => void;

function element(t: ElementTable, id: number, decl: ElementDecl, report: Report): void {
  const type: TypeDef = decl.type();
  if (type.kind === 'opaque') throw new Deferred(`<${decl.name}> (${decl.uri}) não é modelado pelo motor compilado`);
  if (t.hasAttributesAt(id)) attributes(t, id, report);
  if (type.kind === 'simple') {
    // Child elements in a simple field: reported, and (as libxml2 does) the text before the first one is still checked.
    const nested = t.firstChildOf[id]! >= 0;
    if (nested) report({ kind: 'element-in-simple', element: t.qname(id) }, id);
    for (const issue of checkOf(type)(t.textBeforeFirstChild(id), t.qname(id))) report(issue, id);
    return;
  }
  content(t, id, type, report);
}

function content(t: ElementTable, id: number, type: ComplexDef, report: Report): void {
  const run = new ContentRun(type.content);
  let unexpected = -1;
  for (let child = t.firstChildOf[id]!; child >= 0; child = t.nextSiblingOf[child]!) {
    const decl = run.next(t.qname(child));
    if (!decl) {
      unexpected = child;
      break;
    }
    element(t, child, decl, report);
  }
  // libxml2 stops reading this element's content at the first child it does not expect: text after it is not seen.
  if (unexpected >= 0 ? t.hasTextBefore(id, unexpected) : t.hasText(id)) report({ kind: 'text-not-allowed', element: t.qname(id) }, id);
  if (unexpected >= 0) report({ kind: 'unexpected', element: t.qname(unexpected), expected: run.expected() }, unexpected);
  else if (!run.complete()) report({ kind: 'missing', element: t.qname(id), expected: run.expected() }, id);
}

function attributes(t: ElementTable, id: number, report: Report): void {
  const attrs = t.attrs(id);
  for (const key of Object.keys(attrs)) {
    if (XMLNS_ATTR.test(key)) continue;
    const colon = key.indexOf(':');
    const local = colon < 0 ? key : key.slice(colon + 1);
    const uri = colon < 0 ? '' : namespaceOfPrefix(t.node(id), key.slice(0, colon));
    if (uri === XSI) {
      if (local === 'schemaLocation' || local === 'noNamespaceSchemaLocation') continue;
      if (local === 'type' || local === 'nil') throw new Deferred(`xsi:${local} em <${t.qname(id).local}>`);
    }
    report({ kind: 'attribute-not-allowed', element: t.qname(id), attribute: { local, uri } }, id);
  }
}
