import { FindingCollector } from '../findings/collector.js';
import { resultOf, type ValidationResult } from '../validate/index.js';
import { reportTooLarge } from '../xml/read.js';

/**
 * What a batch yields per input, in input order. `fatal` is a problem of the setup (schemas not
 * installed…), not of the file: the run stops with exit 2.
 */
export type Outcome =
  | { kind: 'result'; result: ValidationResult }
  | { kind: 'unreadable'; file: string; reason: string }
  | { kind: 'fatal'; message: string; hint?: string };

/** The result for a file whose processing crashed its worker: that file's error, not the run's. */
export function crashResult(file: string, reason: string): ValidationResult {
  const out = new FindingCollector(file);
  out.report('TISS-INTERNAL', {
    message: `A conferência deste arquivo falhou (${reason}); os demais arquivos foram conferidos normalmente. Por favor, relate o problema com o arquivo.`,
  });
  return resultOf(file, out.findings);
}

/**
 * The result for a file that could not be read (the library's validateFiles: a result, where the CLI lists
 * the file apart as "não lido"). `data.reason` is the reason alone.
 */
export function unreadableResult(file: string, reason: string): ValidationResult {
  const out = new FindingCollector(file);
  out.report('TISS-INPUT-UNREADABLE', { message: `Não foi possível ler o arquivo: ${reason}.`, data: { reason } });
  return resultOf(file, out.findings);
}

/** The result for a file over --max-size, known from its size (it is not read). */
export function tooLargeResult(file: string, size: number, maxSize: number): ValidationResult {
  const out = new FindingCollector(file);
  reportTooLarge(out, size, maxSize);
  return resultOf(file, out.findings);
}
