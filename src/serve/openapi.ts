import { VERSION } from '../version.js';

/** The OpenAPI 3.1 description of `/api/v1` (served at `/api/v1/openapi.json`). */
export function openApiDocument(): Record<string, unknown> {
  const error = { $ref: '#/components/schemas/Erro' };
  const xmlBody = { required: true, content: { 'application/xml': { schema: { type: 'string', format: 'binary' } } } };
  const problems = {
    '400': { description: 'Requisição inválida (corpo vazio, parâmetro desconhecido)', content: { 'application/json': { schema: error } } },
    '401': { description: 'Token ausente ou inválido', content: { 'application/json': { schema: error } } },
    '413': { description: 'Corpo acima de --max-size', content: { 'application/json': { schema: error } } },
    '429': { description: 'Cliente bloqueado por 5 minutos depois de 5 tentativas com token inválido', content: { 'application/json': { schema: error } } },
    '503': { description: 'Validadores ocupados ou tempo esgotado (ver Retry-After)', content: { 'application/json': { schema: error } } },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'tiss serve', version: VERSION, description: 'Validação e geração de mensagens TISS (ANS). Nada do que é enviado é gravado ou registrado.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Exigido quando o serviço escuta fora de 127.0.0.1 (--token ou TISS_TOKEN).' } },
      schemas: {
        Erro: { type: 'object', required: ['erro'], properties: { erro: { type: 'object', required: ['codigo', 'mensagem'], properties: { codigo: { type: 'string' }, mensagem: { type: 'string' } } } } },
      },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/api/v1/validate': {
        post: {
          summary: 'Valida uma mensagem TISS: o mesmo JSON de tiss validate --format json (ou SARIF, JUnit)',
          parameters: [
            { name: 'formato', in: 'query', schema: { enum: ['json', 'sarif', 'junit'], default: 'json' } },
            { name: 'profile', in: 'query', schema: { type: 'string' }, description: 'Perfil de operadora da configuração (-c)' },
            { name: 'schemaVersion', in: 'query', schema: { type: 'string' }, description: 'Versão de quem recebe, como --schema-version' },
            { name: 'engine', in: 'query', schema: { enum: ['compiled', 'libxml2'] } },
            { name: 'arquivo', in: 'query', schema: { type: 'string' }, description: 'Nome do arquivo, só para o relatório' },
          ],
          requestBody: xmlBody,
          responses: { '200': { description: 'Relatório (problemas do XML são achados, não erros HTTP)', content: { 'application/json': {}, 'application/sarif+json': {}, 'application/xml': {} } }, ...problems },
        },
      },
      '/api/v1/hash/fix': {
        post: {
          summary: 'Devolve o mesmo arquivo com só o hash do epílogo corrigido (como tiss hash --fix)',
          requestBody: xmlBody,
          responses: { '200': { description: 'Arquivo corrigido; cabeçalho X-Tiss-Hash', content: { 'application/xml': {} } }, '422': { description: 'Não corrigido, e por quê', content: { 'application/json': {} } }, ...problems },
        },
      },
      '/api/v1/generate': {
        post: {
          summary: 'Gera a mensagem a partir de JSON ou YAML (como tiss generate)',
          requestBody: { required: true, content: { 'application/json': {}, 'application/yaml': {} } },
          responses: { '200': { description: 'XML gerado, ISO-8859-1, com o hash', content: { 'application/xml': {} } }, '422': { description: 'Achados na entrada; nada gerado', content: { 'application/json': {} } }, ...problems },
        },
      },
      '/api/v1/rules': { get: { summary: 'As regras condicionais (metadados)', responses: { '200': { description: 'Lista', content: { 'application/json': {} } } } } },
      '/api/v1/tables/{numero}': {
        get: {
          summary: 'Uma tabela de domínio',
          parameters: [
            { name: 'numero', in: 'path', required: true, schema: { type: 'integer' } },
            { name: 'versao', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'Tabela', content: { 'application/json': {} } }, '404': { description: 'Tabela desconhecida', content: { 'application/json': { schema: error } } } },
        },
      },
      '/healthz': { get: { summary: 'Prontidão e vida (sem token)', security: [], responses: { '200': { description: 'ok' }, '503': { description: 'Encerrando' } } } },
      '/metrics': { get: { summary: 'Métricas no formato Prometheus', responses: { '200': { description: 'text/plain; version=0.0.4' } } } },
    },
  };
}
