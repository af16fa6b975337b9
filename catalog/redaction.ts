/**
 * Personal data a shopper may type (an email address, a phone number, a payment card number) is
 * replaced before their words are stored: in the transcripts, the event log, the logged lists and
 * the reviews. Pure and deterministic, so the same words are stored the same way wherever they go
 * (the click model's queries still match their impressions).
 *
 *   redactPersonalData('call me on +44 20 7946 0958 or mail jo@example.com')
 *   // 'call me on [phone] or mail [email]'
 *   redactPersonalData('a 4111 1111 1111 1111 card?') // 'a [card] card?'
 *   redactPersonalData('size 10-12 under $1,299.99, order 1234567890123') // unchanged
 *
 * What counts:
 * - an email: `local@domain.tld`;
 * - a card: 13 to 19 digits that pass the Luhn check, written together or in a card's groups
 *   (4-4-4-4, 4-6-5, ...) with spaces or dashes; a number that fails the check (an order number) stays;
 * - a phone number: one written as a phone number is ("+44 20 7946 0958", "+447700900123",
 *   "(555) 123-4567", "555-123-4567", "1-800-555-0199", "07700 900123", "020 7946 0958",
 *   "06 12 34 56 78"), or any 7 to 15 digits after "call me", "phone", "mobile", "text me", "my number",
 *   "whatsapp" ... ("call me on 5551234567"). Bare digits with no such cue stay (an order number,
 *   a product id), and so do prices, sizes ("10-12"), dates ("2024-05-01", "01/02/2024") and years.
 *
 * Every pattern is linear in the text, so a long message costs what its length does. No repetition
 * can split the same characters two ways (a number's groups are cut by a separator no group holds;
 * each connector after a phone cue has one reading), so a failed try backs off in at most the
 * length it scanned. What a try scans is bounded (an email's local part and labels, a national or
 * North American number, a cue's connectors and number), or is a run (digit groups, a "+" number)
 * that no other try scans again: inside one, a number starts only after a space, and a try that
 * reaches past such a start ends its match there or later. test/catalog/redaction.test.ts times
 * 64 KB inputs built against each pattern. The cards in a run of digit groups are found in one pass.
 */

export const REDACTED = { email: '[email]', phone: '[phone]', card: '[card]' } as const;

/** Characters after which no number starts: a number inside a word, a URL path or query, a price, a decimal or a range. */
const NOT_AFTER = String.raw`(?<![\w.,/=&?#%+$£€@-])`;
/** What may not follow a number's end: more of a word, a decimal, a range, a date or a time. */
const NOT_BEFORE = String.raw`(?![\w%]|[.,/:-]\d)`;

const EMAIL = /[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])/g;
/** Digit groups separated by single spaces or dashes: the candidates for a card number. */
const DIGIT_RUN = new RegExp(`${NOT_AFTER}\\d+(?:[ -]\\d+)*${NOT_BEFORE}`, 'g');
/** "+" and a country code, then groups; an area code may be in brackets ("+44 (0)20 ..."). */
const INTERNATIONAL = new RegExp(`(?<![\\w+])\\+\\d+(?:[ .-]?\\(\\d{1,4}\\)[ .-]?\\d+|[ .-]\\d+)*${NOT_BEFORE}`, 'g');
/** North American: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, 1-800-555-0199. */
const NORTH_AMERICAN = new RegExp(`${NOT_AFTER}(?:1[ .-]?)?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}${NOT_BEFORE}`, 'g');
/** A national number with its trunk 0 (UK, most of Europe): grouped with one kind of separator, or 10-11 digits together. */
const NATIONAL = new RegExp(`${NOT_AFTER}(?:0[1-9]\\d{8,9}|0\\d{1,4}([ .-])\\d{2,8}(?:\\1\\d{2,8}){0,4})${NOT_BEFORE}`, 'g');
/**
 * Words that say the number after them is a phone number, then at most MAX_CONNECTORS connecting
 * words or signs ("number", "no", "is", "on", "at", "=", ":", "#", ".", "-"; "no." is "no" and "."),
 * each of which can be read only one way: with "no." readable both as one word and as "no" and
 * ".", every further "no." doubled the work of a cue with no number after it.
 */
const MAX_CONNECTORS = 6;
const PHONE_CUE = new RegExp(
  String.raw`\b(?:(?:tele)?phone|tel|mobile|mob|cell(?:phone)?|whats ?app|sms|(?:call|ring|text|phone|reach|contact) (?:me|us)|my (?:number|no))\b` +
    String.raw`((?:[^\S\n]*(?:number|no\b|is|on|at|[=:#.-])){0,${MAX_CONNECTORS}}[^\S\n]*)(\+?\(?\d[\d ().-]{5,24}\d)${NOT_BEFORE}`,
  'gi',
);

export function redactPersonalData(text: string): string {
  if (!/\d|@/.test(text)) return text;
  let out = text.includes('@') ? text.replace(EMAIL, REDACTED.email) : text;
  if (!/\d/.test(out)) return out;
  out = out.replace(DIGIT_RUN, redactCardIn);
  out = out.replace(PHONE_CUE, (match: string, _connector: string, number: string) => {
    const digits = number.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) return match;
    return match.slice(0, match.length - number.length) + REDACTED.phone;
  });
  out = out.replace(INTERNATIONAL, (match) => (between(digitCount(match), 8, 15) ? REDACTED.phone : match));
  out = out.replace(NORTH_AMERICAN, REDACTED.phone);
  out = out.replace(NATIONAL, (match) => {
    const digits = digitCount(match);
    // "0044 20 7946 0958" dials out of the country; otherwise a national number has 10 or 11 digits.
    const ok = match.startsWith('00') ? between(digits, 11, 17) : between(digits, 10, 11);
    return ok ? REDACTED.phone : match;
  });
  return out;
}

/** Where a value is inside a JSON-like value: the keys (and array indices) from its top, e.g. ['conversation', 'id']. */
export type JsonPath = readonly (string | number)[];

/**
 * Every string in a JSON-like value redacted, except those at a path `keep(path)` says is an
 * identifier to store as it is (an activity's id). Paths, not key names: a key kept at one place is
 * not kept wherever a client repeats it. A new value; the one given is not changed.
 *
 *   redactStrings({ id: 'jo@example.com', value: { id: 'jo@example.com' } }, (path) => path.length === 1 && path[0] === 'id')
 *   // { id: 'jo@example.com', value: { id: '[email]' } }
 */
export function redactStrings<T>(value: T, keep: (path: JsonPath) => boolean = () => false): T {
  const walk = (node: unknown, path: (string | number)[]): unknown => {
    if (typeof node === 'string') return path.length > 0 && keep(path) ? node : redactPersonalData(node);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    if (node instanceof Date) return node;
    if (node && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) copy[k] = walk(v, [...path, k]);
      return copy;
    }
    return node;
  };
  return walk(value, []) as T;
}

/**
 * In a run of digit groups, each stretch of groups that makes a card number (the longest from the
 * earliest start), redacted; the search goes on after each card. One pass: each start tries at most
 * the groups within 19 digits of it, so a 64 KB run of card numbers costs what its length does.
 */
function redactCardIn(run: string): string {
  // [digits, separator, digits, separator, ..., digits]
  const parts = run.split(/([ -])/);
  const groups: string[] = [];
  const separators: string[] = [];
  for (let i = 0; i < parts.length; i++) (i % 2 === 0 ? groups : separators).push(parts[i]!);
  // before[i]: the digits in the groups before group i.
  const before = [0];
  for (const group of groups) before.push(before[before.length - 1]! + group.length);
  if (before[groups.length]! < 13) return run;
  const out: string[] = [];
  let copied = 0; // parts[copied...] are not yet in `out`
  for (let start = 0; start < groups.length; ) {
    // The furthest end that keeps the stretch within 19 digits; then shorter ones, down to 13 digits.
    let end = start;
    while (end < groups.length && before[end + 1]! - before[start]! <= 19) end++;
    let card = 0;
    for (; end > start && before[end]! - before[start]! >= 13; end--) {
      if (cardLayout(groups, separators, start, end) && luhn(groups.slice(start, end).join(''))) {
        card = end;
        break;
      }
    }
    if (!card) {
      start++;
      continue;
    }
    for (let i = copied; i < start * 2; i++) out.push(parts[i]!);
    out.push(REDACTED.card);
    copied = card * 2 - 1; // the separator after the card, if any
    start = card;
  }
  if (out.length === 0) return run;
  for (let i = copied; i < parts.length; i++) out.push(parts[i]!);
  return out.join('');
}

/**
 * groups[start..end) written as a card is: all together, or in groups of four (the last shorter),
 * or 4-6-5 / 4-6-4, with one kind of separator.
 */
function cardLayout(groups: string[], separators: string[], start: number, end: number): boolean {
  const count = end - start;
  if (count === 1) return true;
  if (groups[start]!.length !== 4) return false;
  for (let i = start + 1; i < end - 1; i++) if (separators[i] !== separators[start]) return false;
  const last = groups[end - 1]!.length;
  if (count === 3 && groups[start + 1]!.length === 6 && (last === 4 || last === 5)) return true;
  if (count < 4 || last < 1 || last > 4) return false;
  for (let i = start + 1; i < end - 1; i++) if (groups[i]!.length !== 4) return false;
  return true;
}

/** The Luhn check digit test that every payment card number passes. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

function between(n: number, low: number, high: number): boolean {
  return n >= low && n <= high;
}
