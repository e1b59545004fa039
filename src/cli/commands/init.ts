import { lstatSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { CONFIG_FILE } from '../../config/load.js';
import { TissError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { visible } from '../../formatters/utils/visible.js';
import { schemaReferenceFrom, starterConfig } from '../starter-config.js';

interface InitArgs {
  caminho?: string;
  force: boolean;
}

export function initCommand(y: Argv): Argv {
  return y.command<InitArgs>(
    'init [caminho]',
    'Cria um tiss.config.json inicial, comentado, na pasta atual (ou no caminho indicado)',
    (c) =>
      c
        .positional('caminho', { type: 'string', describe: 'Arquivo a criar, ou pasta onde criar o tiss.config.json (padrão: a pasta atual)' })
        .option('force', { type: 'boolean', default: false, describe: 'Substitui o arquivo, se já existir' })
        .example('$0 init', 'Cria ./tiss.config.json, com cada chave explicada em comentários')
        .example('$0 init lotes/operadora-x/', 'Cria a configuração que vale para os arquivos desta pasta (e das de dentro)')
        .epilog('Saída: 0 = arquivo criado; 2 = o arquivo já existe (use --force) ou não pôde ser gravado.'),
    (args) => {
      process.exitCode = runInit(args);
    },
  );
}

function runInit(args: InitArgs): number {
  const given = args.caminho ?? '.';
  const target = isFolder(given) ? join(given, CONFIG_FILE) : given;
  if (exists(target) && !args.force) {
    throw new TissError(`O arquivo ${target} já existe; não foi alterado.`, 'Para substituí-lo pelo modelo inicial, use --force.');
  }
  writeFileAtomic(target, Buffer.from(starterConfig(schemaReferenceFrom(dirname(target))), 'utf8'));
  process.stderr.write(`tiss: ${visible(target)} criado. Ajuste-o e confira com: tiss validate --print-config <arquivo.xml>\n`);
  return 0;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Anything at the path, a dangling link included: init never replaces it without --force. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
