import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VALID, validateSample, xmlFiles } from './helpers.js';

const EXPECTED_KIND: Record<string, { operation: string; family: string; soap?: boolean; guias?: Record<string, number> }> = {
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
    expect(r.message).toMatchObject({ family: kind.family, operation: kind.operation, soap: kind.soap ?? false });
    if (kind.guias) expect(Object.fromEntries(r.message!.guias.map((g) => [g.tipo, g.quantidade]))).toEqual(kind.guias);
  });

  it('operadora→prestador, prestador→operadora and ANS messages are told apart', () => {
    expect(validateSample(join(VALID, 'demonstrativo-analise-conta.xml')).message?.direction).toBe('operadoraParaPrestador');
    expect(validateSample(join(VALID, 'lote-consulta.xml')).message?.direction).toBe('prestadorParaOperadora');
    expect(validateSample(join(VALID, 'monitoramento-guias.xml')).message).toMatchObject({ direction: 'operadoraParaANS', version: '1.02.00', registroANS: '346659' });
  });
});
