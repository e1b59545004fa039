import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../src/validate.js';
import { rng } from './fuzz/mutate.js';
import { mutateForSchema as mutate } from './fuzz/mutate-schema.js';
const dirs = ['/work/main/samples/valid', '/work/main/samples/invalid', '/work/main/samples/rules/passa', '/work/main/samples/rules/falha', '/work/shared/corpus'];
function walk(d: string): string[] { const out: string[] = []; for (const f of readdirSync(d)) { const p = join(d, f); if (statSync(p).isDirectory()) out.push(...walk(p)); else if (f.endsWith('.xml')) out.push(p); } return out; }
const files = dirs.flatMap((d) => { try { return walk(d); } catch { return []; } });
const xsdOf = (r: any) => r.findings.filter((f: any) => f.source === 'xsd' || f.code.startsWith('TISS-XSD'));
let capped = 0; let same = 0, diffVerdict = 0, diffDetail = 0, deferred = 0, compared = 0;
const show = Number(process.env.SHOW ?? 5);
function cmp(name: string, bytes: Uint8Array) {
  const a = validate(bytes, { file: name, today: '2026-11-22', engine: 'compiled' });
  const b = validate(bytes, { file: name, today: '2026-11-22', engine: 'libxml2' });
  if (!b.schema) return;
  compared++;
  if (a.schema?.engine === 'libxml2') { deferred++; return; }
  const xa = xsdOf(a), xb = xsdOf(b);
  if ((xa.length === 0) !== (xb.length === 0)) { diffVerdict++; if (diffVerdict <= show) console.log('VERDICT', name, '\n compiled:', xa.map((f: any) => `${f.line} ${f.detail}`).slice(0,3), '\n libxml2:', xb.map((f: any) => `${f.line} ${f.detail}`).slice(0,3)); return; }
  const key = (f: any) => `${f.line}|${f.column}|${f.xpath}|${f.code}`; const msg = (f: any) => `${f.line}|${f.code}|${f.message}`; if (xa.map(key).join() === xb.map(key).join() && xa.map(msg).join() !== xb.map(msg).join()) { capped++; const norm = (x: string) => x.replace(/(esperado|Era esperado: |um destes: )[^\n]*/g, '$1…').replace(/ \(nenhum outro elemento é esperado aqui\)/, '. Era esperado: …'); const ma = xa.map(msg).map(norm).join('\n'), mb = xb.map(msg).map(norm).join('\n'); if (ma !== mb && capped < 40) console.log('MSG', name, '\n', ma.slice(0, 500), '\n', mb.slice(0, 500)); return; } const da = xa.map(key).join('\n'), db = xb.map(key).join('\n');
    if (da !== db) { diffDetail++; if (diffDetail <= show) console.log('DETAIL', name, '\n compiled:\n ', xa.map(msg).join('\n').slice(0, 700), '\n libxml2:\n ', xb.map(msg).join('\n').slice(0, 700)); return; }
  same++;
}
for (const f of files) cmp(f, readFileSync(f));
console.log(`files: compared ${compared} same ${same} verdict-diff ${diffVerdict} detail-diff ${diffDetail} deferred ${deferred} capped ${capped}`);
const N = Number(process.env.N ?? 0);
const sources = files.filter((f) => f.includes('/valid/') || f.includes('/passa/')).map((p) => ({ p, b: readFileSync(p) }));
same = diffVerdict = diffDetail = deferred = compared = capped = 0;
for (let i = 0; i < N; i++) { const s = sources[i % sources.length]!; const m = mutate(s.b, rng(Number(process.env.SEED ?? 7000) + i)); cmp(`${i}-${m.kind}-${s.p.split('/').pop()}`, m.bytes); }
if (N) console.log(`mutants ${N}: compared ${compared} same ${same} verdict-diff ${diffVerdict} detail-diff ${diffDetail} deferred ${deferred} message-only ${capped}`);
