import { AtomicFile } from '../io/atomic-write.js';

/** Where a report goes: standard output, or a file written atomically when the run ends. */
export interface Sink {
  write(text: string): void;
  close(): void;
  abort(): void;
}

export function stdoutSink(): Sink {
  return {
    write: (t) => {
      if (t) process.stdout.write(t);
    },
    close: () => undefined,
    abort: () => undefined,
  };
}

export function fileSink(path: string): Sink {
  const file = new AtomicFile(path);
  return { write: (t) => t && file.write(t), close: () => file.commit(), abort: () => file.abort() };
}
