import { describe, expect, it } from 'vitest';
import { SpellingCorrector } from '../../nlu/text/spelling.js';
import { madeUpShopWords } from '../../scripts/bench/spelling.js';

/** A small outdoor-and-home shop: product types, brands, categories, colours, materials. */
const phrases = [
  // Product types
  'sleeping bag', 'sleeping pad', 'tent', 'camping tent', 'backpack', 'duffel bag', 'yoga mat', 'kettlebell',
  'dumbbell', 'headphones', 'earbuds', 'kettle', 'hoodie', 'jacket', 'rain jacket', 'down jacket', 'fleece',
  'beanie', 'gloves', 'hiking boots', 'inflatable boats', 'trail running shoes', 'water bottle', 'camping stove',
  'frying pan', 'saucepan', 't-shirt', 'socks', 'sunglasses', 'umbrella', 'kite', 'board game', 'gift card',
  "chef's knife", 'knit', 'jump rope', 'jumper',
  // Brands
  'Kestrel', 'Northpeak', 'Harbor & Pine', 'Alpenglow', 'Trailwise', 'Lumen & Co',
  // Categories
  'Outdoor', 'Kitchen', 'Fitness', 'Audio', 'Clothing', 'Kids', 'Toys & Games',
  // Colours and materials
  'black', 'navy', 'olive', 'burgundy', 'charcoal', 'cream', 'turquoise',
  'merino wool', 'cotton', 'down', 'leather', 'stainless steel', 'bamboo', 'waterproof', 'noise cancelling', 'wireless',
];

const speller = new SpellingCorrector(phrases, { knownWords: ['Kettler', 'ripstop'] });

type Row = [query: string, text: string, corrections: [from: string, to: string, sure: boolean][]];

const rows: Row[] = [
  // A letter left out is the likeliest slip ("knif": knife over knit), and the apostrophe shoppers drop still makes a phrase.
  ['chefs knif', 'chefs knife', [['knif', 'knife', false]]],
  ['merino jumpr', 'merino jumper', [['jumpr', 'jumper', false]]],
  // Misspellings of shop words, corrected silently.
  ['sleping bag for a festival', 'sleeping bag for a festival', [['sleping', 'sleeping', true]]],
  ['slepping bag', 'sleeping bag', [['slepping', 'sleeping', true]]],
  ['sleepin bag', 'sleeping bag', [['sleepin', 'sleeping', true]]],
  ['noise cancelling headphoens', 'noise cancelling headphones', [['headphoens', 'headphones', true]]],
  ['heaphones', 'headphones', [['heaphones', 'headphones', true]]],
  ['kettel', 'kettle', [['kettel', 'kettle', true]]],
  ['kettels', 'kettles', [['kettels', 'kettles', true]]],
  ['hoddie', 'hoodie', [['hoddie', 'hoodie', true]]],
  ['jakcet', 'jacket', [['jakcet', 'jacket', true]]],
  ['jaket', 'jacket', [['jaket', 'jacket', true]]],
  ['hikking boots', 'hiking boots', [['hikking', 'hiking', true]]],
  ['backpak', 'backpack', [['backpak', 'backpack', true]]],
  ['dumbell', 'dumbbell', [['dumbell', 'dumbbell', true]]],
  ['sunglases', 'sunglasses', [['sunglases', 'sunglasses', true]]],
  ['umbrellla', 'umbrella', [['umbrellla', 'umbrella', true]]],
  ['sauceapn', 'saucepan', [['sauceapn', 'saucepan', true]]],
  ['glvoes', 'gloves', [['glvoes', 'gloves', true]]],
  ['beenie', 'beanie', [['beenie', 'beanie', true]]],
  ['earbds', 'earbuds', [['earbds', 'earbuds', true]]],
  ['kitchn', 'kitchen', [['kitchn', 'kitchen', true]]],
  ['fittness', 'fitness', [['fittness', 'fitness', true]]],
  ['burgandy', 'burgundy', [['burgandy', 'burgundy', true]]],
  ['turqoise', 'turquoise', [['turqoise', 'turquoise', true]]],
  ['charcol', 'charcoal', [['charcol', 'charcoal', true]]],
  ['merino wooll', 'merino wool', [['wooll', 'wool', true]]],
  ['stainles steel', 'stainless steel', [['stainles', 'stainless', true]]],
  ['waterprof', 'waterproof', [['waterprof', 'waterproof', true]]],
  // Brands.
  ['Kestral shoes', 'kestrel shoes', [['kestral', 'kestrel', true]]],
  ['northpeek tent', 'northpeak tent', [['northpeek', 'northpeak', true]]],
  ['Alpenglo', 'alpenglow', [['alpenglo', 'alpenglow', true]]],
  ['trailwize', 'trailwise', [['trailwize', 'trailwise', true]]],
  ['Harbr & Pine', 'harbor & pine', [['harbr', 'harbor', true]]],
  // Short or ambiguous: corrected, but the shopper is asked — unless the phrase settles it.
  ['tnet', 'tent', [['tnet', 'tent', false]]],
  ['camping tnet', 'camping tent', [['tnet', 'tent', true]]],
  ['bosts', 'boats', [['bosts', 'boats', false]]],
  ['hiking bosts', 'hiking boots', [['bosts', 'boots', true]]],
  // Real-word slips that make a shop phrase: corrected, never silently.
  ['yoga matt', 'yoga mat', [['matt', 'mat', false]]],
  ['duffle bag', 'duffel bag', [['duffle', 'duffel', false]]],
  // Joined and split words.
  ['sleepingbag', 'sleeping bag', [['sleepingbag', 'sleeping bag', true]]],
  ['sleepingbags', 'sleeping bags', [['sleepingbags', 'sleeping bags', true]]],
  ['sleepingbga', 'sleeping bag', [['sleepingbga', 'sleeping bag', true]]],
  ['yogamat', 'yoga mat', [['yogamat', 'yoga mat', true]]],
  ['duffelbag', 'duffel bag', [['duffelbag', 'duffel bag', true]]],
  ['head phones', 'headphones', [['head phones', 'headphones', true]]],
  ['kettle bell', 'kettlebell', [['kettle bell', 'kettlebell', true]]],
  ['kettle bells', 'kettlebells', [['kettle bells', 'kettlebells', true]]],
  ['back pack', 'backpack', [['back pack', 'backpack', true]]],
  ['dumb bell', 'dumbbell', [['dumb bell', 'dumbbell', true]]],
  // Real English words and shop words stay as typed.
  ['busy', 'busy', []],
  ['something for a rainy day', 'something for a rainy day', []],
  ['a gift for my kids', 'a gift for my kids', []],
  ['cheap flat kite', 'cheap flat kite', []],
  ['mat', 'mat', []],
  ['frying pan', 'frying pan', []],
  ['matt black', 'matt black', []],
  ['yoga mats', 'yoga mats', []],
  ['rainy jacket', 'rainy jacket', []],
  ['grey colour jumper', 'grey colour jumper', []],
  ['wellies', 'wellies', []],
  ['sleeping bag', 'sleeping bag', []],
  ['rain jacket', 'rain jacket', []],
  ['kettlebell', 'kettlebell', []],
  ['Harbor & Pine merino wool', 'harbor & pine merino wool', []],
  ['Northpeak kettlebells', 'northpeak kettlebells', []],
  // Catalog words passed as knownWords stay, though "kettler" is one edit from "kettle".
  ['Kettler kettlebell', 'kettler kettlebell', []],
  // Numbers, prices, sizes, codes.
  ['$50', '$50', []],
  ['20quid', '20quid', []],
  ['size XL', 'size xl', []],
  ['9.5', '9.5', []],
  ['XXXL hoodie', 'xxxl hoodie', []],
  ['under £30', 'under £30', []],
  ['2-person tent', '2-person tent', []],
  ['HDMI', 'hdmi', []],
  // Punctuation around a corrected word survives.
  ['Kestral shoes, size 9.5!', 'kestrel shoes, size 9.5!', [['kestral', 'kestrel', true]]],
  ['(kettel) under $40?', '(kettle) under $40?', [['kettel', 'kettle', true]]],
];

describe('SpellingCorrector', () => {
  it('has a table of at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows)('%s -> %s', (query, text, corrections) => {
    const result = speller.correct(query);
    expect(result.text).toBe(text);
    expect(result.corrections).toEqual(corrections.map(([from, to, sure]) => ({ from, to, sure })));
  });

  it('corrects a word close to a catalog word when that word is not passed as known', () => {
    const plain = new SpellingCorrector(phrases);
    expect(plain.correct('Kettler kettlebell').corrections).toEqual([{ from: 'kettler', to: 'kettle', sure: true }]);
  });

  it('leaves chat shorthand alone: "bday" is no misspelt "bay"', () => {
    const withBay = new SpellingCorrector(['Mineral Bay', 'sleeping bag']);
    expect(withBay.correct('bday gift for my nephew').corrections).toEqual([]);
  });

  it('leaves units as chat writes them alone: "20 mins" is no "men\'s"', () => {
    const withMens = new SpellingCorrector(["Men's Rain Jacket", 'laptop backpack']);
    expect(withMens.correct('need a laptop bag, i walk 20 mins to work').corrections).toEqual([]);
  });

  it('leaves everything alone with an empty vocabulary', () => {
    expect(new SpellingCorrector([]).correct('sleping bga, kettel')).toEqual({ text: 'sleping bga, kettel', corrections: [] });
  });

  // What it costs at this size is a benchmark's to say (npm run bench -- --only spelling), not a test's.
  it('corrects towards the shop\'s own words on a ~3,000-word vocabulary, made-up words too', () => {
    const corrector = new SpellingCorrector([...madeUpShopWords(3000), ...phrases]);
    expect(corrector.correct('sleping bag').text).toBe('sleeping bag');
    expect(corrector.correct('noise cancelling headphoens').text).toBe('noise cancelling headphones');
    const [made] = madeUpShopWords(1);
    // One letter dropped from a made-up word of the vocabulary is put back.
    const typo = made!.slice(0, 2) + made!.slice(3);
    expect(corrector.correct(typo).corrections.map((c) => c.to)).toEqual([made]);
  });
});
