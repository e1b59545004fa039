import type { Argv } from 'yargs';

export interface ServeArgs {
  port: string;
  host: string;
  jobs?: string;
  config?: string;
  token?: string;
  'access-log'?: string;
  'max-size': string;
  timeout: string;
  queue?: string;
  schemas?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
}

export function serveCommand(y: Argv): Argv {
  return y.command<ServeArgs>(
    'serve',
    'Serviço HTTP local: a API de validação, correção do hash e geração (/api/v1)',
    (c) =>
      c
        .option('port', { type: 'string', default: '8080', describe: 'Porta' })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Endereço (fora de 127.0.0.1 exige --token)' })
        .option('jobs', { alias: 'j', type: 'string', requiresArg: true, describe: 'Validadores em paralelo (threads), como em validate' })
        .option('config', { alias: 'c', type: 'string', describe: 'Perfis de operadora (padrão: o tiss.config.json, ou a chave "tiss" de um package.json, mais próximo da pasta atual, subindo até a raiz do repositório)' })
        .option('token', { type: 'string', describe: 'Token Bearer exigido em toda rota menos /healthz (ou TISS_TOKEN)' })
        .option('access-log', { type: 'string', describe: 'Registro de acessos (uma linha JSON por requisição) neste arquivo, em vez de stderr' })
        .option('max-size', { type: 'string', default: '50MB', describe: 'Maior corpo aceito' })
        .option('timeout', { type: 'string', default: '120', describe: 'Segundos por arquivo antes de interromper a conferência' })
        .option('queue', { type: 'string', requiresArg: true, describe: 'Arquivos à espera além dos em conferência (padrão: 8 por validador); além disso, 503' })
        .option('schemas', { type: 'string', describe: 'Pasta dos XSDs (senão TISS_SCHEMAS_DIR, senão o repositório local)' })
        .option('tls-cert', { type: 'string', describe: 'Certificado (PEM) para HTTPS, TLS 1.2 ou mais novo' })
        .option('tls-key', { type: 'string', describe: 'Chave privada (PEM) do certificado' })
        .example('$0 serve', 'API em http://127.0.0.1:8080/api/v1')
        .example('TISS_TOKEN=segredo $0 serve --host 0.0.0.0 --tls-cert c.pem --tls-key k.pem', 'Na rede da operadora, com token e HTTPS')
        .epilog('Nada do que é enviado é gravado ou registrado. SIGTERM encerra depois de atender o que está em andamento.'),
    async (args) => {
      // The server (fastify, ~50 ms to load) only for this command, never at the start of the others.
      const { runServe } = await import('./serve-run.js');
      await runServe(args);
    },
  );
}

