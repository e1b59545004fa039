import type { Argv } from 'yargs';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { readInput, STDIN } from '../inputs.js';
import { parseSize } from '../options.js';
import { visible } from '../../formatters/utils/visible.js';

interface ParseArgs {
  arquivo: string;
  output?: string;
  yaml: boolean;
  schemas?: string;
  'max-size': string;
}

export function parseCommand(y: Argv): Argv {
  return y.command<ParseArgs>(
    'parse <arquivo>',
    'Lê uma mensagem TISS (4.00.00 a 4.03.00) e imprime o JSON (ou YAML) que o generate aceita',
    (c) =>
      c
        .positional('arquivo', { describe: 'Arquivo XML TISS (ou - para a entrada padrão)', type: 'string', demandOption: true })
        .option('output', { alias: 'o', type: 'string', describe: 'Grava neste arquivo (escrita atômica) em vez da saída padrão' })
        .option('yaml', { type: 'boolean', default: false, describe: 'Escreve YAML em vez de JSON' })
        .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
        .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo do arquivo (ex.: 50MB)' })
        .example('$0 parse lote.xml -o lote.json', 'O lote como JSON, para editar e gerar de novo com tiss generate')
        .example('$0 parse lote.xml | $0 generate - --stdout', 'Ida e volta: o mesmo conteúdo, hash recalculado')
        .epilog('Saída: 0 = lido por inteiro; 1 = lido, mas com elementos fora do XSD que ficaram de fora (listados em stderr); 2 = arquivo ilegível, que não é mensagemTISS de uma versão aceita, ou esquemas não instalados.'),
    async (args) => {
      process.exitCode = await runParse(args);
    },
  );
}

async function runParse(args: ParseArgs): Promise<number> {
  // Loaded here, not at start-up: every other command would pay for them.
  const [{ stringify }, { parse }] = await Promise.all([import('yaml'), import('../../generate/parse.js')]);
  const maxSize = parseSize(args['max-size']);
  if (args.output) refuseOutputOntoInput(args.output, args.arquivo !== STDIN ? [args.arquivo] : [], 'Indique com -o outro arquivo (ex.: lote.json).');
  const bytes = await readInput(args.arquivo, maxSize);
  const dropped: string[] = [];
  const value = parse(bytes, { file: args.arquivo, schemas: args.schemas, maxSize, onDropped: (xpath) => dropped.push(xpath) });
  const text = args.yaml ? stringify(value, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }) : `${JSON.stringify(value, null, 2)}\n`;
  if (args.output) writeFileAtomic(args.output, Buffer.from(text, 'utf8'));
  else process.stdout.write(text);
  if (dropped.length === 0) return 0;
  process.stderr.write(
    `tiss: ${visible(args.arquivo)}: ${dropped.length} elemento(s) fora do XSD ficaram de fora do ${args.yaml ? 'YAML' : 'JSON'}:\n${dropped
      .slice(0, 20)
      .map((x) => `  ${visible(x)}\n`)
      .join('')}${dropped.length > 20 ? `  … e mais ${dropped.length - 20}\n` : ''}Rode tiss validate ${visible(args.arquivo)} para ver os problemas do arquivo.\n`,
  );
  return 1;
}
