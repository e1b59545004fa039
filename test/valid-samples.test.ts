import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID, validateSample, xmlFiles } from './helpers.js';

const EXPECTED_KIND: Record<string, { operation: string; family: string; soap?: boolean; guias?: Record<string, number>; version?: string }> = {
  'lote-consulta.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaConsulta: 3 } },
  'lote-sp-sadt.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { 'guiaSP-SADT': 3 } },
  'lote-resumo-internacao.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaResumoInternacao: 2 } },
  'lote-honorarios.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaHonorarios: 2 } },
  'lote-odontologia.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaOdonto: 2 } },
  'solicitacao-sp-sadt.xml': { family: 'mensagemTISS', operation: 'solicitacaoProcedimento' },
  'envio-documentos.xml': { family: 'mensagemTISS', operation: 'envioDocumentos' },
  'cancela-guia.xml': { family: 'mensagemTISS', operation: 'cancelaGuia' },
  'recurso-glosa.xml': { family: 'mensagemTISS', operation: 'recursoGlosa' },
  'demonstrativo-analise-conta.xml': { family: 'mensagemTISS', operation: 'demonstrativosRetorno' },
  'protocolo-recebimento.xml': { family: 'mensagemTISS', operation: 'recebimentoLote' },
  'ws-lote-guias-soap.xml': { family: 'ws', operation: 'loteGuias', soap: true, guias: { guiaConsulta: 1 } },
  'ws-cancela-guia.xml': { family: 'ws', operation: 'cancelaGuia', soap: false },
  'monitoramento-guias.xml': { family: 'mensagemEnvioANS', operation: 'guiaMonitoramento', guias: { guiaMonitoramento: 3 } },
  'monitoramento-guias-1.06.xml': { family: 'mensagemEnvioANS', operation: 'guiaMonitoramento', guias: { guiaMonitoramento: 3 }, version: 'monitoramento-1.06.00' },
  // Later versions (issue 10), each checked against its own XSD.
  ...Object.fromEntries(
    (['4.01', '4.03'] as const).flatMap((v) => [
      [`lote-consulta-${v}.xml`, { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaConsulta: 3 }, version: `${v}.00` }],
      [`lote-sp-sadt-${v}.xml`, { family: 'mensagemTISS', operation: 'loteGuias', guias: { 'guiaSP-SADT': 3 }, version: `${v}.00` }],
      [`lote-resumo-internacao-${v}.xml`, { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaResumoInternacao: 2 }, version: `${v}.00` }],
      [`lote-honorarios-${v}.xml`, { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaHonorarios: 2 }, version: `${v}.00` }],
      [`lote-odontologia-${v}.xml`, { family: 'mensagemTISS', operation: 'loteGuias', guias: { guiaOdonto: 2 }, version: `${v}.00` }],
    ]),
  ),
  'lote-sp-sadt-4.03-cnpj-alfanumerico.xml': { family: 'mensagemTISS', operation: 'loteGuias', guias: { 'guiaSP-SADT': 3 }, version: '4.03.00' },
  'cancela-guia-4.03.xml': { family: 'mensagemTISS', operation: 'cancelaGuia', version: '4.03.00' },
  'ws-lote-guias-soap-4.03.xml': { family: 'ws', operation: 'loteGuias', soap: true, guias: { guiaConsulta: 1 }, version: '4.03.00' },
};

describe('valid samples', () => {
  it('the table covers every file in samples/valid', () => {
    expect(xmlFiles(VALID)).toEqual(Object.keys(EXPECTED_KIND).sort());
  });

  it.each(Object.entries(EXPECTED_KIND))('%s has no finding and is identified', (file, kind) => {
    const r = validateSample(join(VALID, file));
    expect(r.findings).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.hash?.ok).toBe(true);
    expect(r.schema).not.toBeNull();
    // The declared version's own schema checked it (4.00.00 and Monitoramento 1.02.00 when not said).
    expect(r.schema).toMatchObject({ version: kind.version ?? (kind.family === 'mensagemEnvioANS' ? 'monitoramento-1.02.00' : '4.00.00'), reason: 'own' });
    expect(r.message).toMatchObject({ family: kind.family, operation: kind.operation, soap: kind.soap ?? false });
    if (kind.guias) expect(Object.fromEntries(r.message!.guias.map((g) => [g.tipo, g.quantidade]))).toEqual(kind.guias);
  });

  it('operadora→prestador, prestador→operadora and ANS messages are told apart', () => {
    expect(validateSample(join(VALID, 'demonstrativo-analise-conta.xml')).message?.direction).toBe('operadoraParaPrestador');
    expect(validateSample(join(VALID, 'lote-consulta.xml')).message?.direction).toBe('prestadorParaOperadora');
    expect(validateSample(join(VALID, 'monitoramento-guias.xml')).message).toMatchObject({ direction: 'operadoraParaANS', version: '1.02.00', registroANS: '346659' });
  });
});
