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
 * Every pattern is linear in the text (no nested ambiguous repetition), so a long message costs
 * what its length does.
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
/** Words that say the number after them is a phone number. */
const PHONE_CUE = new RegExp(
  String.raw`\b(?:(?:tele)?phone|tel|mobile|mob|cell(?:phone)?|whats ?app|sms|(?:call|ring|text|phone|reach|contact) (?:me|us)|my (?:number|no))\b` +
    String.raw`((?:[^\S\n]*(?:number|no\b\.?|is|on|at|[=:#.-]))*[^\S\n]*)(\+?\(?\d[\d ().-]{5,24}\d)${NOT_BEFORE}`,
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

/**
 * Every string in a JSON-like value redacted, except those under a key `keep(key, parent)` says is
 * an identifier or an enum to store as it is (an activity's id, a product id, a timestamp). A new
 * value; the one given is not changed.
 */
export function redactStrings<T>(value: T, keep: (key: string, parentKey: string | undefined) => boolean = () => false): T {
  const walk = (node: unknown, key: string | undefined, parentKey: string | undefined): unknown => {
    if (typeof node === 'string') return key !== undefined && keep(key, parentKey) ? node : redactPersonalData(node);
    if (Array.isArray(node)) return node.map((item) => walk(item, key, parentKey));
    if (node instanceof Date) return node;
    if (node && typeof node === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) copy[k] = walk(v, k, key);
      return copy;
    }
    return node;
  };
  return walk(value, undefined, undefined) as T;
}

/** In a run of digit groups, each stretch of groups that makes a card number (the longest from the earliest start), redacted. */
function redactCardIn(run: string): string {
  // [digits, separator, digits, separator, ..., digits]
  const parts = run.split(/([ -])/);
  const groups = parts.filter((_, i) => i % 2 === 0);
  if (groups.reduce((sum, g) => sum + g.length, 0) < 13) return run;
  for (let start = 0; start < groups.length; start++) {
    // The ends that keep the stretch within 19 digits, longest first.
    const ends: number[] = [];
    for (let end = start + 1, digits = groups[start]!.length; end <= groups.length && digits <= 19; digits += groups[end]?.length ?? 0, end++) ends.unshift(end);
    for (const end of ends) {
      const stretch = groups.slice(start, end);
      const digits = stretch.join('');
      if (digits.length < 13 || !cardLayout(stretch, parts.slice(start * 2, end * 2 - 1).filter((_, i) => i % 2 === 1)) || !luhn(digits)) continue;
      const rest = parts.slice(end * 2 - 1);
      // rest: [separator, digits, ...] after the card, or nothing.
      return parts.slice(0, start * 2).join('') + REDACTED.card + (rest.length ? rest[0]! + redactCardIn(rest.slice(1).join('')) : '');
    }
  }
  return run;
}

/** Written as a card is: all together, or in groups of four (the last shorter), or 4-6-5 / 4-6-4, with one kind of separator. */
function cardLayout(groups: string[], separators: string[]): boolean {
  if (groups.length === 1) return true;
  if (new Set(separators).size !== 1 || groups[0]!.length !== 4) return false;
  const lengths = groups.map((g) => g.length);
  if (lengths.length === 3 && lengths[1] === 6 && (lengths[2] === 4 || lengths[2] === 5)) return true;
  return lengths.length >= 4 && lengths.slice(1, -1).every((n) => n === 4) && lengths[lengths.length - 1]! >= 1 && lengths[lengths.length - 1]! <= 4;
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
