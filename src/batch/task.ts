import { TissError } from '../errors.js';
import { readFileBounded } from '../io/bounded-read.js';
import { describeIoError } from '../io/errors.js';
import { validate, type ValidateOptions } from '../validate/index.js';
import { DEFAULT_MAX_SIZE } from '../xml/read.js';
import { tooLargeResult, type Outcome } from './outcome.js';
import { Libxml2NotLoaded, loadLibxml2 } from '../xml/libxml2.js';
import type { TissConfig } from '../config/schema.js';

export interface Task {
  file: string;
  /** Bytes already read (standard input, an upload), or XML text; otherwise the file is read here. */
  bytes?: Uint8Array | string;
  /** Raw bytes of the path when the name is not UTF-8 (`file` is then its Latin-1 reading, for display). */
  path?: Uint8Array;
  options: Omit<ValidateOptions, 'file'>;
}

/**
 * One input of a batch: a Task without its options, and the config that applies to this file when it is
 * not the batch's (config discovery: files of one run may sit under different tiss.config.json).
 */
export type BatchInput = Omit<Task, 'options'> & { config?: TissConfig };

/** The options of one input: the batch's, with the input's own config when it has one. */
export function taskFor(input: BatchInput, options: Task['options']): Task {
  const { config, ...rest } = input;
  return { ...rest, options: config ? { ...options, config } : options };
}

/**
 * runTask, loading libxml2 first when the file turns out to need it (--engine libxml2, or a document the
 * compiled engine defers): the CLI and the workers start without it.
 */
export async function runTaskLoading(task: Task): Promise<Outcome> {
  try {
    return runTask(task);
  } catch (e) {
    if (!(e instanceof Libxml2NotLoaded)) throw e;
    await loadLibxml2();
    return runTask(task);
  }
}

/** Reads and validates one input (in a worker or in this thread). Never throws: everything is an Outcome. */
export function runTask(task: Task): Outcome {
  let bytes: Uint8Array | string;
  if (task.bytes !== undefined) bytes = task.bytes;
  else {
    // Bounded by the bytes actually read: a file over the limit, a FIFO or /dev/zero is never read whole.
    const read = readFileBounded(task.path ? Buffer.from(task.path) : task.file, task.options.maxSize ?? DEFAULT_MAX_SIZE);
    switch (read.kind) {
      case 'ok':
        bytes = read.bytes;
        break;
      case 'too-large':
        return { kind: 'result', result: tooLargeResult(task.file, read.size, read.limit) };
      case 'not-regular':
        return { kind: 'unreadable', file: task.file, reason: `é ${read.what}, não um arquivo comum (para ler de um pipe, use "-" e a entrada padrão)` };
      case 'error':
        return { kind: 'unreadable', file: task.file, reason: describeIoError(read.error) };
    }
  }
  try {
    return { kind: 'result', result: validate(bytes, { ...task.options, file: task.file }) };
  } catch (e) {
    if (e instanceof TissError) return { kind: 'fatal', message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    throw e;
  }
}
