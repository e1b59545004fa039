import { readFileSync, statSync } from 'node:fs';
import { TissError } from '../errors.js';
import { describeIoError, validate, type ValidateOptions } from '../validate.js';
import type { Outcome } from './outcome.js';

export interface Task {
  file: string;
  /** Bytes already read (standard input); otherwise the file is read here. */
  bytes?: Uint8Array;
  options: Omit<ValidateOptions, 'file'>;
}

/** Reads and validates one input (in a worker or in this thread). Never throws: everything is an Outcome. */
export function runTask(task: Task): Outcome {
  let bytes: Uint8Array;
  if (task.bytes) bytes = task.bytes;
  else {
    try {
      const max = task.options.maxSize;
      // A file over the limit is refused without reading it into memory.
      bytes = max !== undefined && statSync(task.file).size > max ? new Uint8Array(max + 1) : readFileSync(task.file);
    } catch (e) {
      return { kind: 'unreadable', file: task.file, reason: describeIoError(e) };
    }
  }
  try {
    return { kind: 'result', result: validate(bytes, { ...task.options, file: task.file }) };
  } catch (e) {
    if (e instanceof TissError) return { kind: 'fatal', message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    throw e;
  }
}
