import type { FindingCollector } from '../findings/collector.js';
import type { MessageInfo } from '../message/kind.js';
import { where } from '../message/where.js';
import type { ReadDocument } from '../xml/read.js';
import { ownText } from '../xml/tree.js';
import { collectHashTexts, collectLeaves, digestOf, type HashEncoding } from './canonical.js';
import { diagnoseHash } from './diagnose.js';
import { byteOffset, withoutHashContent } from './fix.js';
import type { HashReport } from './report.js';

export type { HashReport } from './report.js';

const HASH_REFERENCE = 'ANS, Componente Organizacional: hash MD5 do conteúdo dos campos, sem as tags, em ISO-8859-1 (Tabela 38, glosa 5014)';

/** Checks the epílogo hash of the message and reports a mismatch with its diagnosis. */
export function checkHash(read: ReadDocument, message: MessageInfo, encoding: HashEncoding, upper: boolean, out: FindingCollector): HashReport {
  const leaves = collectLeaves(message.element, message.hashBoundary);
  const fields = leaves.length;
  const hash = message.hash;
  // The encoding in use (the option or the profile's): the command and the generator's advice name it.
  const fix = `Recalcule com: tiss hash --fix --write${encoding === 'utf-8' ? ' --encoding utf-8' : ''} <arquivo> (ou corrija o gerador: MD5 do texto dos campos, na ordem, sem tags, em ${encoding === 'utf-8' ? 'UTF-8' : 'ISO-8859-1'}).`;

  if (!hash) {
    out.report('TISS-HASH-MISSING', {
      message: message.family === 'ws' ? `A mensagem <${message.root}> não tem o elemento <hash>.` : 'A mensagem não tem o elemento <epilogo><hash>.',
      ...where(message.hashBoundary ?? message.element),
      reference: HASH_REFERENCE,
      fix,
    });
    return { found: null, expected: applyCase(digestOf(leaves, encoding), upper), encoding, ok: false, variant: null, explanation: 'Sem elemento hash.', fields };
  }

  const found = ownText(hash);
  // Only a finding needs the hash element's XPath and guia.
  const location = (): ReturnType<typeof where> => where(hash);

  if (read.outsideLatin1.length > 0 && encoding === 'iso-8859-1') {
    out.report('TISS-HASH-UNVERIFIABLE', {
      message: 'O hash não pôde ser conferido: o texto tem caracteres que não existem em ISO-8859-1 (veja os erros TISS-ENC-OUTSIDE-LATIN1).',
      ...location(),
      reference: HASH_REFERENCE,
      fix: 'Troque os caracteres fora do ISO-8859-1 e recalcule o hash.',
    });
    return { found, expected: null, encoding, ok: false, variant: null, explanation: 'Texto fora do ISO-8859-1.', fields };
  }

  const text = read.tree.text;
  const decoding = read.encoding.decoding;
  const verdict = diagnoseHash(found, leaves, () => ({
    texts: collectHashTexts(message.element, message.hashBoundary),
    raw: {
      fileBytes: read.bytes,
      fileWithoutHash: withoutHashContent(read.bytes, text, hash, decoding),
      messageMarkup: read.bytes.subarray(byteOffset(text, message.element.start, decoding), byteOffset(text, (message.hashBoundary ?? hash).start, decoding)),
    },
  }), encoding);
  const expected = applyCase(verdict.expected, upper);

  if (verdict.ok) {
    const trimmed = found.trim();
    if (upper && trimmed !== trimmed.toUpperCase()) {
      out.report('TISS-HASH-CASE', {
        message: `O hash confere, mas está em minúsculas; no Envio de Dados (Monitoramento) a ANS usa maiúsculas: ${expected}.`,
        ...location(),
        reference: HASH_REFERENCE,
        fix: `Escreva o hash em maiúsculas: ${expected}.`,
        data: { found, expected },
      });
    }
    return { found, expected, encoding, ok: true, variant: null, explanation: verdict.explanation, fields };
  }

  const reencode = verdict.variant === 'file-encoding';
  out.report(verdict.code!, {
    message: `Hash do epílogo não confere${found.trim() ? ` (no arquivo: ${found.trim()})` : ''}. ${verdict.explanation}${reencode ? '' : ` O hash correto é ${expected}.`}`,
    ...location(),
    reference: HASH_REFERENCE,
    fix: reencode ? 'Converta o arquivo para ISO-8859-1 (ex.: iconv -f UTF-8 -t ISO-8859-1); não recalcule o hash, ele já corresponde ao texto correto.' : fix,
    data: { found, expected, variant: verdict.variant, encoding, fields },
  });
  return { found, expected, encoding, ok: false, variant: verdict.variant, explanation: verdict.explanation, fields };
}

function applyCase(d: string | null, upper: boolean): string | null {
  return d && upper ? d.toUpperCase() : d;
}
