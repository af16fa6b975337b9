/**
 * Bot markdown read back as Web Chat shows it: the markdown-it Web Chat's bundle is built with
 * (resolved from botframework-webchat), configured as Web Chat's default renderMarkdown (raw HTML
 * on, linkify on), and what in the HTML it makes is not allowed.
 */
import { createRequire } from 'node:module';

/** The page the chat is on, in these checks: a relative URL lands here. */
export const PAGE = 'https://aisle.example';

const webChatRequire = createRequire(createRequire(import.meta.url).resolve('botframework-webchat'));
const MarkdownIt = webChatRequire('markdown-it') as new (options: object) => { render(markdown: string): string };
const markdownIt = new MarkdownIt({ breaks: false, html: true, linkify: true, typographer: true, xhtmlOut: true });

export const renderLikeWebChat = (markdown: string): string => markdownIt.render(markdown);

const decodeAttribute = (value: string) => value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Tags markdown-it makes of markdown; any other in its output came from the input's HTML. */
const MARKDOWN_TAGS = new Set(['p', 'a', 'img', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'br', 's', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

/** What is wrong with rendered HTML: a tag from the input, an event handler, a link or image outside the page's origin and `origins`. [] when nothing. */
export function markdownProblems(html: string, origins: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!MARKDOWN_TAGS.has(name!.toLowerCase())) found.push(`tag <${name}>`);
    for (const [, attribute, value] of attributes!.matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (/^on/i.test(attribute!)) found.push(`attribute ${attribute}`);
      if (attribute === 'href' || attribute === 'src') {
        let url: URL | undefined;
        try {
          url = new URL(decodeAttribute(value!), `${PAGE}/chat/`);
        } catch {
          url = undefined;
        }
        if (!url || !(url.origin === PAGE || origins.includes(url.origin))) found.push(`${attribute}="${value}"`);
      }
    }
  }
  return found;
}

export const links = (html: string): string[] => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => decodeAttribute(m[1]!));
export const images = (html: string): string[] => [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => decodeAttribute(m[1]!));
