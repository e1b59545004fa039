import { readFileSync } from 'node:fs';
import { validate } from '../dist/index.js';
const big = readFileSync('/work/main/bench/out/lote-100-sp-sadt.xml');
for (let i = 0; i < 400; i++) validate(big, { engine: 'compiled' });
