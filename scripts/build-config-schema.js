#!/usr/bin/env node
// Writes schemas/tiss.config.schema.json (JSON Schema of tiss.config.json, for editors) from the zod
// contract in src/config/schema.ts. `npm test` checks the committed file is current.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../dist/config/json-schema.js';

const target = fileURLToPath(new URL('../schemas/tiss.config.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`escrito ${target}`);
