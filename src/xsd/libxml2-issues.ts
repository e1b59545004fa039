import type { QualifiedName, XsdIssue } from './issue.js';

/**
 * Reads libxml2's English schema errors back into XsdIssue (the reference engine, `--engine libxml2`).
 * The only place that knows libxml2's wording; the compiled engine never goes through it.
 */
const ELEMENT = /^Element '(?:\{([^}]*)\})?([^']+)'(?:, attribute '(?:\{([^}]*)\})?([^']+)')?: ([\s\S]*)$/;
const ATOMIC = /^'([\s\S]*)' is not a valid value of the (?:local )?(?:atomic|union|list) type(?: '(?:\{[^}]*\})?([^']+)')?\.?$/;

function qnames(list: string): QualifiedName[] {
  return list
    .split(',')
    .map((s) => /^\s*(?:\{([^}]*)\})?(.+?)\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null && m[2]!.length > 0)
    .map((m) => ({ local: m[2]!, uri: m[1] ?? '' }));
}

/** The issue in one libxml2 message; `atomicEcho` is the "not a valid value of the atomic type" line that follows a facet error, if any. */
export function issueFromLibxml2(raw: string, atomicEcho?: string): XsdIssue {
  const m = ELEMENT.exec(raw);
  if (!m) return { kind: 'other', element: null, text: raw };
  const element = { local: m[2]!, uri: m[1] ?? '' };
  const text = m[5]!;
  const echo = atomicEcho ? ATOMIC.exec(ELEMENT.exec(atomicEcho)?.[5] ?? '') : null;
  const type = echo?.[2] ?? null;
  let x: RegExpExecArray | null;
  if (m[4] && /is not allowed/.test(text)) return { kind: 'attribute-not-allowed', element, attribute: { local: m[4], uri: m[3] ?? '' } };
  if ((x = /^This element is not expected\.(?: Expected is (?:one of )?\( ([^)]*) \))?/.exec(text))) return { kind: 'unexpected', element, expected: x[1] ? qnames(x[1]) : [] };
  if ((x = /^Missing child element\(s\)\. Expected is (?:one of )?\( ([^)]*) \)/.exec(text))) return { kind: 'missing', element, expected: qnames(x[1]!) };
  if ((x = /^\[facet 'enumeration'\] The value '([\s\S]*)' is not an element of the set \{([\s\S]*)\}\.?$/.exec(text))) {
    return { kind: 'enumeration', element, value: x[1]!, allowed: [...x[2]!.matchAll(/'([^']*)'/g)].map((a) => a[1]!), type };
  }
  if ((x = /^\[facet 'pattern'\] The value '([\s\S]*)' is not accepted by the pattern '([\s\S]*)'\.?$/.exec(text))) return { kind: 'pattern', element, value: x[1]!, pattern: x[2]!, type };
  if ((x = /^\[facet '(maxLength|minLength|length)'\] The value (?:'([\s\S]*)' )?has a length of '(\d+)'; this (?:exceeds|underruns|differs from) the allowed (?:maximum |minimum )?length of '(\d+)'\.?$/.exec(text))) {
    return { kind: 'length', element, facet: x[1] as 'length' | 'minLength' | 'maxLength', value: x[2] ?? null, length: Number(x[3]), limit: Number(x[4]), type };
  }
  if ((x = /^\[facet '(totalDigits|fractionDigits)'\] The value '([\s\S]*)' has more (?:fractional )?digits than are allowed \('(\d+)'\)\.?$/.exec(text))) {
    return { kind: 'digits', element, facet: x[1] as 'totalDigits' | 'fractionDigits', value: x[2]!, limit: Number(x[3]), type };
  }
  if (
    (x = /^\[facet '((?:min|max)(?:Inclusive|Exclusive))'\] The value '([\s\S]*)' is (?:less|greater) than (?:or equal to )?the (?:minimum|maximum) value allowed \('([\s\S]*)'\)\.?$/.exec(text)) ||
    (x = /^\[facet '((?:min|max)(?:Inclusive|Exclusive))'\] The value '([\s\S]*)' must be (?:greater|less) than '([\s\S]*)'\.?$/.exec(text))
  ) {
    return { kind: 'range', element, facet: x[1] as 'minInclusive', value: x[2]!, limit: x[3]!, type };
  }
  if ((x = ATOMIC.exec(text))) return { kind: 'atomic', element, value: x[1]!, type: x[2] ?? null };
  if (/^Character content other than whitespace is not allowed/.test(text)) return { kind: 'text-not-allowed', element };
  if (/^Element content is not allowed, because the (?:content type|type definition) is (?:a )?simple/.test(text)) return { kind: 'element-in-simple', element };
  if ((x = /^The attribute '([^']+)' is not allowed/.exec(text))) return { kind: 'attribute-not-allowed', element, attribute: { local: x[1]!.replace(/^\{[^}]*\}/, ''), uri: /^\{([^}]*)\}/.exec(x[1]!)?.[1] ?? '' } };
  if ((x = /^The attribute '([^']+)' is required but missing/.exec(text))) return { kind: 'attribute-missing', element, attribute: x[1]! };
  if (/^No matching global declaration available for the validation root/.test(text)) return { kind: 'no-declaration', element };
  return { kind: 'other', element, text };
}

/** A facet error followed by libxml2's echo of the same value as "not a valid value of the atomic type". */
export function isFacetWithEcho(raw: string, next: string | undefined): boolean {
  const m = ELEMENT.exec(raw);
  if (!m || !/^\[facet '/.test(m[5]!) || next === undefined) return false;
  const n = ELEMENT.exec(next);
  return n !== null && ATOMIC.test(n[5]!);
}
