/**
 * Bot text built from the shop's content (FAQ answers, product descriptions) made safe to show:
 * markdown in, markdown out, with no raw HTML, no link or image outside the shop's own origins,
 * and no bare URL a client could turn into a link (Web Chat's markdown-it linkifies "evil.example/x").
 *
 *   safeMarkdown('See [our form](https://evil.example/x) ![](https://evil.example/p.gif) <img src=x onerror=alert(1)>')
 *   // 'See our form  \<img src=x onerror=alert(1)>'
 *   safeMarkdown('[Returns](/help/returns) or https://shop.example/r', ['https://shop.example'])
 *   // '[Returns](/help/returns) or [https://shop.example/r](https://shop.example/r)'
 *   safeMarkdown('write to help@shop.example')            // 'write to `help@shop.example`'
 *
 * Allowed: relative URLs (the page the chat is on; emitted as a path, "/help/returns") and http(s)
 * URLs on `origins` ("https://shop.example"). Everything else is dropped: a link becomes its text,
 * an image disappears, a bare URL-like word becomes inline code (no renderer links inside code).
 * The output's structure is the sanitiser's own: every `[`, `]`, `<`, backtick and backslash of the
 * input is escaped, except in the links, images and code spans it emits itself, so whatever a
 * renderer makes of the input's syntax, no other link, image or HTML tag can come out of it.
 * Emphasis, headings, lists and tables pass through.
 */
import { parseWebUrl } from '../catalog/web-url.js';

/** Links and images may point here besides relative URLs: normalised origins ("https://shop.example"). */
export type Origins = readonly string[];

// ---- URLs -------------------------------------------------------------------------------------

/**
 * The URL to emit for `raw` (already unescaped), or undefined when it is not allowed: a relative
 * URL becomes an absolute path on the page's origin ("returns" -> "/returns"); an absolute one must
 * be http(s) on one of `origins`, and comes back normalised, without credentials.
 */
export function allowedUrl(raw: string, origins: Origins = []): string | undefined {
  const parsed = parseWebUrl(raw);
  if (!parsed) return undefined;
  const { url } = parsed;
  if (parsed.kind === 'relative') {
    // A path on the page's own origin. "/.//evil.example" has the path "//evil.example", which
    // emitted as is would be a protocol-relative URL to another host: one leading slash only.
    return `${url.pathname.replace(/^\/+/, '/')}${url.search}${url.hash}`;
  }
  if (!origins.includes(url.origin)) return undefined;
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * SHOP_ORIGINS: comma-separated http(s) origins ("https://shop.example, https://cdn.shop.example"),
 * each scheme, host and optional port only. Returns them normalised; throws naming a bad one.
 */
export function parseShopOrigins(raw: string): string[] {
  const origins: string[] = [];
  for (const item of raw.split(',').map((part) => part.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    const bare = url && (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '' && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash && !/[?#]$/.test(item);
    if (!url || !bare) throw new Error(`"${item}" is not an http(s) origin: give scheme, host and port only, e.g. https://shop.example`);
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

// ---- parsing ----------------------------------------------------------------------------------

/** A piece of text; `literal` when it came from an escape or an entity, so all its punctuation stays literal. */
type Text = { kind: 'text'; text: string; literal: boolean };
/** Inline code: its content is shown as written, so it is emitted as written, in fences of the sanitiser's choosing. */
type Code = { kind: 'code'; content: string };
type Node = Text | Code | { kind: 'break' } | { kind: 'link'; children: Node[]; href: string } | { kind: 'image'; alt: Node[]; src: string };

const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
/** Named entities decoded; any other stays as written and is shown as written ("&foo;"). */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®',
  trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°', times: '×', divide: '÷', laquo: '«', raquo: '»',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•', middot: '·', frac12: '½', frac14: '¼', frac34: '¾',
  period: '.', colon: ':', sol: '/', bsol: '\\', commat: '@', lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lpar: '(',
  rpar: ')', excl: '!', quest: '?', num: '#', percnt: '%', ast: '*', lowbar: '_', grave: '`', verbar: '|',
  equals: '=', plus: '+', comma: ',', semi: ';', dollar: '$', lcub: '{', rcub: '}', Hat: '^',
  eacute: 'é', egrave: 'è', ecirc: 'ê', aacute: 'á', agrave: 'à', acirc: 'â', iacute: 'í', oacute: 'ó', ocirc: 'ô',
  uacute: 'ú', ccedil: 'ç', ntilde: 'ñ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß',
  aring: 'å', oslash: 'ø', aelig: 'æ', Aring: 'Å', Oslash: 'Ø', AElig: 'Æ',
};
/** An autolink, `<https://x>` or `<someone@example.com>`, as CommonMark reads them. */
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\x00-\x20]*)>/y;
const EMAIL_AUTOLINK = /<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/y;
/** `[label]: destination "title"` on a line of its own. */
const DEFINITION = /^ {0,3}\[((?:[^\\[\]]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|[^\s<]\S*)(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*(?:\r?\n|$)/gm;
const MAX_DESTINATION = 2048;
const MAX_TITLE = 1024;

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
  const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
  return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
}

/** Backslash escapes and the entities known, decoded: what a renderer would read a destination as. */
function unescape(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; ) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length && ASCII_PUNCTUATION.test(raw[i + 1]!)) {
      out += raw[i + 1];
      i += 2;
      continue;
    }
    if (c === '&') {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(raw);
      const decoded = match ? decodeEntity(match) : undefined;
      if (match && decoded !== undefined) {
        out += decoded;
        i += match[0].length;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

const normaliseLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

/** Takes out the link reference definitions, remembering the first of each label. */
function takeDefinitions(markdown: string): { body: string; definitions: Map<string, string> } {
  const definitions = new Map<string, string>();
  const body = markdown.replace(DEFINITION, (_line, label: string, destination: string) => {
    const key = normaliseLabel(unescape(label));
    const url = destination.startsWith('<') ? destination.slice(1, -1) : destination;
    if (!definitions.has(key)) definitions.set(key, unescape(url));
    return '';
  });
  return { body, definitions };
}

/** For each unescaped `[`, the index of its matching `]` within the same paragraph. */
function matchBrackets(s: string): Map<number, number> {
  const matches = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '\n' && /^\n[ \t]*\n/.test(s.slice(i, i + 80))) open.length = 0; // a blank line ends the paragraph
    else if (c === '[') open.push(i);
    else if (c === ']' && open.length) matches.set(open.pop()!, i);
  }
  return matches;
}

/** `(destination "title")` from `start` (just after `(`): the destination, unescaped, and where it ends. */
function inlineDestination(s: string, start: number): { destination: string; end: number } | undefined {
  let i = start;
  const skipSpace = () => {
    let newlines = 0;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || (s[i] === '\n' && newlines++ === 0))) i++;
  };
  skipSpace();
  let raw: string;
  if (s[i] === '<') {
    const close = s.slice(i + 1, i + 1 + MAX_DESTINATION).search(/[<>\n]/);
    if (close < 0 || s[i + 1 + close] !== '>') return undefined;
    raw = s.slice(i + 1, i + 1 + close);
    i += close + 2;
  } else {
    const from = i;
    let depth = 0;
    while (i < s.length && i - from < MAX_DESTINATION) {
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length && ASCII_PUNCTUATION.test(s[i + 1]!)) {
        i += 2;
        continue;
      }
      if (c <= ' ' || c === '\x7f') break;
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    if (depth !== 0) return undefined;
    raw = s.slice(from, i);
  }
  const beforeTitle = i;
  skipSpace();
  const quote = s[i];
  if (i > beforeTitle && (quote === '"' || quote === "'" || quote === '(')) {
    const closing = quote === '(' ? ')' : quote;
    let j = i + 1;
    while (j < s.length && j - i < MAX_TITLE && s[j] !== closing) j += s[j] === '\\' ? 2 : 1;
    if (s[j] !== closing) return undefined;
    i = j + 1;
    skipSpace();
  }
  if (s[i] !== ')') return undefined;
  return { destination: unescape(raw), end: i + 1 };
}

/**
 * The code span opening at `start`: up to the next backtick run as long, within the paragraph. Its
 * line breaks are spaces (as CommonMark reads them), so that emitted it stays one line: a line of
 * its content must never be read as a block of its own ("# [x](https://elsewhere)").
 */
function codeAt(s: string, start: number): { node: Code; end: number } | undefined {
  const run = /^`+/.exec(s.slice(start))![0];
  const closing = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
  closing.lastIndex = start + run.length;
  const match = closing.exec(s);
  if (!match) return undefined;
  const raw = s.slice(start + run.length, match.index);
  if (/\n[ \t]*\n/.test(raw)) return undefined;
  let content = raw.replace(/\r?\n/g, ' ');
  if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') content = content.slice(1, -1);
  return { node: { kind: 'code', content }, end: match.index + run.length };
}

interface ParseContext {
  definitions: Map<string, string>;
  /** Inside a link's text: no links; inside an image's description: no links or images. */
  allow: 'all' | 'images' | 'none';
}

/** The link or image whose `[` is at `open`, with where it ends; undefined when the brackets are text. */
function linkAt(s: string, open: number, brackets: Map<number, number>, context: ParseContext, image: boolean): { node: Node; end: number } | undefined {
  const close = brackets.get(open);
  if (close === undefined) return undefined;
  const label = s.slice(open + 1, close);
  let destination: string | undefined;
  let end = close + 1;
  if (s[close + 1] === '(') {
    const inline = inlineDestination(s, close + 2);
    if (inline) ({ destination, end } = inline);
  }
  if (destination === undefined) {
    // A reference label is at most 999 characters (CommonMark); none are defined in most texts.
    if (context.definitions.size === 0 || close - open > 1000) return undefined;
    let reference = label;
    end = close + 1;
    const fullClose = s[close + 1] === '[' ? brackets.get(close + 1) : undefined;
    if (fullClose !== undefined) {
      const inner = s.slice(close + 2, fullClose);
      if (inner.trim() !== '' && context.definitions.has(normaliseLabel(unescape(inner)))) reference = inner;
      if (inner.trim() === '' || reference === inner) end = fullClose + 1;
    }
    destination = context.definitions.get(normaliseLabel(unescape(reference)));
    if (destination === undefined) return undefined;
  }
  const children = parseInline(label, { ...context, allow: image ? 'none' : 'images' });
  return { node: image ? { kind: 'image', alt: children, src: destination } : { kind: 'link', children, href: destination }, end };
}

function parseInline(s: string, context: ParseContext): Node[] {
  const nodes: Node[] = [];
  const brackets = context.allow === 'none' ? new Map<number, number>() : matchBrackets(s);
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push({ kind: 'text', text: buffer, literal: false });
    buffer = '';
  };
  const push = (node: Node) => {
    flush();
    nodes.push(node);
  };
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === '\n') {
        push({ kind: 'break' });
        i += 2;
        continue;
      }
      if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        push({ kind: 'text', text: next, literal: true });
        i += 2;
        continue;
      }
    } else if (c === '&') {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(s);
      const decoded = match ? decodeEntity(match) : undefined;
      if (match && decoded !== undefined) {
        push({ kind: 'text', text: decoded, literal: true });
        i += match[0].length;
        continue;
      }
    } else if (c === '`') {
      const code = codeAt(s, i);
      if (code) {
        push(code.node);
        i = code.end;
        continue;
      }
      // An opening run with no closing one is literal backticks, all of it.
      const run = /^`+/.exec(s.slice(i))![0];
      buffer += run;
      i += run.length;
      continue;
    } else if (c === '<' && context.allow === 'all') {
      AUTOLINK.lastIndex = i;
      EMAIL_AUTOLINK.lastIndex = i;
      const url = AUTOLINK.exec(s) ?? EMAIL_AUTOLINK.exec(s);
      if (url) {
        const href = url[1]!.includes(':') ? url[1]! : `mailto:${url[1]}`;
        push({ kind: 'link', children: [{ kind: 'text', text: url[1]!, literal: true }], href });
        i += url[0].length;
        continue;
      }
    } else if (c === '!' && s[i + 1] === '[' && context.allow !== 'none') {
      const image = linkAt(s, i + 1, brackets, context, true);
      if (image) {
        push(image.node);
        i = image.end;
        continue;
      }
    } else if (c === '[' && context.allow === 'all') {
      const link = linkAt(s, i, brackets, context, false);
      if (link) {
        push(link.node);
        i = link.end;
        continue;
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return nodes;
}

// ---- rendering --------------------------------------------------------------------------------

type Out = Text | Code | { kind: 'break' } | { kind: 'link'; children: Out[]; href: string } | { kind: 'image'; alt: string; src: string };

/** Links and images checked: an allowed one kept with its emitted URL, a link to elsewhere becomes its text, an image from elsewhere goes. */
function resolve(nodes: readonly Node[], origins: Origins): Out[] {
  const out: Out[] = [];
  for (const node of nodes) {
    if (node.kind === 'link') {
      const href = allowedUrl(node.href, origins);
      const children = resolve(node.children, origins);
      // A link left with nothing to show (its one image from elsewhere dropped) is no link.
      if (href !== undefined && children.some((child) => child.kind !== 'text' || child.text.trim() !== '')) out.push({ kind: 'link', children, href });
      else out.push(...children);
    } else if (node.kind === 'image') {
      const src = allowedUrl(node.src, origins);
      if (src !== undefined) out.push({ kind: 'image', alt: plainText(node.alt), src });
    } else {
      out.push(node);
    }
  }
  return out;
}

function plainText(nodes: readonly Node[]): string {
  return nodes.map((node) => (node.kind === 'text' ? node.text : node.kind === 'code' ? node.content : node.kind === 'break' ? ' ' : node.kind === 'link' ? plainText(node.children) : plainText(node.alt))).join('');
}

/**
 * A word a client could make a link of: a scheme ("https:", "mailto:", "javascript:"), "//", "www.",
 * a dotted name ending in two letters or more ("evil.example", "a@b.co", also with the dots
 * URL parsers accept for ".": "。．｡"), an IPv4 address, localhost. Wider than any linkifier.
 */
const URLISH = [/^[a-z][a-z0-9+.-]*:\S/i, /\/\//, /www[.。．｡]/i, /[\p{L}\p{N}_-][.。．｡](?:\p{L}{2}|xn--)/iu, /\d[.。．｡]\d+[.。．｡]\d+[.。．｡]\d/, /localhost/i];
/** Any character the sanitiser escapes or reads as syntax, or anything a URL-like word has (a superset of URLISH, unanchored). */
const NEEDS_WORK = /[[\]<>`&\\\r]|:\S|\/\/|www[.。．｡]|[\p{L}\p{N}_-][.。．｡](?:\p{L}{2}|xn--)|\d[.。．｡]\d+[.。．｡]\d+[.。．｡]\d|localhost/iu;
const LEADING = /^[(\[{"'*_~<¡¿“‘«]+/u;
const TRAILING = /[)\]}"'*_~>.,;:!?”’»]+$/u;
const ALWAYS_ESCAPED = new Set(['\\', '`', '[', ']', '<']);

function escapeChar(c: string, literal: boolean, next: string | undefined): string {
  if (ALWAYS_ESCAPED.has(c) || (literal && ASCII_PUNCTUATION.test(c))) return `\\${c}`;
  // "&amp;" would be read as an entity again.
  if (c === '&' && next !== undefined && /[#A-Za-z]/.test(next)) return '\\&';
  // An entity's or escape's newline or tab, emitted raw, could start a block: a space.
  if (literal && (c === '\n' || c === '\r' || c === '\t')) return ' ';
  return c;
}

const count = (text: string, char: string) => text.split(char).length - 1;

function codeSpan(content: string): string {
  // A table row is cut into cells at each "|" before its inline text is read, code spans too: cut
  // there, a code span's content would be read as markdown. No "|" inside one; an escaped one between.
  if (content.includes('|')) return content.split('|').map((part) => codeSpan(part)).join('\\|');
  if (content.trim() === '') return content.length ? ' ' : '';
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A renderer strips one space from each end when both have one, and reads a backtick there as part of the fence.
  const pad = content.startsWith('`') || content.endsWith('`') || (content.startsWith(' ') && content.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Consecutive text, emitted as one: each URL-like word as inline code (or a link, when it is an allowed http(s) URL). */
function emitText(pieces: readonly Text[], origins: Origins, beforeBracket: boolean, inLink: boolean): string {
  const text = pieces.map((piece) => piece.text).join('');
  const literal: boolean[] = pieces.flatMap((piece) => Array.from({ length: piece.text.length }, () => piece.literal));
  const escapeRange = (from: number, to: number) => {
    let out = '';
    for (let i = from; i < to; i++) out += escapeChar(text[i]!, literal[i]!, text[i + 1]);
    return out;
  };
  let out = '';
  // Words end at a "|" too, which may cut a table's cells.
  const word = /[^\s|]+/gu;
  let last = 0;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    out += escapeRange(last, match.index);
    last = match.index + match[0].length;
    const lead = LEADING.exec(match[0])?.[0].length ?? 0;
    const rest = match[0].slice(lead);
    const trail = TRAILING.exec(rest)?.[0].length ?? 0;
    let core = rest.slice(0, rest.length - trail);
    // A closing parenthesis the word opened is the word's ("https://x.example/a_(b)").
    for (let t = rest.length - trail; t < rest.length && rest[t] === ')' && count(core, '(') > count(core, ')'); t++) core += ')';
    if (!core || !URLISH.some((pattern) => pattern.test(core))) {
      out += escapeRange(match.index, last);
      continue;
    }
    const start = match.index + lead;
    const href = !inLink && /^https?:\/\//i.test(core) ? allowedUrl(core, origins) : undefined;
    out += escapeRange(match.index, start);
    out += href !== undefined && !href.startsWith('/') ? `[${escapeRange(start, start + core.length)}](${destination(href)})` : codeSpan(core);
    out += escapeRange(start + core.length, last);
  }
  out += escapeRange(last, text.length);
  // "!" then a link would make it an image.
  if (beforeBracket && out.endsWith('!') && !/(^|[^\\])(\\\\)*\\!$/.test(out)) out = `${out.slice(0, -1)}\\!`;
  return out;
}

/** A URL as a link destination: nothing a renderer could read as the destination's end or an escape. */
function destination(url: string): string {
  return url.replace(/[\x00-\x20()<>\\`"'|\x7f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function emit(nodes: readonly Out[], origins: Origins, inLink = false): string {
  let out = '';
  let pending: Text[] = [];
  const flushText = (beforeBracket: boolean) => {
    if (pending.length) out += emitText(pending, origins, beforeBracket, inLink);
    pending = [];
  };
  for (const node of nodes) {
    if (node.kind === 'text') {
      pending.push(node);
      continue;
    }
    flushText(node.kind === 'link' || node.kind === 'image');
    if (node.kind === 'break') out += '\\\n';
    else if (node.kind === 'code') out += codeSpan(node.content);
    else if (node.kind === 'link') out += `[${emit(node.children, origins, true)}](${destination(node.href)})`;
    else out += `![${[...node.alt].map((c) => escapeChar(c, true, undefined)).join('')}](${destination(node.src)})`;
  }
  flushText(false);
  return out;
}

/**
 * `markdown` with raw HTML escaped, links and images kept only on the page's own origin (relative
 * URLs) or one of `origins`, and bare URL-like words as inline code. See the file's head.
 */
export function safeMarkdown(markdown: string, origins: Origins = []): string {
  // Most text (a product card's, most answers) has nothing to escape and no word to check: as it is.
  if (!NEEDS_WORK.test(markdown)) return markdown;
  // Line ends as renderers read them (a lone CR is one): a code span emitted on "one line" is.
  const { body, definitions } = takeDefinitions(markdown.replace(/\r\n?/g, '\n'));
  return emit(resolve(parseInline(body, { definitions, allow: 'all' }), origins), origins);
}
