/**
 * Personal data redacted before shopper text is stored (catalog/redaction.ts): emails, phone
 * numbers, Luhn-valid card numbers; and the shop's own numbers (prices, sizes, order numbers,
 * product ids, dates, years) left as they are.
 */
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { luhn, REDACTED, redactPersonalData as redact, redactStrings } from '../../catalog/index.js';

describe('redactPersonalData', () => {
  it('redacts email addresses', () => {
    expect(redact('email me at jo.smith+shop@example.co.uk please')).toBe('email me at [email] please');
    expect(redact('JO_99@Example.COM, or not')).toBe('[email], or not');
    expect(redact('mailto:returns@shop.test?subject=x')).toBe('mailto:[email]?subject=x');
    // A handle with no domain is no address.
    expect(redact('ask @aisle or me@localhost')).toBe('ask @aisle or me@localhost');
  });

  it.each([
    ['call me on +44 20 7946 0958', 'call me on [phone]'],
    ['+447700900123', '[phone]'],
    ['+44 (0)20 7946 0958 after 6pm', '[phone] after 6pm'],
    ['+1 (555) 123-4567', '[phone]'],
    ['tel. +33 6 12 34 56 78', 'tel. [phone]'],
    ['(555) 123-4567', '[phone]'],
    ['my cell is 555-123-4567.', 'my cell is [phone].'],
    ['555.123.4567 or 555 123 4567', '[phone] or [phone]'],
    ['1-800-555-0199', '[phone]'],
    ['07700 900123', '[phone]'],
    ['020 7946 0958', '[phone]'],
    ['ring me 07700900123', 'ring me [phone]'],
    ['06 12 34 56 78', '[phone]'],
    ['0044 20 7946 0958', '[phone]'],
    // Digits with no phone shape are a phone number when the words before say so.
    ['call me on 5551234567 tomorrow', 'call me on [phone] tomorrow'],
    ['my number is 555 1234', 'my number is [phone]'],
    ['Phone: 5551234567', 'Phone: [phone]'],
    ['my phone no. is 555 123 4567', 'my phone no. is [phone]'],
    ['tel. no.: 5551234567', 'tel. no.: [phone]'],
    ['Mobile No - 5551234567', 'Mobile No - [phone]'],
  ])('redacts the phone number in %j', (text, redacted) => {
    expect(redact(text)).toBe(redacted);
  });

  it('redacts card numbers that pass the Luhn check, together or in groups, and only those digits', () => {
    expect(redact('card 4111 1111 1111 1111 exp 12/25')).toBe('card [card] exp 12/25');
    expect(redact('4111-1111-1111-1111')).toBe('[card]');
    expect(redact('5555555555554444')).toBe('[card]');
    expect(redact('amex 3782 822463 10005 ok')).toBe('amex [card] ok');
    expect(redact('19 digits: 6011 0009 9013 9424 124?')).toBe('19 digits: [card]?');
    expect(redact('13 digits 4222222222222')).toBe('13 digits [card]');
    // Quantities beside a card stay.
    expect(redact('qty 2 4111 1111 1111 1111')).toBe('qty 2 [card]');
    expect(redact('4111 1111 1111 1111 12')).toBe('[card] 12');
    // The same digits one off the check digit are no card.
    expect(luhn('4111111111111112')).toBe(false);
    expect(redact('4111 1111 1111 1112')).toBe('4111 1111 1111 1112');
  });

  it.each([
    'a laptop for $1,299.99, or £45.00, €12,50',
    'size 10-12, sizes 6-8, 10-12, 14-16, size 9.5',
    'order 1234567890123 has not arrived',
    'order number 1234567890 and order #100234',
    'product JKT-0001, SKU 4006381333931',
    'delivered on 2024-05-01 at 2026-01-01T10:00:00.000Z, or 01/02/2024, or 01.02.2024',
    'from 2019 to 2023; years 2019 2020 2021 2022',
    '0-3 months, 3-5 business days, between 20-40 dollars, 24/7 support',
    'ISBN 978-0-306-40615-7',
    'a tent for 2-3 people, 200 x 140 x 60 cm, 12,500 mAh, 1.5L, 2 x 5 kg',
    'iphone 15 pro 256gb, a phone case under $30',
    'my phone is broken, order 12345678901',
    'ref 555-1234, model WH-1000XM4, sleeping bag rated -2',
    'https://shop.test/img/products/1699999999999.svg?v=4111111111111111',
  ])('leaves shop text as it is: %j', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('is deterministic and idempotent, so the same words are stored the same way everywhere', () => {
    const text = 'blue jacket, call me on 07700 900123 or jo@example.com';
    expect(redact(text)).toBe(redact(text));
    expect(redact(redact(text))).toBe(redact(text));
  });

  it('costs a long message what its length does', () => {
    for (const text of ['1 '.repeat(4000), '0 '.repeat(4000), 'a'.repeat(8000) + '@', '+1 '.repeat(3000) + 'x', 'phone ' + '. '.repeat(4000)]) {
      const start = performance.now();
      redact(text);
      expect(performance.now() - start).toBeLessThan(200);
    }
  });
});

describe('redactStrings', () => {
  it('redacts every string in a value except at the paths it keeps, without changing the value given', () => {
    const activity = { id: 'a|0000001', text: 'call 555-123-4567', value: { id: 'jo@example.com', productId: '4111111111111111', note: ['jo@example.com'] }, count: 3 };
    const redacted = redactStrings(activity, (path) => path.length === 1 && path[0] === 'id');
    expect(redacted).toEqual({ id: 'a|0000001', text: 'call [phone]', value: { id: '[email]', productId: '[card]', note: ['[email]'] }, count: 3 });
    expect(activity.text).toBe('call 555-123-4567');
  });

  it('gives keep the whole path, array indices included', () => {
    const paths: unknown[] = [];
    redactStrings({ a: { b: ['x', { c: 'y' }] }, 'a.b': 'z' }, (path) => {
      paths.push(path);
      return false;
    });
    expect(paths).toEqual([['a', 'b', 0], ['a', 'b', 1, 'c'], ['a.b']]);
  });
});

describe('adversarial input', () => {
  const KB64 = 64 * 1024;
  /** `unit` repeated between `head` and `tail` to 64 KB, the largest body the server takes. */
  const fill = (unit: string, head = '', tail = '') => head + unit.repeat(Math.floor((KB64 - head.length - tail.length) / unit.length)) + tail;
  /** redact(text) and its milliseconds, stopped after 10 s: a catastrophic pattern would hold the test run for hours. */
  function timed(text: string): { out: string; ms: number } {
    const start = performance.now();
    const out = vm.runInNewContext('redact(text)', { redact, text }, { timeout: 10_000 }) as string;
    return { out, ms: performance.now() - start };
  }

  it.each([
    // The phone cue and its connectors: "no." read as "no." or as "no" and "." doubled the work per "no.".
    ['a phone cue, "no." after "no." and no number', fill('no.', 'my phone no.', ' 1')],
    ['a phone cue, connectors and no number', fill(' number no is on at = : # . -', 'phone', ' x')],
    ['a phone cue, spaces and no number', fill(' ', 'phone', 'x')],
    ['phone cues, each nearly a number', fill('phone no. (1 2 ')],
    ['a phone cue, "(" after "("', fill('(', 'call me on ', '1')],
    // Digit groups, the candidates for a card.
    ['digit groups with spaces', fill('1 ', '', '1x')],
    ['digit groups with dashes that end in a word', fill('1-', '', '1x')],
    ['digits together that end in a word', fill('1', '', 'x')],
    ['digit groups of four that are no card', fill('1234 ')],
    // International, North American and national numbers.
    ['"+" and groups', fill(' 1', '+1', 'x')],
    ['"+" and bracketed groups', fill(' (1) 1', '+1', '-x')],
    ['"+1." after "+1."', fill('+1.')],
    ['North American groups', fill('555 ', '', 'x')],
    ['bracketed area codes', fill('(555) ', '', 'x')],
    ['a trunk 0 and groups', fill(' 00', '0', 'x')],
    ['trunk 0s', fill('0 00 ')],
    // Emails: a local part with no domain, labels with no top-level domain.
    ['"a." with an "@" at the end', fill('a.', '', '@')],
    ['letters with an "@" at the end', fill('a', '', '@')],
    ['an "@" and labels that end in a digit', fill('a.', 'a@', '1')],
    ['"a@a." after "a@a."', fill('a@a.')],
    ['longest local parts and labels with no top-level domain', fill('a'.repeat(64) + '@' + ('b'.repeat(63) + '.').repeat(8) + '1 ')],
  ])('redacts 64 KB of %s in well under a second', (_name, text) => {
    expect(text.length).toBeGreaterThan(KB64 - 1000);
    expect(timed(text).ms).toBeLessThan(500);
  });

  it('redacts every card in 64 KB of card numbers, in one pass (it recursed once per card: a stack overflow, and quadratic)', () => {
    for (const card of ['4111 1111 1111 1111', '4111-1111-1111-1111', '4111111111111111', '3782 822463 10005']) {
      const text = fill(`${card} `);
      const { out, ms } = timed(text);
      expect(out).toBe(`${REDACTED.card} `.repeat(text.length / (card.length + 1)));
      expect(ms).toBeLessThan(500);
    }
    // Cards and quantities mixed in one run: each card found, the rest left.
    expect(redact('2 4111 1111 1111 1111 12 5555 5555 5555 4444 12 4111-1111-1111-1111 2')).toBe('2 [card] 12 [card] 12 [card] 2');
  });
});
