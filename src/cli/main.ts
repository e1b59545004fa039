import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { TissError } from '../errors.js';
import { VERSION } from '../version.js';
import { generateCommand } from './commands/generate.js';
import { hashCommand } from './commands/hash.js';
import { initCommand } from './commands/init.js';
import { parseCommand } from './commands/parse.js';
import { reportCommand } from './commands/report.js';
import { rulesCommand } from './commands/rules.js';
import { schemasCommand } from './commands/schemas.js';
import { tabelaCommand } from './commands/tabela.js';
import { tabelasCommand } from './commands/tabelas.js';
import { validateCommand } from './commands/validate.js';
import { STDIN } from './inputs.js';
import { EXIT_PIPE_CLOSED, guardStdout } from './stdout.js';
import { describeIoError } from '../io/errors.js';
import { serveCommand } from './commands/serve.js';
import { loadLibxml2 } from '../xml/libxml2.js';
import { visible, visibleLines } from '../formatters/utils/visible.js';

/**
 * yargs formats a command's whole help text every time the command runs (usage.cacheHelpMessage: ~28 ms of
 * cliui, wrap-ansi and string-width here), in case help is shown afterwards. Our failures never show it
 * (.fail above throws a TissError with its own hint), so unless help is asked for, the formatting is skipped.
 * An internal of yargs, guarded: if it is not there, nothing changes. (Angular's CLI does the same.)
 */
function skipEagerHelp(cli: Argv, argv: string[]): void {
  if (argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return;
  const usage = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/**
 * The options the failing command declares (names and aliases; yargs' own help and version included), read
 * from the yargs instance handed to .fail: such an option is not suspected of having taken a file as its
 * value. Was a hand-written list that drifted (`tiss hash --encoding utf-8` blamed --encoding). An internal
 * of yargs, guarded: without it, no option is suspected.
 */
function declaredOptions(y: unknown): Set<string> | null {
  const options = (y as { getOptions?: () => { key?: Record<string, unknown>; alias?: Record<string, string[]> } } | undefined)?.getOptions?.();
  if (!options?.key) return null;

  const names = new Set(['help', 'version', ...Object.keys(options.key)]);
  for (const [name, aliases] of Object.entries(options.alias ?? {})) for (const a of [name, ...aliases]) names.add(a);
  return names;
}

/** `--no-color` → `color`: the option a long flag on the command line names. */
function optionName(flag: string, declared: Set<string>): string {
  const name = flag.slice(2);
  return !declared.has(name) && name.startsWith('no-') ? name.slice(3) : name;
}

/** Command line of `tiss`: a thin layer over the library. Exit codes: 0 ok, 1 findings, 2 usage/input/setup. */
export async function main(argv: string[]): Promise<void> {
  let cli = yargs(argv.map((a) => (a === '-' ? STDIN : a)))
    .scriptName('tiss')
    .locale('pt_BR')
    .usage('$0 <comando> [opções]\n\nValidador e gerador de mensagens TISS 4.00.00 a 4.03.00 e Monitoramento TISS (ANS): XSD oficial de cada versão, hash do epílogo, encoding e regras condicionais, com mensagens em português.')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Indique um comando: validate, report, generate, parse, hash, schemas, rules, tabela, tabelas, serve, init ou completion.')
    .version(VERSION)
    // `tiss completion >> ~/.bashrc` (or ~/.zshrc): commands and options complete with TAB (README, CLI).
    .completion('completion', 'Imprime o script de autocompletar do bash/zsh (ex.: tiss completion >> ~/.bashrc)')
    .alias('h', 'help')
    .alias('v', 'version')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err instanceof TissError) throw err;
      // A .check() that rejects the options (not a bug): a usage error, exit 2, in Portuguese.
      if (err && !(err as { internal?: boolean }).internal && msg === err.message) throw new TissError(msg, 'Use "tiss <comando> --help" para ver as opções.');
      if (err) throw err;
      // yargs' count of positionals ("Argumentos insuficientes: Argumento 0, necessário pelo menos 1") says
      // what is missing in plain words; an unknown option before it may have taken the file as its value.
      if (/^Argumentos insuficientes/.test(msg)) {
        const declared = declaredOptions(cli);
        // Only a flag without "=value", before "--" (after it, everything is a file), can have taken a file.
        const flags = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length).filter((a) => a.startsWith('--') && !a.includes('='));
        const unknown = declared ? flags.filter((a) => !declared.has(optionName(a, declared))) : [];
        throw new TissError(
          `Faltam os arquivos: indique arquivos, pastas, padrões (ex.: 'lotes/*.xml') ou - para a entrada padrão${unknown.length ? `; confira também a opção ${unknown[0]}, que pode ter tomado o arquivo como valor` : ''}.`,
          'Use "tiss <comando> --help" para ver as opções.',
        );
      }
      throw new TissError(msg, 'Use "tiss --help" para ver os comandos e as opções.');
    });
  cli = validateCommand(cli);
  cli = generateCommand(cli);
  cli = parseCommand(cli);
  cli = hashCommand(cli);
  cli = schemasCommand(cli);
  cli = reportCommand(cli);
  cli = rulesCommand(cli);
  cli = tabelaCommand(cli);
  cli = tabelasCommand(cli);
  cli = serveCommand(cli);
  cli = initCommand(cli);
  skipEagerHelp(cli, argv);
  // libxml2 is loaded on need (validate and report load it per file, in each worker); every other command
  // that validates (generate) gets it up front when the reference engine is asked for.
  if (process.env.TISS_ENGINE === 'libxml2' || argv.some((a, i) => a === '--engine=libxml2' || (a === '--engine' && argv[i + 1] === 'libxml2'))) await loadLibxml2();
  await cli.parseAsync();
}

guardStdout();
try {
  await main(hideBin(process.argv));
} catch (e) {
  if (e instanceof TissError) {
    // Messages name files and quote values: control characters from them are shown escaped (issue 9, item 2).
    process.stderr.write(visibleLines(`tiss: ${e.message}\n${e.hint ? `${e.hint}\n` : ''}`));
  } else if (isWriteError(e) && e.code === 'EPIPE') {
    process.exit(EXIT_PIPE_CLOSED);
  } else if (isWriteError(e)) {
    process.stderr.write(`tiss: não foi possível escrever a saída: ${describeIoError(e, 'write')}.\n`);
  } else {
    const err = e as Error;
    process.stderr.write(`tiss: erro interno: ${visible(err.message)}\n${process.env.TISS_DEBUG ? `${err.stack}\n` : 'Rode com TISS_DEBUG=1 para ver os detalhes e, por favor, relate o problema.\n'}`);
  }
  process.exitCode = 2;
}

/** An I/O failure of the system (disk full, no permission…) that reached here: a user's problem, not a bug. */
function isWriteError(e: unknown): e is NodeJS.ErrnoException {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && (e as NodeJS.ErrnoException).syscall !== undefined;
}
