import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { TissError } from '../../errors.js';
import { accessLog } from '../../serve/access-log.js';
import { buildApp } from '../../serve/app.js';
import { ValidationPool } from '../../serve/pool.js';
import { resolveSchemaRoot } from '../../schemas/store.js';
import { loadConfigOnNeed } from '../config.js';
import { parseInteger, parseJobs, parseSize } from '../options.js';
import type { ServeArgs } from './serve.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `tiss serve`: checks every option (exit 2 before listening), then serves until SIGTERM or SIGINT. */
export async function runServe(args: ServeArgs): Promise<void> {
  const port = parseInteger(args.port, '--port', 0);
  if (port > 65535) throw new TissError('--port deve ser de 0 a 65535.');
  const jobs = parseJobs(args.jobs);
  const queue = args.queue === undefined ? jobs * 8 : parseInteger(args.queue, '--queue', 0);
  const timeoutMs = parseInteger(args.timeout, '--timeout', 1) * 1000;
  const maxSize = parseSize(args['max-size']);
  const token = args.token || process.env.TISS_TOKEN || null;
  if (token !== null && token.length < 16) throw new TissError('O token precisa ter pelo menos 16 caracteres.', 'Gere um com: openssl rand -hex 24');
  const host = args.host;
  const loopback = LOOPBACK.has(host);
  if (!loopback && !token) throw new TissError(`Escutar em ${host} (fora desta máquina) exige --token ou TISS_TOKEN.`, 'Sem token, use o padrão --host 127.0.0.1.');
  if (!loopback && host !== '0.0.0.0' && host !== '::' && isIP(host) === 0 && !/^[a-z0-9.-]+$/i.test(host)) throw new TissError(`Endereço inválido: ${host}`);
  if (Boolean(args['tls-cert']) !== Boolean(args['tls-key'])) throw new TissError('--tls-cert e --tls-key vão juntos.');
  const tls = args['tls-cert'] ? { cert: readPem(args['tls-cert'], '--tls-cert'), key: readPem(args['tls-key']!, '--tls-key') } : null;
  if (!loopback && !tls) process.stderr.write(`tiss serve: AVISO: ${host} sem TLS — o token e os arquivos trafegam sem criptografia. Use --tls-cert/--tls-key, ou um proxy reverso com TLS 1.2+.\n`);
  resolveSchemaRoot(args.schemas); // schemas missing: exit 2 now, not at the first request
  const loaded = await loadConfigOnNeed(args.config);
  const log = accessLog(args['access-log'] ?? null);

  const pool = new ValidationPool(jobs, queue, timeoutMs);
  const { app, draining } = buildApp({ pool, token, maxSize, config: loaded?.config ?? null, log, ...(args.schemas ? { schemas: args.schemas } : {}), ...(tls ? { https: tls } : {}) });
  const address = await app.listen({ port, host });
  process.stderr.write(`tiss serve: ouvindo em ${address} — API em ${address}/api/v1 (descrição: ${address}/api/v1/openapi.json)${token ? '; token exigido' : ''}\n`);

  // Graceful: /healthz says 503 at once (the load balancer stops sending), what is in flight finishes.
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    draining();
    void app
      .close()
      .then(() => pool.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await new Promise<void>(() => {});
}

function readPem(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new TissError(`Não foi possível ler ${option} ${path}: ${(e as Error).message}`);
  }
}
