/**
 * Library API of `tiss`. The CLI is a thin layer over these functions.
 *
 * ```ts
 * import { validate, computeHash, generate, parse } from 'tiss';
 * const result = validate(readFileSync('lote.xml'), { file: 'lote.xml' });
 * ```
 */
export { validate, validateFile } from './validate/index.js';
export type { MessageSummary, ValidateOptions, ValidationResult } from './validate/index.js';
export { createValidator, validateAsync, validateFiles, validateFilesIter } from './batch/validator.js';
export type { AsyncValidateOptions, ValidateFilesOptions, Validator, ValidatorOptions } from './batch/validator.js';
export { computeHash, fixHash } from './hash/api.js';
export type { FixResult, HashOptions, HashResult } from './hash/api.js';
export type { HashEncoding, HashReport } from './hash/report.js';
export type { Finding, FindingSource, Severity } from './findings/finding.js';
export { CODES } from './findings/catalog.js';
export type { CodeInfo, FindingCode } from './findings/catalog.js';
export { TissError } from './errors.js';
export { installSchemas, listSchemas, resolveSchemaRoot, defaultStoreDir } from './schemas/store.js';
export { tables, checkTables } from './tables/index.js';
export type { Table, TableCode } from './tables/index.js';
export { installTabelas, listTabelas, loadTuss22, requireTuss22, defaultTabelasDir } from './terminology/store.js';
export type { InstalledRelease, InstallOptions } from './terminology/store.js';
export { TussTable } from './terminology/tuss22.js';
export type { TussProcedure, TussSuggestion, TussElsewhere, TussRow, TussRelease } from './terminology/tuss22.js';
export { RULES, findRule } from './rules/catalog.js';
export type { Rule, RuleConfig, RuleMeta, RuleContext, RuleSetting } from './rules/types.js';
export { loadConfig, parseConfig } from './config/parse.js';
export { resolveProfile } from './config/load.js';
export type { TissConfig, Profile, FieldCheck } from './config/schema.js';
export { configJsonSchema } from './config/json-schema.js';
export { runBatch } from './batch/run.js';
export type { Outcome } from './batch/outcome.js';
export { FORMATTERS } from './formatters/index.js';
export type { Formatter, FormatterFactory, FormatterOptions, Report, ToolInfo, Totals, Unreadable } from './formatters/types.js';
export { formatReport } from './formatters/report.js';
export { codeDescriptors, glosaText } from './codes.js';
export type { CodeDescriptor } from './codes.js';
export { TOOL } from './version.js';
export { Aggregator } from './report/aggregate.js';
export type { Aggregate } from './report/aggregate.js';
export { generate } from './generate/generate.js';
export type { GenerateOptions, GenerateResult } from './generate/generate.js';
export { generateFromInput } from './generate/from-input.js';
export type { GenerateInputOptions } from './generate/from-input.js';
export { parse } from './generate/parse.js';
export type { ParseOptions } from './generate/parse.js';
export { parseInput } from './generate/input.js';
export type { InputEncoding } from './generate/input.js';
export { CONTRACTS, contractJsonSchema } from './generate/contract.js';
export type { JsonObject, JsonValue } from './generate/shape.js';

// libxml2-wasm (the reference XSD engine, ~35 ms to instantiate) is loaded before the library is used, so
// that validate() stays synchronous whatever the engine; the CLI and its workers load it only on need.
import { loadLibxml2 } from './xml/libxml2.js';
await loadLibxml2();
