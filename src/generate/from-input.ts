import { FindingCollector, sortFindings } from '../findings/collector.js';
import { generate, guiaNumbers, type GenerateOptions, type GenerateResult } from './generate.js';
import { decodeInput, locateInInput, parseInput, type InputEncoding } from './input.js';
import { jsonLiteralProblems } from './json-literals.js';

export interface GenerateInputOptions extends GenerateOptions {
  /** Encoding of the input file (default UTF-8). */
  inputEncoding?: InputEncoding;
}

/**
 * `generate` over the bytes of a JSON or YAML file, as the CLI does: findings carry the line and
 * column of the input where the problem is. Throws TissError when the input is not valid JSON/YAML
 * (with line and column) or not in the given encoding. A JSON number that would lose digits and a key
 * repeated in one object are findings on the input, and nothing is generated.
 */
export function generateFromInput(bytes: Uint8Array, options: GenerateInputOptions = {}): GenerateResult & { source: string } {
  const name = options.file ?? '<entrada>';
  const source = decodeInput(bytes, name, options.inputEncoding);
  const { value, syntax } = parseInput(source, name);
  const result = generate(value, options);
  const literal = syntax === 'json' ? jsonLiteralProblems(source.replace(/^\uFEFF/, '')) : [];
  if (literal.length === 0) return { ...result, findings: locateInInput(source, result.findings), source };

  // The literal's own finding replaces what the generator said of the value JSON.parse made of it.
  const guiaAt = guiaNumbers(value);
  const out = new FindingCollector(name);
  for (const p of literal) {
    out.report(p.code, {
      message: p.message,
      line: p.line,
      column: p.column,
      path: p.jsonPath,
      guia: guiaAt(p.jsonPath),
      reference: 'RFC 8259 (JSON), seções 4 e 6: nomes repetidos e precisão dos números',
      fix: p.fix,
      data: p.data,
    });
  }
  const paths = new Set(literal.map((p) => p.jsonPath));
  const rest = result.findings.filter((f) => !paths.has(String(f.path)));
  return { xml: null, valid: false, hash: null, message: null, findings: sortFindings(locateInInput(source, [...out.findings, ...rest])), source };
}
