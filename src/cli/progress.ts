import cliProgress from 'cli-progress';

/**
 * Progress of a run on stderr: files done/total, files with errors, rate, time left.
 *
 * On a terminal: a one-line bar (cli-progress). Everything the run prints to the same terminal goes through
 * `print`, which clears the bar's line first and redraws the bar after, and `stop` clears the line: the
 * report's lines stay intact and nothing of the bar is left behind. cli-progress' SingleBar is not used: it
 * saves the cursor position when it starts and restores it when it stops, which after the report scrolled
 * the screen puts the cursor back over the report (the summary and the shell prompt were drawn over it and a
 * stale bar stayed). A MultiBar of one bar only ever moves within its own line.
 *
 * Elsewhere (a pipe, a file, a CI log; only when asked with --progress): plain lines, at most one per second
 * and a last one when the run ends, each ending in a newline, no ANSI sequences — the way `wget` and
 * `docker build --progress=plain` report progress into logs.
 */
export interface Progress {
  /** One more file done. */
  tick(withErrors: boolean): void;
  /** Runs `write` (which prints to the terminal, e.g. a file's report on stdout) with the bar out of the way. */
  print(write: () => void): void;
  /** The run is over: the bar is cleared (terminal) or the last line written (elsewhere). Idempotent. */
  stop(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Clock, for tests. */
  now?: () => number;
  /** Least time between two plain lines, in ms (default 1000). */
  interval?: number;
}

const number = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** "12/208 arquivos | 1 com erro | 240 arq/s | restam 1s": the counts shared by the bar and the lines. */
export function describeProgress(done: number, total: number, errors: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = done > 0 && rate > 0 ? `restam ${formatSeconds((total - done) / rate)}` : 'restam …';
  return `${done}/${total} arquivos | ${errors} com erro | ${number.format(rate)} arq/s | ${left}`;
}

function formatSeconds(s: number): string {
  const secs = Math.ceil(s);
  if (secs < 60) return `${secs}s`;
  const m = Math.floor(secs / 60);
  return m < 60 ? `${m}min${String(secs % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}min`;
}

export function createProgress(total: number, stream: ProgressStream = process.stderr, options: ProgressOptions = {}): Progress {
  return stream.isTTY ? terminalBar(total, stream, options) : plainLines(total, stream, options);
}

function terminalBar(total: number, stream: ProgressStream, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  let done = 0;
  let errors = 0;
  let stopped = false;
  const multi = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: (opts, params) => ` ${cliProgress.Format.BarFormat(params.progress, opts)} ${describeProgress(done, total, errors, now() - started)}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      barsize: 25,
      // Cut to the terminal's width by cli-progress (a wrapped line could not be cleared); the terminal's own
      // line wrapping and cursor are left alone, so an interrupted run leaves the terminal as it was.
      linewrap: true,
      hideCursor: false,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  // SingleBar's declared render() takes no argument; the GenericBar it extends has render(forceRendering).
  const bar: cliProgress.GenericBar = multi.create(total, 0);
  const clearLine = (): void => {
    stream.write('\r\x1b[2K');
  };
  return {
    tick(withErrors) {
      done++;
      if (withErrors) errors++;
      bar.update(done);
    },
    print(write) {
      if (stopped) return write();
      clearLine();
      write();
      bar.render(true);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multi.stop();
      clearLine();
    },
  };
}

function plainLines(total: number, stream: ProgressStream, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const interval = options.interval ?? 1000;
  const started = now();
  let last = started;
  let done = 0;
  let errors = 0;
  let stopped = false;
  const line = (): void => {
    stream.write(`tiss: ${describeProgress(done, total, errors, now() - started)}\n`);
  };
  return {
    tick(withErrors) {
      done++;
      if (withErrors) errors++;
      if (now() - last >= interval && done < total) {
        last = now();
        line();
      }
    },
    print(write) {
      write();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      line();
    },
  };
}
