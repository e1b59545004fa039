import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** The module graph of src/ (value imports only: `import type` is erased and cannot make a cycle). */
function moduleGraph(): Map<string, string[]> {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(join(ROOT, 'src'));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps = [...text.matchAll(/^(import|export)\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(dirname(f), m[2]!.replace(/\.js$/, '.ts')));
    graph.set(f, deps);
  }
  return graph;
}

describe('architecture', () => {
  it('src/ has no import cycles', () => {
    const graph = moduleGraph();
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (n: string): void => {
      state.set(n, 1);
      stack.push(n);
      for (const d of graph.get(n) ?? []) {
        if (state.get(d) === 1) cycles.push([...stack.slice(stack.indexOf(d)), d].map((x) => relative(ROOT, x)).join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });

  it('the core never imports the CLI or a formatter', () => {
    const graph = moduleGraph();
    for (const [file, deps] of graph) {
      const rel = relative(ROOT, file);
      // The outer layers: the CLI, the service (src/serve: it answers in the formatters' shapes), batches, reports.
      if (rel.startsWith('src/cli/') || rel.startsWith('src/serve/') || rel.startsWith('src/formatters/') || rel === 'src/index.ts' || rel.startsWith('src/batch/') || rel.startsWith('src/report/')) continue;
      for (const d of deps) expect(relative(ROOT, d), `${rel} importa ${relative(ROOT, d)}`).not.toMatch(/^src\/(cli|formatters)\//);
    }
  });

  it('the layers run one way: xml/ imports nothing from message/ or rules/, message/ nothing from rules/ (type imports included)', () => {
    // Type imports count too: a layer that needs a type from the one above is upside down just the same.
    const forbidden: Record<string, RegExp> = { 'src/xml/': /^src\/(message|rules)\//, 'src/message/': /^src\/rules\// };
    const wrong: string[] = [];
    let checked = 0;
    for (const [layer, above] of Object.entries(forbidden)) {
      for (const f of readdirSync(join(ROOT, layer))) {
        if (!f.endsWith('.ts')) continue;
        checked++;
        const file = join(ROOT, layer, f);
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
          const target = relative(ROOT, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
          if (above.test(target)) wrong.push(`${relative(ROOT, file)} importa ${target}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});

describe('formatters get their input', () => {
  it('no formatter imports a catalogue (the codes come in the options) and the locale module imports nothing but types', () => {
    const graph = moduleGraph();
    for (const [file, deps] of graph) {
      const rel = relative(ROOT, file);
      if (rel.startsWith('src/formatters/')) {
        for (const d of deps) expect(relative(ROOT, d), `${rel} importa ${relative(ROOT, d)}`).not.toMatch(/^src\/(findings|rules)\/catalog\.ts$/);
      }
      if (rel.startsWith('src/locale/')) expect(deps, rel).toEqual([]);
    }
  });
});

describe('the compiled engine runs in a browser', () => {
  it('the engine, the strict scanner, the schema model and the rules use nothing from Node (no node: module, Buffer or process), nor anything that does', () => {
    const graph = moduleGraph();
    // The rules too: their engine and every rule (the installed tables reach them through an injected loader).
    const core = ['src/xsd/compiled/engine.ts', 'src/xml/tree.ts', 'src/xml/wellformed.ts', 'src/xsd/content-model.ts', 'src/xsd/issue.ts', 'src/rules/engine.ts', 'src/rules/catalog.ts'];
    const seen = new Set<string>();
    const pending = core.map((f) => join(ROOT, f));
    while (pending.length) {
      const f = pending.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      pending.push(...(graph.get(f) ?? []));
    }
    expect(seen.size).toBeGreaterThanOrEqual(core.length);
    for (const f of seen) {
      // Comments may name Node; code may not.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const rel = relative(ROOT, f);
      expect(code, rel).not.toMatch(/from\s+'node:|require\(|\bBuffer\b|\bprocess\.|from\s+'(fs|path|os|worker_threads)'/);
    }
  });
});
