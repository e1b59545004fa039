import { TissError } from '../errors.js';

/**
 * Standard output that a closed pipe or a full disk cannot turn into a stack trace (issue 9, item 13):
 * `tiss validate lotes/ | head -1` ends quietly, as Unix tools killed by SIGPIPE do (exit 141, nothing on
 * stderr); `> /dev/full` is a Portuguese message and exit 2.
 */
export const EXIT_PIPE_CLOSED = 141;

let installed = false;

function onError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(EXIT_PIPE_CLOSED);
  const why = e.code === 'ENOSPC' ? 'disco cheio' : e.code === 'EDQUOT' ? 'cota de disco esgotada' : e.code === 'EIO' ? 'erro de entrada e saída' : (e.code ?? e.message);
  try {
    process.stderr.write(`tiss: não foi possível escrever na saída padrão: ${why}. A saída está incompleta.\n`);
  } catch {
    /* stderr is gone too: nothing left to tell */
  }
  process.exit(2);
}

/** Installs the handlers once, before anything is written. */
export function guardStdout(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', onError);
  process.stderr.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_PIPE_CLOSED);
  });
}

/** Writes to stdout and waits until the bytes are handed over; a failure is a TissError (or the quiet pipe exit). */
export function writeStdout(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(data, (err) => {
      if (!err) return resolve();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(EXIT_PIPE_CLOSED);
      reject(new TissError(`Não foi possível escrever na saída padrão: ${code === 'ENOSPC' ? 'disco cheio' : (code ?? err.message)}.`));
    });
  });
}
