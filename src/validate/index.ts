/**
 * Validating one message (the orchestrator): read → message → schema → rules → profile fields → hash,
 * each stage in its own module here, one constructor for the result (result.ts).
 */
export { validate, validateFile } from './validate.js';
export { resultOf, type MessageSummary, type ResultParts, type SchemaUsed, type ValidationResult } from './result.js';
export { XSD_ENGINES, type ValidateOptions, type XsdEngine } from './options.js';
