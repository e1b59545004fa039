import { json } from './json.js';
import { text } from './text.js';
import type { Formatter } from './types.js';

/** Output formats of `tiss validate --format`, one module each. */
export const FORMATTERS = { text, json } satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
