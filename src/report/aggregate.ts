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
  /**
   * The operadora's view: each Tabela 38 code the findings would get, with how many findings, files and
   * guias, and the valor informado of those guias. A rule's finding touches its guia; one outside any guia,
   * and every encoding, XML, XSD, hash or message finding (the receiver refuses the whole message), touches
   * every guia of the lote. Most money first.
   */
  glosas: GlosaGroup[];
  valorInformado: number;
}

export interface GlosaGroup {
  glosa: string;
  /** The code's text in Tabela 38, when known. */
  texto: string | null;
  ocorrencias: number;
  arquivos: number;
  guias: number;
  valorInformado: number;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * Findings an operadora glosses guia by guia (the conditional rules, a profile's field formats). Every other
 * kind (encoding, XML, XSD, hash, message) makes the receiver refuse the whole message, whichever guia the
 * problem is in: its glosa touches every guia of the lote.
 */
const GUIA_LEVEL: ReadonlySet<string> = new Set(['rule', 'profile']);

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
  private readonly glosas = new Map<string, Omit<GlosaGroup, 'glosa' | 'texto'>>();

  /** `glosaText`: the Tabela 38 text of a code (codes.ts), for the groups' `texto`. */
  constructor(private readonly glosaText: (code: string) => string | null = () => null) {}

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
    this.addGlosas(r);
    for (const g of m?.guias ?? []) {
      const t = this.tipos.get(g.tipo) ?? { guias: 0, arquivos: 0 };
      t.guias += g.quantidade;
      t.arquivos++;
      this.tipos.set(g.tipo, t);
    }
  }

  /** Per glosa code: the findings, and the guias they touch (all of the file's for a finding outside a guia). */
  private addGlosas(r: ValidationResult): void {
    const resumo = r.message?.guiasResumo ?? [];
    const touched = new Map<string, { ocorrencias: number; guias: Set<string> }>();
    for (const f of r.findings) {
      for (const code of new Set(f.glosa)) {
        const t = touched.get(code) ?? { ocorrencias: 0, guias: new Set<string>() };
        t.ocorrencias++;
        if (f.guia === null || !GUIA_LEVEL.has(f.source)) resumo.forEach((_g, i) => t.guias.add(`#${i}`));
        else {
          const at = resumo.flatMap((g, i) => (g.numero === f.guia ? [`#${i}`] : []));
          if (at.length > 0) for (const k of at) t.guias.add(k);
          else t.guias.add(`n${f.guia}`);
        }
        touched.set(code, t);
      }
    }
    for (const [code, t] of touched) {
      const g = this.glosas.get(code) ?? { ocorrencias: 0, arquivos: 0, guias: 0, valorInformado: 0 };
      g.ocorrencias += t.ocorrencias;
      g.arquivos++;
      g.guias += t.guias.size;
      let valor = 0;
      for (const k of t.guias) if (k.startsWith('#')) valor += resumo[Number(k.slice(1))]?.valor ?? 0;
      g.valorInformado = cents(g.valorInformado + valor);
      this.glosas.set(code, g);
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
      glosas: [...this.glosas]
        .map(([glosa, g]) => ({ glosa, texto: this.glosaText(glosa), ...g }))
        .sort((a, b) => b.valorInformado - a.valorInformado || b.ocorrencias - a.ocorrencias || a.glosa.localeCompare(b.glosa)),
      valorInformado: Math.round(this.valor * 100) / 100,
    };
  }
}
