import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, SchemaVersion } from './manifest.js';
import { sha256LF } from './store.js';
import { factsOf } from '../xsd/annotations.js';

/**
 * schemas/manifest.json made from a folder of official ANS XSDs (one subfolder per version, as
 * ../shared/tiss-schemas): every file with its sha256 after CRLF→LF, the entry schemas and the global
 * elements each declares, the versions `dm_versao` (`dm_versao_monitor`) accepts, and the hash case.
 * Run by `node scripts/build-manifest.js`; test/manifest.test.ts fails when the manifest is stale.
 */

/** What the XSDs do not say: titles and start dates (dm_versao's comments, reference/versoes.md). */
const KNOWN: Record<string, { title: string; published: string | null }> = {
  '4.00.00': { title: 'Padrão TISS 4.00.00 — Componente de Comunicação', published: '2020-06-01' },
  '4.00.01': { title: 'Padrão TISS 4.00.01 — Componente de Comunicação', published: null },
  '4.01.00': { title: 'Padrão TISS 4.01.00 — Componente de Comunicação', published: '2022-10-01' },
  '4.03.00': { title: 'Padrão TISS 4.03.00 — Componente de Comunicação', published: '2025-12-01' },
  'monitoramento-1.02.00': { title: 'Envio de Dados (Monitoramento TISS) 1.02.00', published: null },
  'monitoramento-1.06.00': { title: 'Monitoramento TISS 1.06.00', published: '2025-12-01' },
};

const withoutComments = (xsd: string): string => xsd.replace(/<!--[\s\S]*?-->/g, '');


/** Global elements of a schema document (children of <schema>, one tab in, as the ANS writes them). */
const globals = (xsd: string): string[] => [...withoutComments(xsd).matchAll(/^\t<(?:\w+:)?element name="([^"]+)"/gm)].map((m) => m[1]!);

export function buildManifest(shared: string): Manifest & { $comment: string } {
  const versions: SchemaVersion[] = [];
  for (const id of readdirSync(shared).filter((d) => /^(\d+\.\d+\.\d+|monitoramento-\d+\.\d+\.\d+)$/.test(d)).sort()) {
    const dir = join(shared, id);
    const names = readdirSync(dir).filter((f) => f.endsWith('.xsd')).sort();
    const read = (name: string): Buffer => readFileSync(join(dir, name));
    const monitoramento = id.startsWith('monitoramento-');
    const simple = names.find((n) => n.startsWith('tissSimpleTypes'))!;
    const entries = names
      .filter((n) => (monitoramento ? /^tissMonitoramentoV/.test(n) : /^tiss(V|WebServicesV)\d/.test(n)))
      .sort((a, b) => Number(a.includes('WebServices')) - Number(b.includes('WebServices')))
      .map((schema) => ({ schema, roots: globals(read(schema).toString('latin1')) }));
    versions.push({
      id,
      standard: monitoramento ? 'TISS-MONITORAMENTO' : 'TISS',
      title: KNOWN[id]?.title ?? id,
      version: id.replace(/^monitoramento-/, ''),
      published: KNOWN[id]?.published ?? null,
      versionElement: monitoramento ? 'versaoPadrao' : 'Padrao',
      accepts: factsOf([read(simple).toString('latin1')]).enumerations.get(monitoramento ? 'dm_versao_monitor' : 'dm_versao') ?? [],
      hashCase: monitoramento ? 'upper' : 'lower',
      files: names.map((name) => ({ name, sha256LF: sha256LF(read(name)) })),
      entries,
    });
  }
  return {
    $comment:
      'Manifesto dos XSDs oficiais da ANS que o tiss sabe usar (gerado por scripts/build-manifest.js). Os arquivos NÃO são versionados neste repositório: `tiss schemas install --from <pasta ou ZIP da ANS>` copia-os para o repositório local de esquemas conferindo cada sha256LF abaixo: o sha256 do arquivo depois de trocar CRLF por LF, para que os arquivos CRLF do ZIP da ANS e as cópias LF guardadas em git confiram igualmente.',
    manifestVersion: 2,
    versions,
  };
}
