import { z } from 'zod';
import { configSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of tiss.config.json, generated from the zod contract. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', target: 'draft-2020-12' }),
    $id: 'https://tiss.dev/schemas/tiss.config.schema.json',
    title: 'Configuração do tiss (perfis de operadora)',
  };
}
