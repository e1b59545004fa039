import type { XNode } from '../../xml/tree.js';
import { text } from '../../xml/query.js';
import type { RuleContext } from '../types.js';

/** What differs between the CPF and the CNPJ check-digit rules. */
export interface DocumentoSpec {
  label: 'CPF' | 'CNPJ';
  /** identificadorExecutante / identificadorRecebedor value that makes codigoCNPJ_CPF this document. */
  identificador: '1' | '2';
  /** The shape the XSD lets through; other values are the XSD's to report. */
  shape: RegExp;
  isValid: (value: string) => boolean;
  fix: string;
  /**
   * Why an invalid value is invalid when it is not its check digits (a letter before 4.03.00), with its
   * fix; `'xsd'` when the element's XSD type already reports it (nothing is reported twice).
   */
  why?: (value: string, node: XNode) => { message: string; fix: string } | 'xsd' | null;
}

/** Reports every value of the document, in its own elements or in codigoCNPJ_CPF (`meta.appliesTo`), whose check digits fail. */
export function reportInvalidDocumentos(ctx: RuleContext, spec: DocumentoSpec): void {
  const check = (node: XNode): void => {
    const value = text(node) ?? '';
    if (!spec.shape.test(value) || spec.isValid(value)) return;
    const other = spec.why?.(value, node);
    if (other === 'xsd') return;
    if (other) ctx.report(node, `O ${spec.label} ${value} em <${node.local}> é inválido: ${other.message}`, { fix: other.fix, data: { value } });
    else ctx.report(node, `O ${spec.label} ${value} em <${node.local}> é inválido: os dígitos verificadores não conferem.`, { fix: spec.fix, data: { value } });
  };
  // The rule's appliesTo: the elements that always hold the document, then codigoCNPJ_CPF (either document).
  for (const node of ctx.nodes()) {
    if (node.local !== 'codigoCNPJ_CPF') check(node);
    else if (text(node.parent, 'identificadorExecutante') === spec.identificador || text(node.parent, 'identificadorRecebedor') === spec.identificador) check(node);
  }
}
