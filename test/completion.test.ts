import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tiss, tempDir } from './helpers.js';

/** Issue 13, item 2: `tiss completion` prints a bash/zsh script; commands, options and choices complete. */
const complete = (...words: string[]): string[] => {
  const r = tiss(['--get-yargs-completions', 'tiss', ...words]);
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n');
};

describe('shell completion', () => {
  it('tiss completion prints a bash script that asks tiss for the words', () => {
    const r = tiss(['completion'], { env: { SHELL: '/bin/bash' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tiss --get-yargs-completions');
    expect(r.stdout).toContain('complete -o bashdefault -o default -F _tiss_yargs_completions tiss');
  });

  it('and a zsh script under zsh', () => {
    const r = tiss(['completion'], { env: { SHELL: '/usr/bin/zsh' } });
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('#compdef tiss\n')).toBe(true);
    expect(r.stdout).toContain('compdef _tiss_yargs_completions tiss');
  });

  it('completes commands, a command\'s options and an option\'s choices', () => {
    expect(complete('val')).toContain('validate');
    expect(complete('')).toEqual(expect.arrayContaining(['validate', 'report', 'generate', 'hash', 'schemas', 'completion']));
    expect(complete('validate', '--hash')).toEqual(expect.arrayContaining(['--hash-encoding', '--progress', '--max-warnings']));
    expect(complete('validate', '--format', '')).toEqual(['text', 'json', 'junit', 'sarif', 'summary', 'codequality']);
    expect(complete('schemas', '')).toEqual(expect.arrayContaining(['install', 'list']));
  });

  it.skipIf(spawnSync('bash', ['--version']).status !== 0)('the bash script, sourced, completes "tiss val" to validate', () => {
    const dir = tempDir('tiss-completion-');
    try {
      // `tiss` on the PATH, as after npm install -g.
      symlinkSync(join(ROOT, 'bin', 'tiss.js'), join(dir, 'tiss'));
      writeFileSync(join(dir, 'tiss.bash'), tiss(['completion'], { env: { SHELL: '/bin/bash' } }).stdout);
      const script = `source ${dir}/tiss.bash
COMP_WORDS=(tiss val); COMP_CWORD=1; _tiss_yargs_completions; echo "\${COMPREPLY[*]}"
COMP_WORDS=(tiss validate --hash-e); COMP_CWORD=2; _tiss_yargs_completions; echo "\${COMPREPLY[*]}"`;
      const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${dir}:${dirname(process.execPath)}:${process.env.PATH ?? ''}` },
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('validate\n--hash-encoding\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
