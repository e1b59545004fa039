import { generate, type GenerateOptions, type GenerateResult } from './generate.js';
import { decodeInput, locateInInput, parseInput, type InputEncoding } from './input.js';

export interface GenerateInputOptions extends GenerateOptions {
  /** Encoding of the input file (default UTF-8). */
  inputEncoding?: InputEncoding;
}

/**
 * `generate` over the bytes of a JSON or YAML file, as the CLI does: findings carry the line and
 * column of the input where the problem is. Throws TissError when the input is not valid JSON/YAML
 * (with line and column) or not in the given encoding.
 */
export function generateFromInput(bytes: Uint8Array, options: GenerateInputOptions = {}): GenerateResult & { source: string } {
  const name = options.file ?? '<entrada>';
  const source = decodeInput(bytes, name, options.inputEncoding);
  const { value } = parseInput(source, name);
  const result = generate(value, options);
  return { ...result, findings: locateInInput(source, result.findings), source };
}
