/**
 * The sanitiser of bot text (bot/safe-markdown.ts), read back by the markdown renderer Web Chat
 * itself uses (its own markdown-it, configured as Web Chat's default renderMarkdown: raw HTML on,
 * linkify on): whatever the input, the HTML has no tag from the input, and no link or image
 * outside the page's own origin and the shop's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedUrl, parseShopOrigins, safeMarkdown } from '../../bot/safe-markdown.js';
import { images, links, markdownProblems, renderLikeWebChat as render } from './markdown-check.js';

const SHOP = 'https://shop.example';
const problems = (html: string) => markdownProblems(html, [SHOP]);

describe('safeMarkdown', () => {
  it('turns a link to another origin into its text', () => {
    const out = safeMarkdown('See [our returns form](https://evil.example/returns?id=1) now.', [SHOP]);
    expect(out).toBe('See our returns form now.');
    expect(links(render(out))).toEqual([]);
  });

  it('drops an image from another origin, and a tracking pixel inside a link', () => {
    const out = safeMarkdown('Hi ![pixel](https://tracker.example/p.gif?u=1) there [![logo](https://tracker.example/l.png)](https://evil.example)', [SHOP]);
    expect(out).toBe('Hi  there ');
    expect(render(out)).not.toContain('<img');
  });

  it('escapes raw HTML: an <img onerror> is text, not an element', () => {
    const out = safeMarkdown('Hello <img src=x onerror="alert(1)"> and <script>alert(2)</script> <a href="https://evil.example">x</a>');
    const html = render(out);
    expect(html).not.toMatch(/<img|<script|<a /);
    // Shown as written (markdown-it's typographer curls the quotes).
    expect(html).toMatch(/&lt;img src=x onerror=.alert\(1\).&gt;/);
    expect(problems(html)).toEqual([]);
  });

  it('never keeps javascript:, data:, vbscript: or file: links and images, however written', () => {
    const input = [
      '[a](javascript:alert(1))',
      '[b](<javascript:alert(1)>)',
      '[c](JaVaScRiPt:alert(1))',
      '[d](jav&#x09;ascript:alert(1))',
      '[e](java&#115;cript:alert(1))',
      '[f](&#106;avascript:alert(1))',
      '[g](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '![h](data:image/svg+xml,<svg onload=alert(1)>)',
      '[i](vbscript:msgbox(1))',
      '[j](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '[k][ref]',
      '',
      '[ref]: javascript:alert(1)',
    ].join('\n');
    const html = render(safeMarkdown(input, [SHOP]));
    expect(links(html)).toEqual([]);
    expect(images(html)).toEqual([]);
    expect(problems(html)).toEqual([]);
    expect(html).toMatch(/^<p>a\nb\nc\nd\ne\nf\ng\n!\[h\]\(data:image\/svg\+xml,&lt;svg onload=alert\(1\)&gt;\)\ni\nj\n<code>javascript:alert\(1\)<\/code>\nk<\/p>/);
  });

  it('keeps links and images on the page itself and on the shop\'s origins, and only there', () => {
    const out = safeMarkdown('[Returns](/help/returns), [terms](https://shop.example/terms#points), ![bag](/img/products/p1.svg), [elsewhere](https://shop.example.evil.example/), [lookalike](https://shop.example@evil.example/)', [SHOP]);
    const html = render(out);
    expect(links(html)).toEqual(['/help/returns', 'https://shop.example/terms#points']);
    expect(images(html)).toEqual(['/img/products/p1.svg']);
    expect(html).toContain('elsewhere, lookalike');
    // No origin given: only the page's own.
    expect(links(render(safeMarkdown('[terms](https://shop.example/terms) [r](/r)')))).toEqual(['/r']);
  });

  it('keeps a relative URL on the page\'s origin: never a protocol-relative or scheme-relative one', () => {
    for (const href of ['//evil.example/x', '/\\evil.example/x', 'https:evil.example', 'http:evil.example', '\\\\evil.example/x', '%2F%2Fevil.example']) {
      expect(problems(render(safeMarkdown(`[x](${href})`))), href).toEqual([]);
    }
    for (const href of ['//evil.example/x', '/\\evil.example/x', 'https:evil.example', 'http:evil.example']) {
      expect(links(render(safeMarkdown(`[x](${href})`))), href).toEqual([]);
    }
    // The path "//evil.example/x" is emitted with one slash.
    expect(links(render(safeMarkdown('[x](/.//evil.example/x)')))).toEqual(['/evil.example/x']);
    expect(problems(render(safeMarkdown('[x](/.//evil.example/x) [y](./%2F%2Fevil.example)')))).toEqual([]);
  });

  it('does not let a bare URL, domain or address become a link: it is shown as code', () => {
    const out = safeMarkdown('Track it at https://evil.example/t?x=1, www.evil.example, evil.example/p or write to help@evil.example.', [SHOP]);
    expect(out).toBe('Track it at `https://evil.example/t?x=1`, `www.evil.example`, `evil.example/p` or write to `help@evil.example`.');
    const html = render(out);
    expect(links(html)).toEqual([]);
    // The same words the input's escapes, entities or a dropped image would have glued together.
    for (const glued of ['evil\\.example', 'evil&#46;example', 'evil![](https://x.example/p.gif).example', '[evil](https://x.example).example', 'evil&period;example']) {
      expect(links(render(safeMarkdown(glued, [SHOP]))), glued).toEqual([]);
    }
    // A bare URL on the shop's origin stays a link.
    expect(links(render(safeMarkdown('See https://shop.example/pine-club.', [SHOP])))).toEqual(['https://shop.example/pine-club']);
  });

  it('leaves ordinary text and formatting alone', () => {
    const text = '**Can I return it?**\n\nYes: most items within 30 days, e.g. shoes (unworn).\n\n- Pine Club members get *free* returns\n- $9.99 for 3.5kg, 20% off > 50';
    expect(safeMarkdown(text)).toBe(text);
    expect(render(safeMarkdown('a `code span` and [x](/a)'))).toBe('<p>a <code>code span</code> and <a href="/a">x</a></p>\n');
  });

  it('escapes what would read as markup: brackets, backticks and an entity written out', () => {
    expect(render(safeMarkdown('\\[not a link\\](https://evil.example) &lt;b&gt; &amp;amp;'))).not.toMatch(/<a |<b>/);
    expect(render(safeMarkdown('&amp;lt;img src=x&amp;gt;'))).toBe('<p>&amp;lt;img src=x&amp;gt;</p>\n');
    // "!" before a kept link does not make it an image.
    expect(images(render(safeMarkdown('wow![x](/a)')))).toEqual(['/a']);
    expect(images(render(safeMarkdown('wow\\![x](/a)')))).toEqual([]);
  });

  it('lets no table cell cut a code span or a link open', () => {
    const table = '| a | b |\n|---|---|\n';
    for (const row of ['| `x|evil.example/p` | y |', '| see evil.example/p|q | y |', '| [x](/a|https://evil.example) | y |', '| <x|evil.example> | y |']) {
      const html = render(safeMarkdown(table + row, [SHOP]));
      expect(problems(html), `${row} -> ${html}`).toEqual([]);
      expect(links(html), row).toEqual(links(html).filter((href) => href.startsWith('/')));
    }
    expect(render(safeMarkdown(`${table}| \`a|b\` | c |`))).toContain('<td><code>a</code>|<code>b</code></td>');
  });

  it('lets no line of a code span start a block of its own', () => {
    for (const newline of ['\n', '\r', '\r\n']) {
      const html = render(safeMarkdown(`\`a${newline}# [x](https://evil.example) evil.example <img src=x onerror=alert(1)>\``));
      expect(problems(html)).toEqual([]);
      expect(html).not.toContain('<h1');
    }
  });

  it('renders, whatever the input, no HTML of its own and no link or image outside the origins', () => {
    const pieces = fc.constantFrom(
      '[', ']', '(', ')', '<', '>', '!', '\\', '`', '``', '"', "'", '*', '_', '&', '#', ';', ':', '/', '//', '.', '@', ' ', '\n', '\n\n', '    ', '> ', '- ', '# ', '|',
      'x', 'evil', 'example', 'com', 'www.', 'https://', 'http:', 'javascript:', 'data:', 'mailto:', 'evil.example', 'https://evil.example/p.gif',
      'https://shop.example/ok', '/ok', 'shop.example', '&#91;', '&#46;', '&lt;', '&gt;', '&amp;', '&colon;', '&#x09;', '<img src=x onerror=alert(1)>',
      '<a href="https://evil.example">', '</a>', '<script>', '[x]: https://evil.example', '[x]', '](', '![', 'img', 'onerror=',
      '| a | b |\n|---|---|\n', '\n|---|\n', '| ', ' |', '\r', '~~~', '```', '1. ', '===', '\n---\n',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')), (input) => {
        const html = render(safeMarkdown(input, [SHOP]));
        expect(problems(html), `${JSON.stringify(input)} -> ${html}`).toEqual([]);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('takes pathological input in linear time', () => {
    const started = performance.now();
    safeMarkdown('['.repeat(20_000) + ']'.repeat(20_000) + '[a]('.repeat(5_000) + '`'.repeat(5_000) + 'x.'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('allowedUrl', () => {
  it('gives a relative URL as a path on the page\'s origin, and an allowed absolute one normalised without credentials', () => {
    expect(allowedUrl('returns?x=1#a')).toBe('/returns?x=1#a');
    expect(allowedUrl('HTTPS://Shop.Example:443/a', [SHOP])).toBe('https://shop.example/a');
    expect(allowedUrl('https://user:pw@shop.example/a', [SHOP])).toBe('https://shop.example/a');
    expect(allowedUrl('http://shop.example/a', [SHOP])).toBeUndefined();
    expect(allowedUrl('mailto:help@shop.example', [SHOP])).toBeUndefined();
    expect(allowedUrl('', [SHOP])).toBeUndefined();
  });
});

describe('parseShopOrigins (SHOP_ORIGINS)', () => {
  it('takes comma-separated http(s) origins, normalised', () => {
    expect(parseShopOrigins('https://Shop.Example, https://cdn.shop.example:8443/ ,http://localhost:3000')).toEqual(['https://shop.example', 'https://cdn.shop.example:8443', 'http://localhost:3000']);
    expect(parseShopOrigins('')).toEqual([]);
  });

  it('refuses anything but an origin, naming it', () => {
    for (const bad of ['shop.example', 'ftp://shop.example', 'https://shop.example/path', 'https://shop.example?x', 'https://user@shop.example', '*', 'javascript:alert(1)']) {
      expect(() => parseShopOrigins(`https://ok.example,${bad}`), bad).toThrow(`"${bad}" is not an http(s) origin`);
    }
  });
});
