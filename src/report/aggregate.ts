import type { ValidationResult } from '../validate/index.js';
import type { Severity } from '../findings/finding.js';

interface Group {
  arquivos: number;
  guias: number;
  erros: number;
  avisos: number;
  valorInformado: number;
}

export interface Aggregate {
  arquivos: { total: number; validos: number; comErros: number; naoLidos: number };
  operadoras: ({ registroANS: string } & Group)[];
  prestadores: ({ prestador: string } & Group)[];
  codigos: { code: string; severity: Severity; ocorrencias: number; arquivos: number }[];
  tiposGuia: { tipo: string; guias: number; arquivos: number }[];
  valorInformado: number;
}

/** Folds validation results into what an operadora's intake desk looks at every morning. */
export class Aggregator {
  private total = 0;
  private valid = 0;
  private unreadable = 0;
  private valor = 0;
  private readonly operadoras = new Map<string, Group>();
  private readonly prestadores = new Map<string, Group>();
  private readonly codes = new Map<string, { severity: Severity; ocorrencias: number; arquivos: number }>();
  private readonly tipos = new Map<string, { guias: number; arquivos: number }>();

  add(r: ValidationResult): void {
    this.total++;
    if (r.valid) this.valid++;
    const m = r.message;
    const guias = m?.guias.reduce((a, g) => a + g.quantidade, 0) ?? 0;
    const valor = m?.valorInformado ?? 0;
    this.valor += valor;
    const bump = (map: Map<string, Group>, key: string): void => {
      const g = map.get(key) ?? { arquivos: 0, guias: 0, erros: 0, avisos: 0, valorInformado: 0 };
      g.arquivos++;
      g.guias += guias;
      g.erros += r.counts.error;
      g.avisos += r.counts.warning;
      g.valorInformado = Math.round((g.valorInformado + valor) * 100) / 100;
      map.set(key, g);
    };
    bump(this.operadoras, m?.registroANS ?? '(não identificada)');
    bump(this.prestadores, m?.prestador ?? '(não identificado)');
    const seen = new Set<string>();
    for (const f of r.findings) {
      const c = this.codes.get(f.code) ?? { severity: f.severity, ocorrencias: 0, arquivos: 0 };
      c.ocorrencias++;
      if (!seen.has(f.code)) c.arquivos++;
      seen.add(f.code);
      this.codes.set(f.code, c);
    }
    for (const g of m?.guias ?? []) {
      const t = this.tipos.get(g.tipo) ?? { guias: 0, arquivos: 0 };
      t.guias += g.quantidade;
      t.arquivos++;
      this.tipos.set(g.tipo, t);
    }
  }

  addUnreadable(): void {
    this.total++;
    this.unreadable++;
  }

  result(): Aggregate {
    const byValue = <T extends { valorInformado: number }>(a: T, b: T): number => b.valorInformado - a.valorInformado;
    return {
      arquivos: { total: this.total, validos: this.valid, comErros: this.total - this.valid - this.unreadable, naoLidos: this.unreadable },
      operadoras: [...this.operadoras].map(([registroANS, g]) => ({ registroANS, ...g })).sort(byValue),
      prestadores: [...this.prestadores].map(([prestador, g]) => ({ prestador, ...g })).sort(byValue),
      codigos: [...this.codes].map(([code, c]) => ({ code, ...c })).sort((a, b) => b.ocorrencias - a.ocorrencias || a.code.localeCompare(b.code)),
      tiposGuia: [...this.tipos].map(([tipo, t]) => ({ tipo, ...t })).sort((a, b) => b.guias - a.guias),
      valorInformado: Math.round(this.valor * 100) / 100,
    };
  }
}
