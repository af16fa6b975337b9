/**
 * What a URL from shop data (a product's `url` and `imageUrl`, a link in an FAQ answer) is, read
 * as a browser reads it (WHATWG URL: tabs and newlines dropped, "\" as "/", entities already decoded):
 *
 *   parseWebUrl('/img/products/p1.svg')          // { kind: 'relative', url: URL(... '/img/products/p1.svg') }
 *   parseWebUrl('https://cdn.example/p1.jpg')    // { kind: 'absolute', url: URL('https://cdn.example/p1.jpg') }
 *   parseWebUrl('java\tscript:alert(1)')         // undefined: not http(s)
 *   parseWebUrl('https:evil.example')            // undefined: relative on an https page, absolute on an http one
 */
const BASE_A = 'https://a.aisle.invalid/';
const BASE_B = 'http://b.aisle.invalid/';

export type WebUrl = { kind: 'relative'; url: URL } | { kind: 'absolute'; url: URL };

/**
 * `relative` (a path, query or fragment on the page's own origin, whatever the page's scheme), or
 * an `absolute` http(s) URL; undefined for anything else: another scheme, unparseable, or a URL
 * whose meaning depends on the page's scheme.
 */
export function parseWebUrl(raw: string): WebUrl | undefined {
  if (raw.trim() === '') return undefined;
  let a: URL;
  let b: URL;
  try {
    // Against two bases of different schemes and hosts: a relative URL follows both, an absolute one neither.
    a = new URL(raw, BASE_A);
    b = new URL(raw, BASE_B);
  } catch {
    return undefined;
  }
  if (a.protocol !== 'http:' && a.protocol !== 'https:') return undefined;
  if (a.href === b.href) return { kind: 'absolute', url: a };
  if (a.hostname === 'a.aisle.invalid' && b.hostname === 'b.aisle.invalid' && a.pathname === b.pathname && a.search === b.search && a.hash === b.hash) return { kind: 'relative', url: a };
  return undefined;
}

/** An http(s) URL or a path on the shop's site: what a product's `url` and `imageUrl` may be. */
export function isWebUrl(raw: string): boolean {
  return parseWebUrl(raw) !== undefined;
}
