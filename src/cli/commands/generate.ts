import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { loadConfigOnNeed } from '../config.js';
import { text as textFormatter } from '../../formatters/text.js';
import { CONTRACTS } from '../../generate/contract-names.js';
import type { GenerateResult } from '../../generate/generate.js';
import type { InputEncoding } from '../../generate/input.js';
import type { HashEncoding } from '../../hash/canonical.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { resultOf } from '../../validate/index.js';
import { TOOL } from '../../version.js';
import { codeDescriptors, glosaText } from '../../codes.js';
import { refuseOutputOntoInput } from '../../io/output-target.js';
import { readInput, STDIN } from '../inputs.js';
import { writeStdout } from '../stdout.js';
import { parseSize, useColor } from '../options.js';
import { visible } from '../../formatters/utils/visible.js';

interface GenerateArgs {
  entrada?: string;
  output?: string;
  stdout: boolean;
  'dry-run': boolean;
  format: 'text' | 'json';
  fill: boolean;
  sequencial?: string;
  'input-encoding': InputEncoding;
  'json-schema'?: string;
  versao?: string;
  config?: string;
  profile?: string;
  schemas?: string;
  'hash-encoding'?: HashEncoding;
  color?: boolean;
  quiet: boolean;
  'max-size': string;
}

const contractList = Object.entries(CONTRACTS).map(([name, c]) => `${name} (${c.title})`).join('; ');

export function generateCommand(y: Argv): Argv {
  return y.command<GenerateArgs>(
    'generate [entrada]',
    'Gera uma mensagem TISS (a versão de cabecalho.Padrao; padrão 4.00.00) a partir de JSON ou YAML, validada antes de gravar',
    (c) =>
      c
        .positional('entrada', { describe: 'Arquivo .json, .yaml/.yml (ou - para a entrada padrão)', type: 'string' })
        .option('output', { alias: 'o', type: 'string', describe: 'Grava o XML neste arquivo (escrita atômica; nada é gravado se houver erro)' })
        .option('stdout', { type: 'boolean', default: false, describe: 'Escreve o XML na saída padrão (as mensagens vão para stderr)' })
        .option('dry-run', { type: 'boolean', default: false, describe: 'Só confere a entrada e a mensagem que seria gerada; não grava nada' })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Formato das mensagens (problemas encontrados)' })
        .option('fill', { type: 'boolean', default: false, describe: 'Preenche sequencialTransacao, dataRegistroTransacao e horaRegistroTransacao ausentes (agora)' })
        .option('sequencial', { type: 'string', describe: 'Com --fill: o sequencialTransacao a usar (padrão: AAAAMMDDhhmm)' })
        .option('input-encoding', { choices: ['utf-8', 'iso-8859-1'] as InputEncoding[], default: 'utf-8', describe: 'Codificação do arquivo de entrada' })
        .option('json-schema', { type: 'string', describe: `Imprime o JSON Schema de um contrato de entrada e sai: ${contractList}` })
        .option('versao', { type: 'string', requiresArg: true, describe: 'Com --json-schema: a versão do padrão do contrato (padrão: 4.00.00; ex.: 4.03.00)' })
        .option('config', { alias: 'c', type: 'string', describe: 'Arquivo de configuração (padrão: o tiss.config.json, ou a chave "tiss" de um package.json, mais próximo do arquivo de entrada, subindo de pasta até a raiz do repositório)' })
        .option('profile', { alias: 'p', type: 'string', describe: 'Perfil de operadora a aplicar na validação' })
        .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
        .option('hash-encoding', { choices: ['iso-8859-1', 'utf-8'] as HashEncoding[], describe: 'Bytes do hash (padrão: ISO-8859-1, ou o do perfil)' })
        .option('color', { type: 'boolean', describe: 'Cores no texto (padrão: só em terminal)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Mostra só os erros (sem avisos)' })
        .option('max-size', { type: 'string', default: '200MB', describe: 'Tamanho máximo da entrada' })
        .check((a) => {
          if (a['json-schema'] !== undefined) return true;
          if (!a.entrada) throw new Error('Indique o arquivo de entrada (ou - para a entrada padrão).');
          const targets = [a.output !== undefined, a.stdout, a['dry-run']].filter(Boolean).length;
          if (targets === 0) throw new Error('Diga onde gravar: -o <arquivo.xml>, --stdout, ou --dry-run para só conferir.');
          if (targets > 1) throw new Error('Use só um entre -o, --stdout e --dry-run.');
          if (a.sequencial !== undefined && !a.fill) throw new Error('--sequencial só vale junto com --fill.');
          return true;
        })
        .example('$0 generate lote.json -o lote.xml', 'Gera o lote (ISO-8859-1, hash calculado) se estiver tudo certo')
        .example('$0 generate lote.yaml --fill --stdout > lote.xml', 'Preenche sequencial/data/hora da transação e escreve na saída padrão')
        .example('$0 generate lote.json --dry-run -f json', 'Só confere a entrada; problemas em JSON')
        .example('$0 generate --json-schema lote-sp-sadt > lote-sp-sadt.schema.json', 'JSON Schema para o editor completar a entrada')
        .example('$0 generate --json-schema lote-sp-sadt --versao 4.03.00', 'O mesmo contrato na versão 4.03.00 (com centroConsumo)')
        .epilog('Saída: 0 = mensagem gerada (ou conferida, com --dry-run); 1 = a entrada tem problemas e nada foi gravado; 2 = uso incorreto, entrada ilegível (JSON/YAML inválido) ou esquemas não instalados.'),
    async (args) => {
      process.exitCode = await runGenerate(args);
    },
  );
}

async function runGenerate(args: GenerateArgs): Promise<number> {
  // Loaded here, not at start-up: every other command would pay for the generator's modules.
  const [{ contractJsonSchema }, { generateFromInput }] = await Promise.all([import('../../generate/contract.js'), import('../../generate/from-input.js')]);
  if (args['json-schema'] !== undefined) {
    const name = args['json-schema'];
    process.stdout.write(`${JSON.stringify(contractJsonSchema(name, { schemas: args.schemas, ...(args.versao ? { version: args.versao } : {}) }), null, 2)}\n`);
    return 0;
  }
  const name = args.entrada!;
  const maxSize = parseSize(args['max-size']);
  // The config nearest the input (as validate does for each file); standard input's: from the current folder.
  const loaded = await loadConfigOnNeed(args.config, name === STDIN ? process.cwd() : dirname(resolve(name)));
  if (args.output) refuseOutputOntoInput(args.output, [...(name !== STDIN ? [name] : []), ...(loaded ? [loaded.path] : [])], 'Indique com -o outro arquivo (ex.: lote.xml).');
  const bytes = await readInput(name, maxSize);
  const result = generateFromInput(bytes, {
    file: name,
    inputEncoding: args['input-encoding'],
    schemas: args.schemas,
    ...(args.fill ? { fill: args.sequencial ? { sequencialTransacao: args.sequencial } : true } : {}),
    ...(loaded ? { config: loaded.config } : {}),
    ...(args.profile ? { profile: args.profile } : {}),
    ...(args['hash-encoding'] ? { hashEncoding: args['hash-encoding'] } : {}),
  });

  let written: string | null = null;
  if (result.xml) {
    if (args.output) {
      writeFileAtomic(args.output, result.xml);
      written = args.output;
    } else if (args.stdout) {
      // Awaited: "Mensagem gerada" only once the bytes were taken (a full disk is exit 2, not a success).
      await writeStdout(result.xml);
      written = '<stdout>';
    }
  }

  // With --stdout the XML owns standard output: the report goes to stderr.
  const report = (t: string): void => {
    (args.stdout ? process.stderr : process.stdout).write(t);
  };
  if (args.format === 'json') {
    report(`${JSON.stringify({ schemaVersion: 1, tool: TOOL, input: name, valid: result.valid, output: written, hash: result.hash, message: result.message, findings: result.findings }, null, 2)}\n`);
  } else {
    report(textReport(result, name, written, args));
  }
  return result.valid ? 0 : 1;
}

function textReport(result: GenerateResult & { source: string }, name: string, written: string | null, args: GenerateArgs): string {
  const { findings, source } = result;
  const color = useColor(args.color, 'text', process.env, args.stdout ? process.stderr : process.stdout);
  const asResult = resultOf(name, findings, { message: result.message });
  const { counts } = asResult;
  const fmt = textFormatter({ quiet: args.quiet, color, source: () => source, tool: TOOL, codes: codeDescriptors(), glosaText, cwd: process.cwd() });
  const shown = findings.some((f) => !args.quiet || f.severity === 'error') ? fmt.file(asResult) : '';
  if (!result.valid) return `${shown}\nNada foi gravado: ${counts.error} erro(s) na entrada. Corrija os campos indicados e gere de novo.\n`;
  const what = result.message?.guias.map((g) => `${g.quantidade} ${g.tipo}`).join(', ');
  const done = written === null ? 'Entrada conferida (--dry-run): a mensagem seria gerada sem erros' : written === '<stdout>' ? 'Mensagem gerada na saída padrão' : `Mensagem gravada em ${visible(written)}`;
  return `${shown}${shown ? '\n' : ''}${done}${what ? ` (${result.message?.operation ?? ''}: ${what})` : result.message?.operation ? ` (${result.message.operation})` : ''}; hash ${result.hash}.\n`;
}
