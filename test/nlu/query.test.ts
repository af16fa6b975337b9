import { describe, expect, it } from 'vitest';
import { singularize, understand, unreadWords, type ShopVocabulary } from '../../nlu/index.js';

const vocabulary: ShopVocabulary = {
  categories: [
    { name: 'Jackets & Coats', terms: ['coat', 'down jacket', 'jacket', 'parka'] },
    { name: 'Running Shoes', terms: ['running shoe', 'shoe', 'trail running shoe'] },
    { name: 'Toys & Games', terms: ['board game', 'game', 'toy'] },
  ],
};

describe('price bounds', () => {
  const cases: [string, { minPrice?: number; maxPrice?: number }][] = [
    ['a warm jacket under $100', { maxPrice: 100 }],
    ['running shoes under 80 dollars', { maxPrice: 80 }],
    ['something below $25.50', { maxPrice: 25.5 }],
    ['less than 30 bucks', { maxPrice: 30 }],
    ['cheaper than $30', { maxPrice: 30 }],
    ['up to 60 usd', { maxPrice: 60 }],
    ['over $200', { minPrice: 200 }],
    ['at least 50 dollars', { minPrice: 50 }],
    ['between 20 and 40 dollars', { minPrice: 20, maxPrice: 40 }],
    ['between $40 and $20', { minPrice: 20, maxPrice: 40 }],
    ['$20-$40 headphones', { minPrice: 20, maxPrice: 40 }],
    ['around $100', { minPrice: 80, maxPrice: 120 }],
    ['about 50 euros', { minPrice: 40, maxPrice: 60 }],
    ['$45 or less', { maxPrice: 45 }],
  ];
  it.each(cases)('%s', (text, expected) => {
    const { filters } = understand(text, vocabulary);
    expect({ minPrice: filters.minPrice, maxPrice: filters.maxPrice }).toEqual({ minPrice: undefined, maxPrice: undefined, ...expected });
  });

  it.each(['order 12345 has not arrived', 'I was charged twice', 'size 10 shoes', 'do you ship in 2 days'])('finds no price in "%s"', (text) => {
    const { filters } = understand(text, vocabulary);
    expect(filters.minPrice).toBeUndefined();
    expect(filters.maxPrice).toBeUndefined();
  });
});

describe('category from the shop vocabulary', () => {
  const cases: [string, string | undefined][] = [
    ['a warm jacket under $100', 'Jackets & Coats'],
    ['do you have parkas', 'Jackets & Coats'],
    ['Trail running shoes for mud', 'Running Shoes'],
    ['a board game for kids', 'Toys & Games'],
    ['how do I return something?', undefined],
    ['shipping to canada', undefined],
  ];
  it.each(cases)('%s -> %s', (text, category) => {
    expect(understand(text, vocabulary).filters.category).toBe(category);
  });

  it('marks shopping requests and not help questions', () => {
    expect(understand('I am looking for a gift for my dad', vocabulary).shoppingCue).toBe(true);
    expect(understand('show me something nice', vocabulary).shoppingCue).toBe(true);
    expect(understand('how long does delivery take', vocabulary).shoppingCue).toBe(false);
    expect(understand('a warm jacket under $100', vocabulary).matched).toEqual(['under $100', 'jacket']);
  });
});

describe('singularize', () => {
  it.each([
    ['jackets', 'jacket'], ['dresses', 'dress'], ['knives', 'knife'], ['accessories', 'accessory'], ['shoes', 'shoe'], ['glass', 'glass'], ['boots', 'boot'],
    // Only the few nouns that lose an f: "camping stoves" were once "stofes", and the shop said it sold none.
    ['stoves', 'stove'], ['gloves', 'glove'], ['sleeves', 'sleeve'], ['olives', 'olive'], ['scarves', 'scarf'], ['shelves', 'shelf'], ['penknives', 'penknife'],
  ])('%s -> %s', (plural, singular) => {
    expect(singularize(plural)).toBe(singular);
  });
});

describe('unreadWords', () => {
  const vocabulary: ShopVocabulary = { categories: [{ name: 'Camping', terms: ['tent'] }], attributes: [{ kind: 'colour', name: 'colour', values: ['green'] }] };
  it('leaves the words of the request that no filter read, not the ones that ask', () => {
    expect(unreadWords('do you have any green tents please', understand('do you have any green tents please', vocabulary))).toEqual([]);
    expect(unreadWords('a 2 person tent', understand('a 2 person tent', vocabulary))).toEqual(['2', 'person']);
    // The words of a type read through a synonym count as read.
    const knits: ShopVocabulary = { categories: [{ name: 'Knitwear', terms: ['sweater'] }], types: [{ name: 'cable-knit sweater', category: 'Knitwear', plural: 'cable-knit sweaters', terms: ['cable-knit sweater'] }, { name: 'crewneck sweater', category: 'Knitwear', plural: 'crewneck sweaters', terms: ['crewneck sweater'] }] };
    expect(unreadWords('cable knit jumper', understand('cable knit jumper', knits))).toEqual([]);
    // A possessive's "s" is no word of its own: "women's tents" is read whole.
    const fits: ShopVocabulary = { ...vocabulary, attributes: [{ kind: 'gender', name: 'gender', values: ["women's", "men's"] }] };
    expect(unreadWords("women's tents", understand("women's tents", fits))).toEqual([]);
  });

  it('reads the word that ruled out a colour with it, and leaves a ruled-out feature the kind is named for', () => {
    expect(unreadWords('tents not green', understand('tents not green', vocabulary))).toEqual([]);
    const hoodies: ShopVocabulary = { categories: [{ name: 'Knitwear & Hoodies', terms: ['hoodie'] }], types: [{ name: 'zip hoodie', category: 'Knitwear & Hoodies', plural: 'zip hoodies', terms: ['zip hoodie'] }] };
    expect(unreadWords('hoodie without a hood', understand('hoodie without a hood', hoodies))).toContain('hood');
  });
});
