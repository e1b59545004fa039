/**
 * One XSD error, said in structure rather than in words: what both engines report. The compiled engine
 * (xsd/compiled) builds these from the schema model directly; the reference engine (libxml2) reports
 * English sentences that libxml2-issues.ts reads back into this shape. translate.ts turns either into a
 * finding, so a file gets the same code, message and place whichever engine checked it.
 */
export interface QualifiedName {
  local: string;
  /** Namespace URI ('' for none). */
  uri: string;
}

export type XsdIssue =
  /** An element the content model does not allow here; `expected` is what it would take instead. */
  | { kind: 'unexpected'; element: QualifiedName; expected: QualifiedName[] }
  /** The content ended before a required element. */
  | { kind: 'missing'; element: QualifiedName; expected: QualifiedName[] }
  | { kind: 'enumeration'; element: QualifiedName; value: string; allowed: string[]; type: string | null }
  | { kind: 'pattern'; element: QualifiedName; value: string; pattern: string; type: string | null }
  | { kind: 'length'; element: QualifiedName; facet: 'length' | 'minLength' | 'maxLength'; value: string | null; length: number; limit: number; type: string | null }
  | { kind: 'digits'; element: QualifiedName; facet: 'totalDigits' | 'fractionDigits'; value: string; limit: number; type: string | null }
  | { kind: 'range'; element: QualifiedName; facet: 'minInclusive' | 'maxInclusive' | 'minExclusive' | 'maxExclusive'; value: string; limit: string; type: string | null }
  /** Not a value of the type at all (a date that does not exist, a decimal with a comma). */
  | { kind: 'atomic'; element: QualifiedName; value: string; type: string | null }
  | { kind: 'text-not-allowed'; element: QualifiedName }
  | { kind: 'element-in-simple'; element: QualifiedName }
  | { kind: 'attribute-not-allowed'; element: QualifiedName; attribute: QualifiedName }
  | { kind: 'attribute-missing'; element: QualifiedName; attribute: string }
  | { kind: 'no-declaration'; element: QualifiedName }
  /** Anything else libxml2 said (the text is kept as it came). */
  | { kind: 'other'; element: QualifiedName | null; text: string };

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

/** `{uri}local`, or `local` without a namespace: how libxml2 names things in its messages. */
export function clark(q: QualifiedName): string {
  return q.uri ? `{${q.uri}}${q.local}` : q.local;
}

/**
 * The issue as libxml2 words it (`Element '{ns}x': This element is not expected. Expected is ( … ).`).
 * Kept as the finding's `detail` by both engines: one technical line a developer can search for, and
 * the same on both engines, which the differential tests compare.
 */
export function libxml2Wording(issue: XsdIssue): string {
  const el = issue.element ? `Element '${clark(issue.element)}'` : 'Element';
  const list = (names: QualifiedName[]): string => (names.length === 0 ? '' : ` Expected is ${names.length > 1 ? 'one of ' : ''}( ${names.map(clark).join(', ')} ).`);
  const type = (t: string | null): string => (t ? ` '${t}'` : '');
  switch (issue.kind) {
    case 'unexpected':
      return `${el}: This element is not expected.${list(issue.expected)}`;
    case 'missing':
      return `${el}: Missing child element(s).${list(issue.expected)}`;
    case 'enumeration':
      return `${el}: [facet 'enumeration'] The value '${issue.value}' is not an element of the set {${issue.allowed.map((v) => `'${v}'`).join(', ')}}.`;
    case 'pattern':
      return `${el}: [facet 'pattern'] The value '${issue.value}' is not accepted by the pattern '${issue.pattern}'.`;
    case 'length': {
      const said = issue.facet === 'maxLength' ? 'exceeds the allowed maximum length' : issue.facet === 'minLength' ? 'underruns the allowed minimum length' : 'differs from the allowed length';
      return `${el}: [facet '${issue.facet}'] The value ${issue.value === null ? '' : `'${issue.value}' `}has a length of '${issue.length}'; this ${said} of '${issue.limit}'.`;
    }
    case 'digits':
      return `${el}: [facet '${issue.facet}'] The value '${issue.value}' has more ${issue.facet === 'fractionDigits' ? 'fractional ' : ''}digits than are allowed ('${issue.limit}').`;
    case 'range': {
      const min = issue.facet.startsWith('min');
      const incl = issue.facet.endsWith('Inclusive');
      return `${el}: [facet '${issue.facet}'] The value '${issue.value}' is ${min ? 'less' : 'greater'} than ${incl ? '' : 'or equal to '}the ${min ? 'minimum' : 'maximum'} value allowed ('${issue.limit}').`;
    }
    case 'atomic':
      return `${el}: '${issue.value}' is not a valid value of the atomic type${type(issue.type)}.`;
    case 'text-not-allowed':
      return `${el}: Character content other than whitespace is not allowed because the content type is 'element-only'.`;
    case 'element-in-simple':
      return `${el}: Element content is not allowed, because the type definition is simple.`;
    case 'attribute-not-allowed':
      return `${el}, attribute '${clark(issue.attribute)}': The attribute '${clark(issue.attribute)}' is not allowed.`;
    case 'attribute-missing':
      return `${el}: The attribute '${issue.attribute}' is required but missing.`;
    case 'no-declaration':
      return `${el}: No matching global declaration available for the validation root.`;
    case 'other':
      return issue.element ? `${el}: ${issue.text}` : issue.text;
  }
}
