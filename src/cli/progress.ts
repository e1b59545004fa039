import cliProgress from 'cli-progress';

/** A progress bar on stderr: files done/total, files with errors, rate, ETA. Only created on a TTY. */
export interface Progress {
  tick(withErrors: boolean): void;
  /** Hide the bar while the report is written to stdout (same terminal), then redraw. */
  pause(): void;
  resume(): void;
  stop(): void;
}

export function createProgress(total: number): Progress {
  let errors = 0;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ' {bar} {value}/{total} arquivos | {errors} com erro | {rate} arq/s | restam {eta_formatted}',
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { errors: 0, rate: '0' });
  let value = 0;
  return {
    tick(withErrors) {
      value++;
      if (withErrors) errors++;
      const secs = (Date.now() - started) / 1000;
      bar.update(value, { errors, rate: secs > 0 ? (value / secs).toFixed(1) : '0' });
    },
    pause() {
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    },
    resume() {
      bar.render();
    },
    stop() {
      bar.stop();
    },
  };
}
