import { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { versionsForRoot, type SchemaVersion } from '../schemas/manifest.js';
import { byVersion } from '../schemas/choose.js';
import { acceptedBy, selectSchema } from '../schemas/select.js';
import type { SchemaRoot } from '../schemas/store.js';
import { child, findChild, type XNode } from '../xml/tree.js';
import { xpathOf } from '../xml/xpath.js';
import type { SchemaUsed } from './result.js';

/**
 * Picks the schema that checks the message (schemas/choose.ts) and says why in a finding when it is not
 * the declared version's own. A version no installed schema accepts is a finding and `'unaccepted'` (the
 * XSD is skipped; the hash and the rules that do not depend on the version still run); a version that
 * some schema would accept but none is installed is a setup problem (TissError, exit 2).
 */
export function resolveVersion(message: MessageInfo, requested: string | undefined, schemas: string | undefined, out: FindingCollector): { root: SchemaRoot; version: SchemaVersion; reason: SchemaUsed['reason'] } | 'unaccepted' | null {
  if (versionsForRoot(message.root).length === 0) return null;
  const { root, candidates, installed, choice } = selectSchema(message.root, message.version, schemas, requested);
  // Where the version is written: only a finding needs it (its XPath is work on every file otherwise).
  const at = (): { line: number; column: number; xpath: string | null } => {
    const versionNode = findVersionNode(message);
    return { line: versionNode?.line ?? message.element.line, column: versionNode?.column ?? message.element.column, xpath: versionNode ? xpathOf(versionNode) : null };
  };
  const numbers = (list: SchemaVersion[]): string => list.map((v) => v.version).join(', ');
  switch (choice.kind) {
    case 'own':
    case 'undeclared':
      return { root, version: choice.version, reason: choice.kind };
    case 'requested':
      out.report('TISS-MSG-VERSION-RECEIVER', {
        message: `A mensagem declara a versão ${choice.declared} e foi conferida com o XSD da ${choice.version.version}, a versão de quem a recebe (o dm_versao da ${choice.version.version} aceita ${choice.declared}): o conteúdo precisa caber na ${choice.version.version}.`,
        ...at(),
        reference: `XSD ${choice.version.id}: dm_versao (${choice.version.accepts.join(', ')})`,
        data: { declared: choice.declared, checkedWith: choice.version.version },
      });
      return { root, version: choice.version, reason: 'requested' };
    case 'nearest':
      out.report('TISS-MSG-VERSION-NEAREST', {
        message: `A mensagem declara a versão ${choice.declared}, que não tem esquema oficial instalado; foi conferida com o XSD da ${choice.version.version}, a versão mais próxima cujo dm_versao aceita ${choice.declared}. Um campo que só a ${choice.version.version} exige pode aparecer como erro.`,
        ...at(),
        reference: `XSD ${choice.version.id}: dm_versao (${choice.version.accepts.join(', ')})`,
        fix: `Se a operadora recebe a ${choice.declared}, confira com o XSD dela; instalados: ${numbers(installed()) || 'nenhum'}.`,
        data: { declared: choice.declared, checkedWith: choice.version.version },
      });
      return { root, version: choice.version, reason: 'nearest' };
    case 'unaccepted': {
      const newest = [...candidates].sort(byVersion).pop()!;
      const accepted = acceptedBy(candidates);
      out.report('TISS-MSG-VERSION-UNSUPPORTED', {
        message: choice.requested
          ? `A mensagem declara a versão ${choice.declared}, que a versão de quem a recebe (${choice.requested.version}) não aceita (dm_versao: ${choice.requested.accepts.join(', ')}). A estrutura não foi conferida contra nenhum XSD.`
          : `A mensagem declara a versão ${choice.declared}, que nenhuma versão do padrão conhecida aceita (as versões ${numbers(candidates)} aceitam ${accepted.join(', ')}). A estrutura não foi conferida contra nenhum XSD; o hash foi conferido.`,
        ...at(),
        fix: choice.requested
          ? `Gere a mensagem numa versão que a ${choice.requested.version} aceita (${choice.requested.accepts.join(', ')}).`
          : `Gere a mensagem numa versão em vigor (a mais recente é a ${newest.version}) no sistema de faturamento; versões 3.x não são mais aceitas pelas operadoras.`,
        data: { declared: choice.declared, receiver: choice.requested?.version ?? null, accepted },
      });
      return 'unaccepted';
    }
  }
}

function findVersionNode(message: MessageInfo): XNode | undefined {
  // By name, with no object made for the other children (a root may have millions).
  return findChild(child(message.element, 'cabecalho'), (q) => q.local === 'Padrao' || q.local === 'versaoPadrao');
}
