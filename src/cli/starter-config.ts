import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Where an installed tiss keeps the config's JSON Schema, inside a project's node_modules. */
const SCHEMA_IN_NODE_MODULES = join('node_modules', 'tiss', 'schemas', 'tiss.config.schema.json');

/**
 * The `$schema` a config in `folder` can point at: the JSON Schema of a tiss installed in a node_modules
 * of that folder or one above it, as a relative path (editors resolve `$schema` from the file's folder,
 * and a relative path still holds when the project is cloned elsewhere). Null when tiss is not installed
 * in the project (installed globally, or run with npx): a path into a global install is this machine's
 * alone, and one that does not exist only makes the editor warn.
 */
export function schemaReferenceFrom(folder: string): string | null {
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    if (existsSync(join(dir, SCHEMA_IN_NODE_MODULES))) {
      const rel = relative(resolve(folder), join(dir, SCHEMA_IN_NODE_MODULES)).split(sep).join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The starter tiss.config.json of `tiss init`: JSONC (comments are accepted, as in tsconfig.json), every
 * key explained in Portuguese, and behaviour-neutral: what it sets is what tiss does without it, and the
 * profile is an example in comments. test/config.test.ts checks it loads cleanly.
 */
export function starterConfig(schema: string | null): string {
  const schemaLine = schema
    ? `  // JSON Schema do arquivo: o editor (VS Code e outros) completa e confere as chaves.\n  "$schema": ${JSON.stringify(schema)},\n`
    : `  // Com o tiss instalado no projeto (npm install tiss), o editor completa e confere as chaves com:\n  // "$schema": "./node_modules/tiss/schemas/tiss.config.schema.json",\n`;
  return `// Configuração do tiss: o que cada operadora exige além do padrão TISS.
// Este arquivo aceita comentários (// e /* */), como o tsconfig.json. No VS Code, para que os
// comentários não apareçam como erro, associe-o a "JSON with Comments" (jsonc).
//
// O tiss usa, para cada arquivo conferido, o tiss.config.json mais próximo dele: procura na pasta do
// arquivo e nas de cima, até a raiz do repositório (a pasta com .git). A opção --config usa outro.
// Para ver a configuração que vale para um arquivo:  tiss validate --print-config lote.xml
{
${schemaLine}
  // "defaults" vale para todas as mensagens; um perfil que se aplica soma-se a isto (e vence).
  "defaults": {
    // Bytes sobre os quais o hash do epílogo é calculado: "iso-8859-1" (o padrão TISS) ou "utf-8".
    "hashEncoding": "iso-8859-1",

    // Versão do padrão de quem recebe: as mensagens são conferidas com o XSD desta versão, se ela
    // aceitar a versão declarada. Sem esta chave, vale a versão que a mensagem declara.
    // "schemaVersion": "4.03.00",

    // Regras desligadas ("off") ou com outra severidade ("error", "warning", "info").
    // A lista de regras, com o que cada uma confere:  tiss rules
    // Exemplo:  "TISS-R-CNES-FORMATO": "warning"
    "rules": {},

    // Formato exigido por campo (nome do elemento TISS): expressão regular para o valor inteiro
    // (sintaxe RE2: sem lookahead nem retrovisores), a explicação e a severidade do achado.
    // Exemplo:  "numeroCarteira": { "pattern": "\\\\d{16}", "message": "a carteira tem 16 dígitos", "severity": "error" }
    "fields": {}
  },

  // Perfis de operadora: cada um vale para as mensagens cujo registro ANS de destino ele lista, ou
  // para todos os arquivos com --profile NOME. Tire as barras do exemplo abaixo e ajuste-o.
  "profiles": {
    // "operadora-exemplo": {
    //   "description": "Operadora Exemplo",
    //   "registroANS": ["123456"],
    //   "schemaVersion": "4.03.00",
    //   "hashEncoding": "iso-8859-1",
    //   "rules": { "TISS-R-CNES-FORMATO": "off" },
    //   "fields": {
    //     "senha": { "pattern": "\\\\d{9}", "message": "a senha tem 9 dígitos" }
    //   }
    // }
  }
}
`;
}
