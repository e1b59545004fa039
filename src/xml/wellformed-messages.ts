import { TRUNCATED_FIX } from './wellformed.js';

/**
 * libxml2 parser (well-formedness) messages translated for a faturista. Each entry matches the raw
 * English text and returns what happened and what to do, in Portuguese. Unknown messages fall back
 * to a generic text that still quotes libxml2.
 */
interface Translation {
  message: string;
  fix: string | null;
}

type Rule = [RegExp, (m: RegExpExecArray) => Translation];

const RULES: Rule[] = [
  [/^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)/, (m) => ({
    message: `A tag de fechamento </${m[3]}> não corresponde à tag aberta <${m[1]}> (aberta na linha ${m[2]}).`,
    fix: `Feche <${m[1]}> com </${m[1]}> antes de fechar outra tag, ou corrija o nome da tag.`,
  })],
  [/^Premature end of data in tag (\S+) line (\d+)/, (m) => ({
    message: `O arquivo termina antes de fechar a tag <${m[1]}> (aberta na linha ${m[2]}): o arquivo parece truncado.`,
    fix: TRUNCATED_FIX,
  })],
  [/^EndTag: '<\/' not found/, () => ({
    message: 'O arquivo termina sem fechar todas as tags: o arquivo parece truncado.',
    fix: TRUNCATED_FIX,
  })],
  [/^Document is empty/, () => ({
    message: 'O arquivo não contém XML (vazio, ou começa com algo que não é uma tag).',
    fix: 'Confira se o arquivo enviado é mesmo o XML TISS (e não um PDF, ZIP ou arquivo corrompido).',
  })],
  [/^Start tag expected, '<' not found/, () => ({
    message: 'O conteúdo não começa com uma tag XML ("<").',
    fix: 'Confira se o arquivo é mesmo o XML TISS; remova qualquer texto antes de <?xml ...?>.',
  })],
  [/^Extra content at the end of the document/, () => ({
    message: 'Há conteúdo depois do fim do elemento raiz (uma segunda mensagem colada, ou lixo no fim do arquivo).',
    fix: 'Deixe um único elemento raiz por arquivo e remova o que vem depois dele.',
  })],
  [/^XML declaration allowed only at the start of the document/, () => ({
    message: 'A declaração <?xml ...?> não está no início do arquivo (há espaços, linhas ou texto antes dela).',
    fix: 'Remova tudo o que vem antes de <?xml ...?>.',
  })],
  [/^Entity '([^']+)' not defined/, (m) => ({
    message: `A entidade &${m[1]}; não existe em XML (só &amp; &lt; &gt; &quot; &apos; e &#NNN;).`,
    fix: m[1] === 'nbsp' ? 'Troque &nbsp; por um espaço comum.' : `Escreva o caractere diretamente (em ISO-8859-1) ou use &#NNN; no lugar de &${m[1]};.`,
  })],
  [/^xmlParseEntityRef: no name/, () => ({
    message: 'Há um "&" solto no texto; em XML ele precisa ser escrito como &amp;.',
    fix: 'Troque "&" por "&amp;" (ex.: "Silva &amp; Souza").',
  })],
  [/^StartTag: invalid element name/, () => ({
    message: 'Há um "<" que não inicia uma tag válida; no texto ele precisa ser escrito como &lt;.',
    fix: 'Troque "<" no texto por "&lt;", ou corrija o nome da tag.',
  })],
  [/^Failed to parse QName '([^']*)'/, (m) => ({
    message: `O nome de tag <${m[1]}> está incompleto ou é inválido (um prefixo sem o nome depois dos dois-pontos, ou um caractere que não cabe num nome).`,
    fix: 'Corrija o nome da tag (ex.: <ans:guiaConsulta>).',
  })],
  [/^Unescaped '<' not allowed in attributes values/, () => ({
    message: 'Há um "<" dentro do valor de um atributo.',
    fix: 'Troque "<" por "&lt;" no atributo.',
  })],
  [/^AttValue: " or ' expected/, () => ({
    message: 'O valor de um atributo não está entre aspas.',
    fix: 'Escreva atributo="valor".',
  })],
  [/^Attribute (\S+) redefined/, (m) => ({
    message: `O atributo ${m[1]} aparece duas vezes na mesma tag.`,
    fix: 'Deixe o atributo uma única vez.',
  })],
  [/^Namespace prefix (\S+) on (\S+) is not defined/, (m) => ({
    message: `O prefixo "${m[1]}:" usado em <${m[1]}:${m[2]}> não foi declarado (falta xmlns:${m[1]}="http://www.ans.gov.br/padroes/tiss/schemas").`,
    fix: `Declare o namespace no elemento raiz: xmlns:${m[1]}="http://www.ans.gov.br/padroes/tiss/schemas".`,
  })],
  [/^Comment not terminated/, () => ({
    message: 'Um comentário <!-- não foi fechado com -->.',
    fix: 'Feche o comentário com --> ou remova-o.',
  })],
  [/^CData section not finished/, () => ({
    message: 'Uma seção <![CDATA[ não foi fechada com ]]>.',
    fix: 'Feche a seção com ]]>.',
  })],
  [/Char 0x([0-9A-F]+) out of allowed range|PCDATA invalid Char value (\d+)|invalid character in attribute value|Char 0x([0-9A-F]+) out of allowed range/i, (m) => ({
    message: `O arquivo contém um caractere proibido em XML${m[1] ? ` (código 0x${m[1]})` : m[2] ? ` (código ${m[2]})` : ''}, como um byte nulo ou de controle: o arquivo pode estar corrompido ou ser binário.`,
    fix: 'Remova o caractere de controle; se o arquivo inteiro estiver corrompido, gere-o de novo.',
  })],
  [/^Couldn't find end of Start Tag (\S+)/, (m) => ({
    message: `A tag <${m[1]}> não foi fechada com ">".`,
    fix: `Confira a tag <${m[1]}>: aspas dos atributos e o ">" final.`,
  })],
  [/^(?:expected '>'|Specification mandates value for attribute (\S+))/, (m) => ({
    message: m[1] ? `O atributo ${m[1]} está sem valor.` : 'Falta ">" para fechar uma tag.',
    fix: null,
  })],
  [/^String not (?:closed|started) expecting " or '/, () => ({
    message: 'Um valor entre aspas (atributo ou declaração) não foi fechado.',
    fix: 'Feche as aspas.',
  })],
  [/^Unsupported encoding[: ]+(.+)/, (m) => ({
    message: `O encoding declarado "${m[1]!.trim()}" não é suportado.`,
    fix: 'Declare <?xml version="1.0" encoding="ISO-8859-1"?> e grave o arquivo nesse encoding.',
  })],
  [/^(?:Invalid bytes in character encoding|Input is not proper UTF-8)/, () => ({
    message: 'Os bytes do arquivo não correspondem ao encoding declarado.',
    fix: 'Declare o encoding real do arquivo (ISO-8859-1).',
  })],
  [/^Excessive depth in document|^Maximum nesting depth/i, () => ({
    message: 'O XML tem elementos aninhados em profundidade excessiva (mais de 256 níveis): não é uma mensagem TISS.',
    fix: null,
  })],
  [/^(?:xmlSAX2Characters: huge text node|Huge input lookup|Resource limit exceeded)/i, () => ({
    message: 'O XML tem um texto ou nome grande demais (limite de 10 MB por valor): não é uma mensagem TISS válida.',
    fix: null,
  })],
];

export function translateWellFormedness(raw: string): Translation {
  const text = raw.trim();
  for (const [re, make] of RULES) {
    const m = re.exec(text);
    if (m) return make(m);
  }
  return { message: `XML mal formado: ${text}`, fix: null };
}
