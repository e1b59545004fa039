import type { Finding } from '../findings/finding.js';
import type { HashReport } from '../hash/report.js';
import type { GuiaCount, MessageInfo } from '../message/kind.js';
import { messageFacts, type GuiaResumo } from '../message/facts.js';
import type { XsdEngine } from './options.js';

export interface MessageSummary {
  family: MessageInfo['family'];
  root: string;
  soap: boolean;
  version: string | null;
  tipoTransacao: string | null;
  direction: string | null;
  operation: string | null;
  registroANS: string | null;
  guias: GuiaCount[];
  numerosGuia: string[];
  prestador: string | null;
  valorInformado: number | null;
  /** Each guia: number, kind, beneficiário, informed total (what the page and an intake desk show). */
  guiasResumo: GuiaResumo[];
}

export interface SchemaUsed {
  version: string;
  entry: string;
  /** The version the message declares (`Padrao`, `versaoPadrao`), or null. */
  declared: string | null;
  /**
   * `own`: the declared version's schema; `requested`: the receiver's (`schemaVersion`); `nearest`: the
   * nearest newer installed version that accepts a declared version with no schema of its own (4.02.00);
   * `undeclared`: no readable version in the message, the newest installed one.
   */
  reason: 'own' | 'requested' | 'nearest' | 'undeclared';
  /** The engine that gave the XSD verdict (`libxml2` also when the compiled one deferred to it). */
  engine: XsdEngine;
}

export interface ValidationResult {
  file: string;
  /** No finding of severity error. */
  valid: boolean;
  findings: Finding[];
  counts: { error: number; warning: number; info: number };
  encoding: { declared: string | null; bom: string | null; read: string } | null;
  message: MessageSummary | null;
  /** Version and entry schema the message was checked against, and why that one; null if the XSD was not run. */
  schema: SchemaUsed | null;
  /**
   * `valid`: no error; `invalid`: errors; `unsupported-version`: the message declares a version no installed
   * schema accepts (3.05.00, or one the receiver's version does not accept), so it was not checked against
   * any XSD (the CLI exits 3, so that CI can tell a wrong version from an invalid file).
   */
  status: 'valid' | 'invalid' | 'unsupported-version';
  hash: HashReport | null;
  /** Name of the operadora profile applied, or null. */
  profile: string | null;
  /** Time spent validating this file, in milliseconds. */
  elapsedMs: number;
}

/** What a run learnt about a file besides its findings (each part null when that stage did not run). */
export interface ResultParts {
  encoding?: ValidationResult['encoding'];
  message?: MessageSummary | null;
  schema?: SchemaUsed | null;
  hash?: HashReport | null;
  profile?: string | null;
  elapsedMs?: number;
  /** The message declares a version no installed schema accepts: status `unsupported-version`. */
  unaccepted?: boolean;
}

/**
 * The one constructor of a ValidationResult: counts, verdict and status come from the findings (sorted by
 * the caller), the rest from what the run learnt. A result of findings alone (a file not read, a worker that
 * crashed, the generator's report) passes no parts.
 */
export function resultOf(file: string, findings: Finding[], p: ResultParts = {}): ValidationResult {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const valid = counts.error === 0;
  return {
    file,
    valid,
    findings,
    counts,
    encoding: p.encoding ?? null,
    message: p.message ?? null,
    schema: p.schema ?? null,
    status: p.unaccepted ? 'unsupported-version' : valid ? 'valid' : 'invalid',
    hash: p.hash ?? null,
    profile: p.profile ?? null,
    elapsedMs: p.elapsedMs ?? 0,
  };
}

/** The message part of a result: what it is and the facts a report or the page shows. */
export function summarize(m: MessageInfo): MessageSummary {
  return {
    family: m.family,
    root: m.root,
    soap: m.soap,
    version: m.version,
    tipoTransacao: m.tipoTransacao,
    direction: m.direction,
    operation: m.operation,
    registroANS: m.registroANS,
    guias: m.guias,
    ...messageFacts(m),
  };
}
