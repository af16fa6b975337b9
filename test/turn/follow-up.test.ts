import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_WITHIN_MS, readFollowUp, roundPriceAbove, roundPriceBelow, type LastRequest } from '../../turn/follow-up.js';
import { understand, type ShopVocabulary } from '../../nlu/index.js';
import { vocabularyType } from '../vocabulary-fixtures.js';

const vocabulary: ShopVocabulary = {
  categories: [
    { name: 'Jackets & Coats', terms: ['coat', 'jacket'] },
    { name: 'Running Shoes', terms: ['running shoe', 'trainer'] },
  ],
  types: [vocabularyType('rain jacket', 'Jackets & Coats', 'rain jackets', ['rain jacket']), vocabularyType('running shoe', 'Running Shoes', 'running shoes', ['running shoe'])],
  brands: ['Kestrel', 'Northpeak', 'Stride Lab'],
  attributes: [
    { kind: 'colour', name: 'colour', values: ['black', 'blue', 'navy', 'red', 'pink', 'slate blue'] },
    { kind: 'gender', name: 'gender', values: ["men's", "women's", 'unisex'] },
    { kind: 'size', name: 'sizes', values: ['S', 'M', 'L', 'XL', '8', '9', '10'] },
  ],
};

const NOW = 1_800_000_000_000;

function lastRequest(text: string, shownPrices = [64.99, 74.99, 99.99]): LastRequest {
  return { text, understanding: understand(text, vocabulary), shownPrices, shownIds: ['p1', 'p2', 'p3'], at: NOW - 60_000 };
}

const follow = (message: string, last: LastRequest) => readFollowUp(message, understand(message, vocabulary), last, vocabulary, NOW);

describe('a follow-up refines the last request', () => {
  const jackets = lastRequest('a red rain jacket under $100');

  it('"in blue" replaces the colour and keeps the kind and the price', () => {
    const refined = follow('in blue', jackets)!;
    expect(refined.understanding.filters.types).toEqual(['rain jacket']);
    expect(refined.understanding.filters.maxPrice).toBe(100);
    expect(refined.understanding.filters.attributes?.colour).toContain('blue');
    expect(refined.understanding.filters.attributes?.colour).not.toContain('red');
    // The words that asked for red are no longer what the request asks.
    expect(refined.applied).not.toContain('red');
    expect(refined.applied).toEqual(expect.arrayContaining(['blue', 'under 100']));
  });

  it('a price replaces the price band: "less than 50" after "under $100"', () => {
    const refined = follow('less than 50', jackets)!;
    expect(refined.understanding.filters.maxPrice).toBe(50);
    expect(refined.understanding.filters.attributes?.colour).toContain('red');
    expect(refined.applied).toContain('under 50');
    expect(refined.applied).not.toContain('under 100');
  });

  it('"not kestrel" adds a ruled-out brand; "from kestrel" afterwards wants it again', () => {
    const notKestrel = follow('not kestrel', jackets)!;
    expect(notKestrel.understanding.filters.excludedBrands).toEqual(['Kestrel']);
    expect(notKestrel.applied).toContain('not kestrel');
    const next: LastRequest = { ...jackets, understanding: notKestrel.understanding };
    const kestrel = follow('only from kestrel', next)!;
    expect(kestrel.understanding.filters.brands).toEqual(['Kestrel']);
    expect(kestrel.understanding.filters.excludedBrands).toBeUndefined();
  });

  it('a word ruled out and then asked for is no longer said to be ruled out: "not red", then "in red"', () => {
    const notRed = follow('not red', lastRequest('a rain jacket'))!;
    expect(notRed.applied).toContain('not red');
    const red = follow('in red', { ...jackets, understanding: notRed.understanding })!;
    expect(red.understanding.filters.attributes?.colour).toContain('red');
    expect(red.understanding.filters.excludedAttributes?.colour ?? []).not.toContain('red');
    expect(red.understanding.ruledOut ?? []).not.toContain('red');
    expect(red.applied).not.toContain('not red');
  });

  it('says as applied only what stands for a constraint: not "do you have" in "do you have it in blue?"', () => {
    const refined = follow('do you have it in blue?', jackets)!;
    expect(refined.understanding.filters.attributes?.colour).toContain('blue');
    expect(refined.applied.every((span) => !/do you have/.test(span))).toBe(true);
  });

  it('"what about men\'s?" and "in a medium" set the fit and the size, keeping the rest', () => {
    const mens = follow("what about men's?", jackets)!;
    expect(mens.understanding.filters.attributes?.gender).toContain("men's");
    expect(mens.understanding.filters.attributes?.colour).toContain('red');
    const medium = follow('in a medium', { ...jackets, understanding: mens.understanding })!;
    expect(medium.understanding.filters.attributes?.sizes).toEqual(['M']);
    expect(medium.understanding.filters.attributes?.gender).toContain("men's");
  });

  it('a shoe size said as shoppers say it ("in a 10", "do you have them in 9?") sets the size, said as applied', () => {
    const shoes = lastRequest('running shoes');
    for (const [text, size] of [['in a 10', '10'], ['do you have them in 9?', '9'], ['in 9', '9']] as const) {
      const refined = follow(text, shoes)!;
      expect(refined.understanding.filters.attributes?.sizes, text).toEqual([size]);
      expect(refined.applied.some((span) => span.includes(size)), text).toBe(true);
    }
  });

  it('"cheapest first" keeps every constraint and sorts', () => {
    const refined = follow('cheapest first', jackets)!;
    expect(refined.understanding.sort).toBe('price-asc');
    expect(refined.understanding.filters.maxPrice).toBe(100);
  });

  it('"cheaper" searches below the cheapest shown, at a round price; "something nicer" above the dearest', () => {
    const cheaper = follow('any cheaper?', jackets)!;
    expect(cheaper.understanding.filters.maxPrice).toBe(60);
    expect(cheaper.understanding.filters.minPrice).toBeUndefined();
    expect(cheaper.applied).toContain('under 60');
    const nicer = follow('something nicer', jackets)!;
    expect(nicer.understanding.filters.minPrice).toBe(100);
    expect(nicer.understanding.filters.maxPrice).toBeUndefined();
  });
});

describe('"show me more"', () => {
  const shoes = lastRequest('blue running shoes under 80');

  it.each(['show me more', 'any others?', 'what else have you got', 'more pls', 'next page'])('"%s" asks for more of the same request, unchanged', (message) => {
    const more = follow(message, shoes)!;
    expect(more.more).toBe(true);
    expect(more.understanding).toEqual(shoes.understanding);
    expect(more.applied).toEqual(expect.arrayContaining(['blue', 'under 80']));
  });

  it.each(['more like the second one', 'show me more jackets', 'any other colours?'])('not "%s", which asks for something else', (message) => {
    expect(follow(message, shoes)?.more).toBeFalsy();
  });
});

describe('what is not a follow-up', () => {
  const shoes = lastRequest('running shoes under 80');

  it.each([
    ['a new kind', 'what about rain jackets?'],
    ['a new category', 'any coats in blue'],
    ['a question of its own around a constraint', 'how much is shipping under $50'],
    ['a present', 'a gift for my dad under 30'],
    ['no constraint at all', 'hmm ok'],
    ['a question about what was shown', 'why is the blue one cheaper?'],
    ['a question about a product', 'is it for men'],
    ['a question about a colour shown', 'is the red one any good?'],
  ])('%s: "%s"', (_what, message) => {
    expect(follow(message, shoes)).toBeUndefined();
  });

  it('anything, once the last request is more than 30 minutes old', () => {
    const stale = { ...shoes, at: NOW - FOLLOW_UP_WITHIN_MS - 1 };
    expect(follow('in blue', stale)).toBeUndefined();
    expect(follow('in blue', shoes)).toBeDefined();
  });

  it('anything, when there is no last request', () => {
    expect(readFollowUp('in blue', understand('in blue', vocabulary), undefined, vocabulary, NOW)).toBeUndefined();
  });
});

describe('round prices for "cheaper" and "nicer"', () => {
  it.each([
    [64.99, 60],
    [39.99, 35],
    [60, 55],
    [154.99, 150],
    [4.99, 4.98],
    // At a step's edge the step below it counts: $95-$99.99 is cheaper than $100.
    [100, 95],
    [500, 490],
  ])('below %s: %s', (price, expected) => expect(roundPriceBelow(price)).toBe(expected));

  it.each([
    [99.99, 100],
    [154.99, 160],
    [65, 70],
    [509.99, 550],
  ])('above %s: %s', (price, expected) => expect(roundPriceAbove(price)).toBe(expected));
});
