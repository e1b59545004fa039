import { z } from 'zod';
import { patternProblem } from './pattern.js';

const severity = z.enum(['error', 'warning', 'info']);

/** An operadora's extra demand on one field, by element name: carteira, senha, código do prestador… */
export const fieldCheckSchema = z
  .object({
    pattern: z
      .string()
      .min(1)
      .superRefine((p, ctx) => {
        const problem = patternProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .describe('Expressão regular que o valor inteiro do campo deve atender, ex.: "\\\\d{17}". Sintaxe RE2 (tempo linear): sem lookahead, lookbehind nem retrovisores.'),
    message: z.string().optional().describe('O que a operadora exige, em português (aparece no achado).'),
    severity: severity.default('error'),
  })
  .strict();

const ruleSetting = z.enum(['off', 'error', 'warning', 'info']);

const profileBody = {
  description: z.string().optional().describe('Para quem é este perfil.'),
  hashEncoding: z.enum(['iso-8859-1', 'utf-8']).optional().describe('Bytes sobre os quais a operadora calcula o hash do epílogo.'),
  schemaVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, 'versão no formato 4.03.00')
    .optional()
    .describe('Versão do padrão da operadora: as mensagens são conferidas com o XSD desta versão, se o dm_versao dela aceitar a versão declarada (ex.: "4.03.00" aceita 4.00.00 a 4.03.00).'),
  rules: z
    .record(z.string().regex(/^TISS-R-[A-Z0-9-]+$/, 'id de regra no formato TISS-R-...'), ruleSetting)
    .default({})
    .describe('Regras desligadas ("off") ou com outra severidade.'),
  fields: z.record(z.string().regex(/^[A-Za-z_][\w.-]*$/, 'nome de elemento TISS'), fieldCheckSchema).default({}).describe('Formato exigido por campo (nome do elemento, ex.: numeroCarteira).'),
};

export const profileSchema = z
  .object({
    ...profileBody,
    registroANS: z
      .array(z.string().regex(/^\d{6}$/, 'registro ANS tem 6 dígitos'))
      .default([])
      .describe('Registros ANS das operadoras a que o perfil se aplica automaticamente (destino da mensagem).'),
  })
  .strict();

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    defaults: z.object(profileBody).strict().optional().describe('Vale para todas as mensagens; os perfis somam-se a isto.'),
    profiles: z.record(z.string().regex(/^[\w.-]+$/, 'nome de perfil sem espaços'), profileSchema).default({}),
  })
  .strict();

export type TissConfig = z.infer<typeof configSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type FieldCheck = z.infer<typeof fieldCheckSchema>;
