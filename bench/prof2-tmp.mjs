import { readFileSync } from 'node:fs';
import { validate } from '../dist/index.js';
const big = readFileSync(process.argv[2] ?? '/work/main/bench/out/lote-100-sp-sadt.xml');
const t = performance.now();
validate(big, { engine: process.env.E ?? 'compiled' });
console.log('first', (performance.now() - t).toFixed(1));
