import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress, describeProgress, type ProgressStream } from '../src/cli/progress.js';
import { INVALID, ROOT, tiss, VALID, tempDir } from './helpers.js';

/**
 * Issue 13, item 1: the progress of `tiss validate`. On a terminal the bar never stays behind and never
 * breaks the report, the summary or the shell prompt; with --progress outside a terminal, plain short lines.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b/;
const BAR = /[█░]/;

/** A folder of many files (valid ones, a few invalid ones among them): long enough for the bar to draw. */
let folder = '';
const VALID_COPIES = 1200;
const INVALID_COPIES = 6;
beforeAll(() => {
  folder = tempDir('tiss-progress-');
  for (let i = 0; i < VALID_COPIES; i++) copyFileSync(join(VALID, 'lote-consulta.xml'), join(folder, `v${i}.xml`));
  // Named to sort among the valid ones: their reports are written while the bar is on screen.
  for (let i = 0; i < INVALID_COPIES; i++) copyFileSync(join(INVALID, 'hash-desatualizado.xml'), join(folder, `v${i * 150}x.xml`));
});
afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
  rmSync(`${folder}.tmux.conf`, { force: true });
});

function fakeStream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { text: '', isTTY, columns: 80, write: (t: string) => (s.text += t) };
  return s;
}

describe('the progress text', () => {
  it('says done/total, errors, rate and time left in plain words', () => {
    expect(describeProgress(50, 200, 3, 2000)).toBe('50/200 arquivos | 3 com erro | 25 arq/s | restam 6s');
    expect(describeProgress(0, 200, 0, 0)).toBe('0/200 arquivos | 0 com erro | 0 arq/s | restam …');
    expect(describeProgress(1, 1000, 0, 3000)).toBe('1/1000 arquivos | 0 com erro | 0,3 arq/s | restam 49min57s');
  });
});

describe('progress outside a terminal', () => {
  it('writes a plain line at most once per interval and a last one, nothing else', () => {
    let now = 0;
    const stream = fakeStream(false);
    const p = createProgress(10, stream, { now: () => now, interval: 1000 });
    for (let i = 0; i < 10; i++) {
      now += 300;
      p.tick(i === 4);
    }
    p.print(() => stream.write('relatório\n'));
    p.stop();
    p.stop();
    // Ticks at 300 … 3000 ms: lines at 1200 (4 done) and 2400 (8 done), then the last one at stop.
    expect(stream.text).toBe(
      [
        'tiss: 4/10 arquivos | 0 com erro | 3,3 arq/s | restam 2s',
        'tiss: 8/10 arquivos | 1 com erro | 3,3 arq/s | restam 1s',
        'relatório',
        'tiss: 10/10 arquivos | 1 com erro | 3,3 arq/s | restam 0s',
        '',
      ].join('\n'),
    );
  });
});

describe('the bar on a terminal', () => {
  it('clears its line before the report is written and when it stops', () => {
    const stream = fakeStream(true);
    const p = createProgress(3, stream);
    p.tick(false);
    p.print(() => stream.write('RELATÓRIO\n'));
    // Cleared (CR + erase line) just before the report, redrawn just after it.
    // eslint-disable-next-line no-control-regex -- the terminal's own escape sequences are what is checked
    expect(stream.text).toMatch(/\r\u001b\[2KRELATÓRIO\n.*█/u);
    p.tick(false);
    p.tick(true);
    p.stop();
    expect(stream.text.endsWith('\r\u001b[2K')).toBe(true);
    // No cursor save/restore (ESC 7 / ESC 8): after the report scrolled, restoring put the cursor over it.
    // eslint-disable-next-line no-control-regex -- the terminal's own escape sequences are what is checked
    expect(stream.text).not.toMatch(/\u001b[78]/);
    const after = stream.text.length;
    p.print(() => stream.write('resumo\n'));
    expect(stream.text.slice(after)).toBe('resumo\n');
  });
});

describe('tiss validate --progress outside a terminal (stderr is a pipe)', () => {
  it('prints short newline-terminated lines, no placeholders, no ANSI, and the final count', () => {
    const r = tiss(['validate', folder, '--jobs', '2', '--progress']);
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith('\n')).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) {
      expect(line).toMatch(/^tiss: \d+\/1206 arquivos \| \d+ com erro \| [\d.,]+ arq\/s \| restam \S+$/);
      expect(line.length).toBeLessThan(100);
    }
    expect(r.stderr).not.toMatch(/[{}]/);
    expect(r.stderr).not.toMatch(ANSI);
    expect(r.stderr).not.toMatch(BAR);
    expect(lines.at(-1)).toMatch(/^tiss: 1206\/1206 arquivos \| 6 com erro \|/);
    // The report on stdout is the same as without progress.
    expect(r.stdout).toBe(tiss(['validate', folder, '--jobs', '2']).stdout);
  });
});

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
if (!HAS_TMUX) console.warn('test/progress.test.ts: tmux não está instalado (apt-get install tmux); o teste da barra num terminal real foi pulado.');

describe.skipIf(!HAS_TMUX)('the bar in a real terminal (tmux)', () => {
  const socket = `tiss-test-${process.pid}`;
  const tmux = (...args: string[]): string => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  };
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  it('leaves the report, the summary and the prompt intact, and no trace of the bar', async () => {
    const conf = `${folder}.tmux.conf`;
    writeFileSync(conf, 'set -g history-limit 100000\nset -g status off\n');
    // A plain shell with a known prompt; CI unset so the bar shows by default, as for a person at a terminal.
    tmux('-f', conf, 'new-session', '-d', '-s', 't', '-x', '100', '-y', '30', '-c', ROOT, "env -u CI NO_COLOR=1 PS1='__PROMPT__ ' bash --norc --noprofile -i");
    const capture = (): string => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 't');
    const waitFor = async (re: RegExp): Promise<string> => {
      const deadline = Date.now() + 40_000;
      let screen = capture();
      while (!re.test(screen) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        screen = capture();
      }
      return screen;
    };
    // Typed only once the shell shows its prompt (under load, keys typed earlier are echoed before it).
    expect(await waitFor(/^__PROMPT__/m)).toMatch(/^__PROMPT__/m);
    const command = `node bin/tiss.js validate ${folder} --jobs 2; echo __DONE__`;
    tmux('send-keys', '-t', 't', '-l', command);
    tmux('send-keys', '-t', 't', 'Enter');
    const screen = await waitFor(/^__DONE__\s*\n__PROMPT__/m);
    const lines = screen.split('\n').map((l) => l.trimEnd());
    const start = lines.findIndex((l) => l.startsWith('__PROMPT__ node bin/tiss.js validate'));
    const done = lines.indexOf('__DONE__');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(done).toBeGreaterThan(start);
    // Nothing of the bar anywhere.
    expect(screen).not.toMatch(BAR);
    // Between the command and the marker: exactly the report as written without a terminal, line for line
    // (every file's line, the findings, the summary on its own line).
    const expected = tiss(['validate', folder, '--jobs', '2']).stdout.trimEnd().split('\n').map((l) => l.trimEnd());
    expect(lines.slice(start + 1, done)).toEqual(expected);
    expect(expected.at(-1)).toBe('✖ 6 erros e 0 avisos em 1206 arquivos: 1200 válidos, 6 com erros');
    // The next prompt on its own line, right after the marker.
    expect(lines[done + 1]).toBe('__PROMPT__');
  });
});
