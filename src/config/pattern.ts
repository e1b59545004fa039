import { createRequire } from 'node:module';

/** A profile's field pattern, compiled once: `test` is linear in the value's length, whatever the pattern. */
export interface FieldPattern {
  test(value: string): boolean;
}

interface Re2 {
  test(s: string): boolean;
}
type Re2Constructor = new (pattern: string, flags: string) => Re2;

let RE2: Re2Constructor | undefined;
const compiled = new Map<string, FieldPattern>();

/**
 * Profile patterns come from a config file and run on every value of a file (issue 9, item 11): a
 * pattern such as `(a+)+b` makes JavaScript's backtracking engine run for minutes on a 30-character
 * value. So they are compiled with RE2 (re2-wasm, Google's RE2 in WebAssembly), whose matching time is
 * linear by construction, and loaded only when a profile has `fields`. RE2 has no lookaround and no
 * backreferences; a pattern that needs them is refused when the config is loaded.
 * Throws an Error with RE2's reason when the pattern cannot be compiled.
 */
export function compilePattern(pattern: string): FieldPattern {
  let p = compiled.get(pattern);
  if (!p) {
    RE2 ??= (createRequire(import.meta.url)('re2-wasm') as { RE2: Re2Constructor }).RE2;
    const re = new RE2(`^(?:${pattern})$`, 'u');
    p = { test: (value) => re.test(value) };
    compiled.set(pattern, p);
  }
  return p;
}

/** Why a pattern is refused, in Portuguese, or null when it compiles. */
export function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'expressão regular inválida';
  }
  try {
    compilePattern(pattern);
    return null;
  } catch (e) {
    const why = (e as Error).message;
    return /look|backreference|\\\d|invalid escape|(?:\?[=!<])/i.test(why + pattern)
      ? 'a expressão usa um recurso não permitido (lookahead, lookbehind ou retrovisor \\1); use só classes, grupos, alternativas e repetições'
      : `a expressão não é aceita pelo motor de tempo linear (RE2): ${why}`;
  }
}
