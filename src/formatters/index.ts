import { codequality } from './codequality.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { summary } from './summary.js';
import { text } from './text.js';
import type { FormatterFactory } from './types.js';

/** Output formats of `tiss validate --format`, one module each, all of one Formatter type. */
export const FORMATTERS = { text, json, junit, sarif, summary, codequality } satisfies Record<string, FormatterFactory>;

export type FormatName = keyof typeof FORMATTERS;
