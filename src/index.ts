/**
 * Library API of `tiss`. The CLI is a thin layer over these functions.
 *
 * ```ts
 * import { validate, computeHash } from 'tiss';
 * const result = validate(readFileSync('lote.xml'), { file: 'lote.xml' });
 * ```
 */
export { validate, validateFile } from './validate.js';
export type { MessageSummary, ValidateOptions, ValidationResult } from './validate.js';
export { computeHash, fixHash } from './hash/api.js';
export type { FixResult, HashOptions, HashResult } from './hash/api.js';
export type { HashEncoding } from './hash/canonical.js';
export type { HashReport } from './hash/check.js';
export type { Finding, FindingSource, Severity } from './findings/finding.js';
export { CODES } from './findings/catalog.js';
export type { CodeInfo, FindingCode } from './findings/catalog.js';
export { TissError } from './errors.js';
export { installSchemas, listSchemas, resolveSchemaRoot, defaultStoreDir } from './schemas/store.js';
