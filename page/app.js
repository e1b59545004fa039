// The page of `tiss serve`: drop lotes, see in Portuguese what is wrong and where, fix the hash, take a
// report. No framework, no build step, nothing from outside this server (the CSP allows nothing else).
// Every file goes to the local API (/api/v1) and is kept only in this page's memory.

const $ = (id) => document.getElementById(id);
const LOCK_AFTER_MS = 30 * 60 * 1000;
const SEVERITY = { error: 'Erro', warning: 'Aviso', info: 'Informação' };

/** Results shown: { file: File, bytes: ArrayBuffer, result, text } in the order dropped. */
let shown = [];
let token = sessionStorage.getItem('tiss-token');
let lastActivity = Date.now();

/** Tabela 38 texts by code (the glosa a finding would get), read once from this server's /api/v1/tables/38. */
let glosaTexts = new Map();
let glosasLoading = null;
function loadGlosas() {
  glosasLoading ??= api('/api/v1/tables/38')
    .then((r) => (r.ok ? r.json() : { codes: [] }))
    .then((t) => (glosaTexts = new Map(t.codes.map((c) => [c.code, String(c.description ?? '').trim()]))))
    .catch(() => undefined);
  return glosasLoading;
}

/** `Glosa provável: 5014 — CÓDIGO HASH INVÁLIDO…` (the text is left out if the table could not be read). */
function glosaLine(x) {
  const codes = x.glosa ?? [];
  if (codes.length === 0) return null;
  const named = codes.map((c) => (glosaTexts.get(c) ? `${c} — ${glosaTexts.get(c)}` : c));
  return `Glosa provável${codes.length > 1 ? ' (uma destas)' : ''}: ${named.join('; ')}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== null && v !== undefined) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

async function api(path, init = {}) {
  const headers = new Headers(init.headers ?? {});
  if (token) headers.set('authorization', `Bearer ${token}`);
  const r = await fetch(path, { ...init, headers });
  if (r.status === 401) {
    await askToken('Token ausente ou inválido.');
    return api(path, init);
  }
  return r;
}

function askToken(reason) {
  return new Promise((resolve) => {
    const dialog = $('token-dialogo');
    $('token-motivo').textContent = reason;
    $('token').value = '';
    dialog.showModal();
    $('token-form').onsubmit = () => {
      token = $('token').value;
      sessionStorage.setItem('tiss-token', token);
      resolve();
    };
  });
}

/** After 30 minutes without activity, what was on screen is cleared and the token asked again (ANS item 77). */
function watchInactivity() {
  for (const ev of ['pointerdown', 'keydown', 'drop']) document.addEventListener(ev, () => (lastActivity = Date.now()), { passive: true });
  setInterval(() => {
    if (!token || Date.now() - lastActivity < LOCK_AFTER_MS) return;
    shown = [];
    render();
    token = null;
    sessionStorage.removeItem('tiss-token');
    lastActivity = Date.now();
    void askToken('Sessão bloqueada depois de 30 minutos sem uso: informe o token de novo.');
  }, 15_000);
}

function decodeText(bytes, read) {
  const label = read === 'utf8' ? 'utf-8' : read === 'utf16le' ? 'utf-16le' : read === 'utf16be' ? 'utf-16be' : 'iso-8859-1';
  return new TextDecoder(label).decode(bytes);
}

async function check(files) {
  const list = [...files];
  if (list.length === 0) return;
  $('progresso').hidden = false;
  const bar = $('barra');
  bar.max = list.length;
  bar.value = 0;
  let done = 0;
  const say = () => ($('progresso-texto').textContent = `${done} de ${list.length} conferido(s)`);
  say();
  await loadGlosas();
  for (const file of list) {
    const bytes = await file.arrayBuffer();
    let r;
    if (/\.zip$/i.test(file.name)) {
      const form = new FormData();
      form.append('arquivos', new Blob([bytes]), file.name);
      r = await api('/api/v1/validate', { method: 'POST', body: form });
    } else {
      r = await api(`/api/v1/validate?arquivo=${encodeURIComponent(file.name)}`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/xml' } });
    }
    const answer = await r.json();
    if (!r.ok) {
      shown.push({ file, bytes: null, result: null, error: answer?.erro?.mensagem ?? `Erro ${r.status}` });
    } else {
      for (const result of answer.files) shown.push({ file, bytes: /\.zip$/i.test(file.name) ? null : bytes, result, text: /\.zip$/i.test(file.name) ? null : decodeText(bytes, result.encoding?.read) });
    }
    done++;
    bar.value = done;
    say();
    render();
  }
  $('progresso-texto').textContent = `${done} de ${list.length} conferido(s). Pronto.`;
}

function filters() {
  return { errors: $('ver-erros').checked, warnings: $('ver-avisos').checked, code: $('filtro-codigo').value, guia: $('filtro-guia').value };
}

function visibleFindings(findings, f) {
  return findings.filter((x) => (x.severity === 'error' ? f.errors : f.warnings) && (!f.code || x.code === f.code) && (!f.guia || (x.guia ?? '') === f.guia));
}

function frame(text, line) {
  if (!text || !line) return null;
  const lines = text.split('\n');
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 2);
  const pre = el('pre', { class: 'trecho', 'aria-label': `Trecho do arquivo em torno da linha ${line}` });
  for (let n = from; n <= to; n++) {
    const content = `${String(n).padStart(5)} | ${lines[n - 1].replace(/\r$/, '').slice(0, 300)}`;
    pre.append(n === line ? el('span', { class: 'marcada' }, content) : content, n < to ? '\n' : '');
  }
  return pre;
}

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

async function fixHash(item) {
  const r = await api('/api/v1/hash/fix', { method: 'POST', body: item.bytes });
  if (!r.ok) {
    const answer = await r.json();
    alert(`O hash não foi corrigido: ${answer.motivo ?? answer.erro?.mensagem ?? r.status}`);
    return;
  }
  download(item.result.file.replace(/(\.xml)?$/i, '.xml'), new Blob([await r.arrayBuffer()], { type: 'application/xml' }));
}

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** A standalone HTML report, for the browser's print (PDF). */
function reportHtml(items) {
  const body = items
    .map(({ result }) => {
      const rows = result.findings.map((x) => `<tr><td>${escapeHtml(SEVERITY[x.severity])}</td><td>${escapeHtml(x.guia ?? '—')}</td><td>${escapeHtml(x.line ?? '')}</td><td>${escapeHtml(x.code)}</td><td>${escapeHtml(x.message)}${x.fix ? `<br><em>${escapeHtml(x.fix)}</em>` : ''}${glosaLine(x) ? `<br>${escapeHtml(glosaLine(x))}` : ''}</td></tr>`).join('');
      return `<h2>${escapeHtml(result.file)} — ${result.valid ? 'válido' : 'com erros'}</h2><p>${escapeHtml(result.message?.root ?? '')} ${escapeHtml(result.message?.version ?? '')}; hash: ${escapeHtml(result.hash?.ok === false ? 'não confere' : result.hash ? 'confere' : '—')}</p>${rows ? `<table><thead><tr><th>Tipo</th><th>Guia</th><th>Linha</th><th>Código</th><th>Problema</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>Nenhum problema.</p>'}`;
    })
    .join('');
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Relatório tiss</title><style>body{font-family:sans-serif}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}</style></head><body><h1>Relatório de conferência TISS</h1><p>Gerado em ${new Date().toLocaleString('pt-BR')}. Use Imprimir → Salvar como PDF.</p>${body}</body></html>`;
}

function renderFile(item, f) {
  if (!item.result) {
    return el('article', { class: 'arquivo' }, el('h3', {}, item.file.name, el('span', { class: 'veredito invalido' }, 'não conferido')), el('p', {}, item.error));
  }
  const r = item.result;
  const verdict = r.status === 'unsupported-version' ? ['versao', 'versão não aceita'] : r.valid ? ['valido', 'válido'] : ['invalido', `${r.counts.error} erro(s)`];
  const m = r.message;
  const hash = r.hash ? (r.hash.ok ? 'confere' : `não confere (esperado ${r.hash.expected ?? '—'})`) : '—';
  const summary = el(
    'dl',
    { class: 'resumo' },
    el('dt', {}, 'Mensagem'),
    el('dd', {}, m ? `${m.root}${m.tipoTransacao ? ` (${m.tipoTransacao})` : ''}, versão ${m.version ?? '—'}` : '—'),
    el('dt', {}, 'Guias'),
    el('dd', {}, m && m.guias.length ? m.guias.map((g) => `${g.quantidade} ${g.tipo}`).join(', ') : '—'),

    el('dt', {}, 'Valor informado'),
    el('dd', {}, m && m.valorInformado !== null ? m.valorInformado.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' }) : '—'),
    el('dt', {}, 'Hash do epílogo'),
    el('dd', {}, hash),
  );
  const money = (v) => (v === null || v === undefined ? '—' : v.toLocaleString('pt-BR', { style: 'currency', currency: 'BRL' }));
  const guias =
    m && m.guiasResumo && m.guiasResumo.length
      ? el(
          'table',
          { class: 'guias' },
          el('caption', { class: 'visualmente-oculto' }, `Guias de ${r.file}`),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Guia'), el('th', { scope: 'col' }, 'Tipo'), el('th', { scope: 'col' }, 'Beneficiário'), el('th', { scope: 'col' }, 'Valor'))),
          el('tbody', {}, m.guiasResumo.slice(0, 100).map((g) => el('tr', {}, el('td', {}, g.numero ?? '—'), el('td', {}, g.tipo), el('td', {}, g.beneficiario ?? '—'), el('td', { class: 'valor' }, money(g.valor))))),
        )
      : null;
  const actions = el(
    'div',
    { class: 'acoes' },
    item.bytes && r.hash && !r.hash.ok ? el('button', { type: 'button', onclick: () => fixHash(item) }, 'Baixar com hash corrigido') : null,
    el('button', { type: 'button', class: 'secundario', onclick: () => download(`${r.file}.relatorio.html`, new Blob([reportHtml([item])], { type: 'text/html' })) }, 'Baixar relatório'),
    el('button', { type: 'button', class: 'secundario', onclick: () => download(`${r.file}.json`, new Blob([JSON.stringify(r, null, 2)], { type: 'application/json' })) }, 'Baixar JSON'),
  );
  const findings = visibleFindings(r.findings, f);
  const groups = new Map();
  for (const x of findings) {
    const key = x.guia ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(x);
  }
  const grouped = [...groups].map(([guia, list]) =>
    el(
      'section',
      { class: 'guia' },
      el('h4', {}, guia ? `Guia ${guia}` : 'Mensagem'),
      el(
        'ol',
        { class: 'achados' },
        list.map((x) =>
          el(
            'li',
            { class: `achado ${x.severity}` },
            el('strong', {}, `${SEVERITY[x.severity]}: `),
            x.message,
            ' ',
            el('span', { class: 'codigo' }, x.code),
            x.fix ? el('p', { class: 'correcao' }, `Como corrigir: ${x.fix}`) : null,
            glosaLine(x) ? el('p', { class: 'glosa' }, glosaLine(x)) : null,
            el('p', { class: 'onde' }, `${x.line ? `linha ${x.line}${x.column ? `, coluna ${x.column}` : ''}` : ''}${x.xpath ? ` — ${x.xpath}` : ''}`),
            frame(item.text, x.line),
            el('button', { type: 'button', class: 'secundario', onclick: () => navigator.clipboard?.writeText(`${x.code} — ${x.message}${x.line ? ` (linha ${x.line})` : ''}${x.fix ? `\nComo corrigir: ${x.fix}` : ''}${glosaLine(x) ? `\n${glosaLine(x)}` : ''}`) }, 'Copiar'),
          ),
        ),
      ),
    ),
  );
  return el('article', { class: 'arquivo', 'aria-label': r.file }, el('h3', {}, r.file, el('span', { class: `veredito ${verdict[0]}` }, verdict[1])), summary, guias, actions, findings.length ? grouped : el('p', {}, r.findings.length ? 'Nenhum achado com estes filtros.' : 'Nenhum problema encontrado.'));
}

function render() {
  const f = filters();
  const results = $('resultados');
  results.replaceChildren(...shown.map((item) => renderFile(item, f)));
  const codes = new Set();
  const guias = new Set();
  for (const { result } of shown) for (const x of result?.findings ?? []) {
    codes.add(x.code);
    if (x.guia) guias.add(x.guia);
  }
  const fill = (select, values, all) => {
    const current = select.value;
    select.replaceChildren(el('option', { value: '' }, all), ...[...values].sort().map((v) => el('option', { value: v }, v)));
    select.value = values.has(current) ? current : '';
  };
  fill($('filtro-codigo'), codes, 'todos');
  fill($('filtro-guia'), guias, 'todas');
  $('filtros').hidden = shown.length === 0;
}

function init() {
  const input = $('arquivos');
  const zone = $('soltar');
  input.addEventListener('change', () => {
    void check(input.files);
    input.value = '';
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('sobre');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('sobre'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('sobre');
    void check(e.dataTransfer.files);
  });
  for (const id of ['ver-erros', 'ver-avisos', 'filtro-codigo', 'filtro-guia']) $(id).addEventListener('change', render);
  watchInactivity();
}

init();
