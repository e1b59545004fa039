import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TissConfig } from '../config/schema.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TissError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { xmlMembers } from './zip.js';
import { FORMATTERS } from '../formatters/index.js';
import { formatReport } from '../formatters/report.js';
import { visible } from '../formatters/utils/visible.js';
import { fixHash } from '../hash/api.js';
import { RULES } from '../rules/catalog.js';
import { tables } from '../tables/index.js';
import type { ValidateOptions, ValidationResult } from '../validate/index.js';
import { XSD_ENGINES, type XsdEngine } from '../validate/index.js';
import { TOOL, VERSION } from '../version.js';
import { codeDescriptors, glosaText } from '../codes.js';
import { findVersion } from '../schemas/manifest.js';
import { decode, type Decoding } from '../xml/encoding.js';
import type { AccessLog } from './access-log.js';
import { Lockout, TokenCheck } from './auth.js';
import { Metrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { Busy, TimedOut, type ValidationPool } from './pool.js';

export interface AppOptions {
  pool: ValidationPool;
  /** Requests must carry `Authorization: Bearer <token>` (every route but /healthz). */
  token: string | null;
  /** Largest request body, in bytes (413 above it). */
  maxSize: number;
  config: TissConfig | null;
  log: AccessLog;
  /** Schema folder (`--schemas`), as in the CLI. */
  schemas?: string;
  /** Serve HTTPS with this certificate and key (PEM); TLS 1.2 or newer only. */
  https?: { cert: Buffer; key: Buffer };
}

/** An answer that is not a result: always JSON, in Portuguese, never a stack trace. */
function problem(reply: FastifyReply, status: number, code: string, message: string, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply.code(status).type('application/json; charset=utf-8').send({ erro: { codigo: code, mensagem: message } });
}

const SECURITY_HEADERS = {
  // No inline script or style, nothing from elsewhere, never in a frame.
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

const FORMATS = ['json', 'sarif', 'junit'] as const;
/** Files in one multipart request, at most. */
export const MAX_FILES = 100;
type ApiFormat = (typeof FORMATS)[number];

/** A file name given by the client, for the report: no path, no control characters, bounded. */
function fileName(raw: unknown): string {
  const s = typeof raw === 'string' && raw.trim() ? raw.trim() : 'entrada.xml';
  return visible(s.replace(/^.*[\\/]/, '')).slice(0, 200);
}

/**
 * The HTTP API of `tiss serve` (`/api/v1`, described by `/api/v1/openapi.json`). Stateless: nothing a
 * client sends is kept or logged; an operadora that needs more than one machine runs copies of it behind
 * its load balancer.
 */
export function buildApp(options: AppOptions): { app: FastifyInstance; metrics: Metrics; draining: () => void } {
  const base = { bodyLimit: options.maxSize, logger: false, requestTimeout: 120_000, trustProxy: false, return503OnClosing: true };
  const app = (options.https ? Fastify({ ...base, https: { ...options.https, minVersion: 'TLSv1.2' } }) : Fastify(base)) as unknown as FastifyInstance;
  const metrics = new Metrics();
  const lockout = new Lockout();
  const check = options.token ? new TokenCheck(options.token) : null;
  let closing = false;

  // Every body is read as bytes: XML in whatever encoding it declares, JSON or YAML for the generator.
  // Several files at once: multipart/form-data, each file up to --max-size, at most MAX_FILES.
  app.removeAllContentTypeParsers();
  void app.register(multipart, { limits: { fileSize: options.maxSize, files: MAX_FILES, fields: 20, parts: MAX_FILES + 20, headerPairs: 100 } });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req, reply) => {
    (req as { started?: number }).started = performance.now();
    metrics.inFlight++;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (!check || req.url === '/healthz') return;
    const client = req.ip;
    const locked = lockout.lockedFor(client);
    if (locked > 0) return problem(reply, 429, 'BLOQUEADO', `Acesso bloqueado por ${Math.ceil(locked / 60000)} minuto(s) depois de 5 tentativas com token inválido.`, { 'retry-after': String(Math.ceil(locked / 1000)) });
    if (!check.accepts(req.headers.authorization)) {
      lockout.fail(client);
      return problem(reply, 401, 'TOKEN', 'Token ausente ou inválido: envie o cabeçalho Authorization: Bearer <token>.', { 'www-authenticate': 'Bearer' });
    }
    lockout.succeed(client);
  });

  app.addHook('onResponse', async (req, reply) => {
    metrics.inFlight--;
    const seconds = (performance.now() - ((req as { started?: number }).started ?? performance.now())) / 1000;
    const route = req.routeOptions.url ?? 'desconhecida';
    metrics.request(route, reply.statusCode, seconds);
    options.log.write({ time: new Date().toISOString(), client: req.ip, method: req.method, route, status: reply.statusCode, ms: Math.round(seconds * 1000) });
  });

  app.setErrorHandler((error: FastifyError, _req, reply) => {
    // What the library refuses about an input (not UTF-8, not JSON, too large...) is said to the client.
    if ((error as unknown) instanceof TissError) return problem(reply, 422, 'ENTRADA', visible((error as unknown as TissError).message));
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return problem(reply, 413, 'GRANDE-DEMAIS', `Um dos arquivos passa do limite de ${options.maxSize} bytes (--max-size).`);
    if (error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') return problem(reply, 413, 'ARQUIVOS-DEMAIS', `No máximo ${MAX_FILES} arquivos por requisição.`);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(reply, 413, 'GRANDE-DEMAIS', `O corpo da requisição passa do limite de ${options.maxSize} bytes (--max-size).`);
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return problem(reply, 415, 'TIPO', 'Tipo de conteúdo não aceito.');
    if (error.validation) return problem(reply, 400, 'PARAMETRO', `Parâmetro inválido: ${error.message}`);
    if ((error.statusCode ?? 500) < 500) return problem(reply, error.statusCode!, 'REQUISICAO', 'Requisição malformada.');
    return problem(reply, 500, 'INTERNO', 'Falha interna ao atender a requisição; as demais não são afetadas.');
  });
  app.setNotFoundHandler((_req, reply) => problem(reply, 404, 'ROTA', 'Rota inexistente. As rotas estão em /api/v1/openapi.json.'));

  const body = (req: FastifyRequest): Buffer | null => (Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : null);
  const query = (req: FastifyRequest): Record<string, string | undefined> => req.query as Record<string, string | undefined>;

  app.post('/api/v1/validate', async (req, reply) => {
    const q = query(req);
    // The parameters first: a bad one is answered before any uploaded file is read.
    const format = (q.formato ?? 'json') as ApiFormat;
    if (!FORMATS.includes(format)) return problem(reply, 400, 'PARAMETRO', `formato deve ser ${FORMATS.join(', ')}.`);
    if (q.engine !== undefined && !XSD_ENGINES.includes(q.engine as XsdEngine)) return problem(reply, 400, 'PARAMETRO', `engine deve ser ${XSD_ENGINES.join(' ou ')}.`);
    if (q.schemaVersion !== undefined && !findVersion(q.schemaVersion)) return problem(reply, 400, 'PARAMETRO', `schemaVersion ${visible(q.schemaVersion)}: versão desconhecida.`);
    if (q.profile !== undefined && !options.config?.profiles[q.profile]) return problem(reply, 400, 'PARAMETRO', `Perfil "${visible(q.profile)}" não existe nesta configuração.`);
    let inputs: { file: string; bytes: Buffer }[];
    if (req.isMultipart()) {
      inputs = [];
      try {
        for await (const part of req.parts()) {
          if (part.type !== 'file') continue;
          const bytes = await part.toBuffer();
          // A .zip of lotes: its .xml members, each within the limits of a file.
          if (/\.zip$/i.test(part.filename)) inputs.push(...xmlMembers(bytes, options.maxSize, MAX_FILES - inputs.length).map((m) => ({ file: fileName(m.file), bytes: m.bytes })));
          else inputs.push({ file: fileName(part.filename), bytes });
          if (inputs.length > MAX_FILES) return problem(reply, 413, 'ARQUIVOS-DEMAIS', `No máximo ${MAX_FILES} arquivos por requisição.`);
        }
      } catch (e) {
        if (e instanceof TissError) return problem(reply, 422, 'ZIP', visible(e.message));
        // Limits (FST_*) have their own answer; anything else is a body that is not valid multipart.
        if (/^FST_/.test((e as { code?: string }).code ?? '')) throw e;
        return problem(reply, 400, 'MULTIPART', 'O envio multipart/form-data está malformado.');
      }
      if (inputs.length === 0) return problem(reply, 400, 'CORPO', 'Nenhum arquivo no envio multipart.');
    } else {
      const bytes = body(req);
      if (!bytes) return problem(reply, 400, 'CORPO', 'Envie o XML da mensagem TISS no corpo da requisição (ou vários arquivos em multipart/form-data).');
      inputs = [{ file: fileName(q.arquivo), bytes }];
    }
    const validateOptions: Omit<ValidateOptions, 'file'> = {
      maxSize: options.maxSize,
      ...(options.schemas ? { schemas: options.schemas } : {}),
      ...(options.config ? { config: options.config } : {}),
      ...(q.profile ? { profile: q.profile } : {}),
      ...(q.schemaVersion ? { schemaVersion: q.schemaVersion } : {}),
      ...(q.engine ? { engine: q.engine as XsdEngine } : {}),
    };
    const results: ValidationResult[] = [];
    const bytesOf = new Map<ValidationResult, Buffer>();
    try {
      // In input order, as many at a time as there are validators; a full pool refuses the whole request.
      for (let i = 0; i < inputs.length; i += options.pool.jobs) {
        const batch = inputs.slice(i, i + options.pool.jobs);
        const outcomes = await Promise.all(batch.map((input) => options.pool.run({ ...input, options: validateOptions })));
        for (const [k, outcome] of outcomes.entries()) {
          // The parameters were checked above: what is left is this server's setup (schemas not installed...).
          if (outcome.kind === 'fatal') return problem(reply, 500, 'CONFIGURACAO', outcome.message);
          if (outcome.kind !== 'result') return problem(reply, 400, 'ILEGIVEL', outcome.reason);
          results.push(outcome.result);
          bytesOf.set(outcome.result, batch[k]!.bytes);
        }
      }
    } catch (e) {
      if (e instanceof Busy) return problem(reply, 503, 'OCUPADO', 'Todos os validadores estão ocupados; tente de novo em instantes.', { 'retry-after': '2' });
      if (e instanceof TimedOut) return problem(reply, 503, 'TEMPO', 'A conferência passou do tempo limite e foi interrompida.', { 'retry-after': '5' });
      throw e;
    }
    for (const r of results) metrics.file(r.status, r.findings.map((f) => f.code));
    const source = (r: ValidationResult): string | null => {
      const bytes = bytesOf.get(r);
      return bytes ? decode(bytes, (r.encoding?.read ?? 'latin1') as Decoding) : null;
    };
    const report = formatReport(FORMATTERS[format], { tool: TOOL, results, unreadable: [] }, { quiet: false, color: false, source, codes: codeDescriptors(), glosaText, cwd: '/' });
    return reply.type(format === 'junit' ? 'application/xml; charset=utf-8' : format === 'sarif' ? 'application/sarif+json; charset=utf-8' : 'application/json; charset=utf-8').send(report);
  });

  app.post('/api/v1/hash/fix', async (req, reply) => {
    const bytes = body(req);
    if (!bytes) return problem(reply, 400, 'CORPO', 'Envie o XML da mensagem TISS no corpo da requisição.');
    const r = fixHash(bytes, { maxSize: options.maxSize });
    if (!r.fixed) {
      return reply.code(422).type('application/json; charset=utf-8').send({ corrigido: false, motivo: r.refused ?? r.explanation, achados: r.findings });
    }
    reply.header('x-tiss-hash', r.expected ?? '').header('x-tiss-hash-alterado', String(r.changed));
    return reply.type('application/xml').send(Buffer.from(r.fixed));
  });

  app.post('/api/v1/generate', async (req, reply) => {
    const bytes = body(req);
    if (!bytes) return problem(reply, 400, 'CORPO', 'Envie o JSON ou YAML da mensagem no corpo da requisição.');
    const q = query(req);
    const { generateFromInput } = await import('../generate/from-input.js');
    const g = generateFromInput(bytes, { file: fileName(q.arquivo ?? 'entrada.json'), ...(options.config ? { config: options.config } : {}), ...(q.profile ? { profile: q.profile } : {}), ...(options.schemas ? { schemas: options.schemas } : {}) });
    if (!g.xml) return reply.code(422).type('application/json; charset=utf-8').send({ valido: false, achados: g.findings });
    reply.header('x-tiss-hash', g.hash ?? '');
    return reply.type('application/xml').send(g.xml);
  });

  app.get('/api/v1/rules', async () => RULES.map((r) => r.meta));

  app.get('/api/v1/tables/:numero', async (req, reply) => {
    const n = Number((req.params as { numero: string }).numero);
    const versao = query(req).versao;
    if (!Number.isInteger(n) || !tables.list().some((t) => t.table === n)) return problem(reply, 404, 'TABELA', `Tabela desconhecida. Tabelas: ${tables.list().map((t) => t.table).join(', ')}.`);
    try {
      return tables.get(n, versao);
    } catch (e) {
      return problem(reply, 400, 'PARAMETRO', (e as Error).message);
    }
  });

  app.get('/api/v1/openapi.json', async () => openApiDocument());

  // The page: three static files from the package (page/), nothing from outside.
  const PAGE: Record<string, [string, string]> = {
    '/': ['index.html', 'text/html; charset=utf-8'],
    '/assets/app.js': ['app.js', 'text/javascript; charset=utf-8'],
    '/assets/app.css': ['app.css', 'text/css; charset=utf-8'],
  };
  for (const [route, [file, type]] of Object.entries(PAGE)) {
    const content = readFileSync(join(PACKAGE_ROOT, 'page', file));
    app.get(route, async (_req, reply) => reply.type(type).send(content));
  }

  app.get('/healthz', async (_req, reply) => {
    if (closing) return problem(reply, 503, 'ENCERRANDO', 'O serviço está encerrando; não aceita trabalho novo.');
    return { status: 'ok', versao: VERSION, validadores: options.pool.load };
  });

  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.text()));

  return {
    app,
    metrics,
    draining: () => {
      closing = true;
    },
  };
}
