import type { XNode } from '../../xml/tree.js';
import { text } from '../../xml/query.js';
import type { ReportArgs, RuleContext } from '../types.js';

/** What differs between the CPF and the CNPJ check-digit rules. */
export interface DocumentoSpec<Id extends string> {
  /** identificadorExecutante / identificadorRecebedor value that makes codigoCNPJ_CPF this document. */
  identificador: '1' | '2';
  /** The shape the XSD lets through; other values are the XSD's to report. */
  shape: RegExp;
  isValid: (value: string) => boolean;
  /**
   * Why an invalid value is invalid when it is not its check digits (a letter before 4.03.00): the rule's
   * message for it, whose args add to `valor` and `elemento`; `'xsd'` when the element's XSD type already
   * reports it (nothing is reported twice).
   */
  why?: (value: string, node: XNode) => { messageId: Id; args: ReportArgs } | 'xsd' | null;
}

/**
 * Reports every value of the document, in its own elements or in codigoCNPJ_CPF (`meta.appliesTo`), whose
 * check digits fail: the rule's message `dvInvalido` (args `valor`, `elemento`), or the one `why` names.
 */
export function reportInvalidDocumentos<Id extends string>(ctx: RuleContext<Id | 'dvInvalido'>, spec: DocumentoSpec<Id>): void {
  const check = (node: XNode): void => {
    const value = text(node) ?? '';
    if (!spec.shape.test(value) || spec.isValid(value)) return;
    const other = spec.why?.(value, node);
    if (other === 'xsd') return;
    const args = { valor: value, elemento: node.local };
    if (other) ctx.report(node, other.messageId, { args: { ...args, ...other.args }, data: { value } });
    else ctx.report(node, 'dvInvalido', { args, data: { value } });
  };
  // The rule's appliesTo: the elements that always hold the document, then codigoCNPJ_CPF (either document).
  for (const node of ctx.nodes()) {
    if (node.local !== 'codigoCNPJ_CPF') check(node);
    else if (text(node.parent, 'identificadorExecutante') === spec.identificador || text(node.parent, 'identificadorRecebedor') === spec.identificador) check(node);
  }
}
