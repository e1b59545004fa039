#!/usr/bin/env node
// Writes schemas/contracts/<contrato>.schema.json: the JSON Schema of each generator input contract
// (built with zod from the installed XSDs' content model), so editors complete the input files.
// `npm test` checks the committed files are current.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, contractJsonSchema } from '../dist/generate/contract.js';
import { tissModel } from '../dist/generate/model.js';

const dir = fileURLToPath(new URL('../schemas/contracts/', import.meta.url));
mkdirSync(dir, { recursive: true });
const model = tissModel();
for (const name of Object.keys(CONTRACTS)) {
  writeFileSync(`${dir}${name}.schema.json`, `${JSON.stringify(contractJsonSchema(name, { model }), null, 2)}\n`);
  console.log(`escrito schemas/contracts/${name}.schema.json`);
}
