/**
 * Shoppers' words met in the ninth round of blind probes: how many a tent sleeps and a bag holds,
 * things someone has already, a list of brands ruled out, a model's number inside a name, and
 * spelling said back as English spells it.
 */
import { describe, expect, it } from 'vitest';
import { englishSpelling, requestedThing, smallTalk, SpellingCorrector, understand, type ShopVocabulary } from '../../nlu/index.js';
import { giftTask } from '../../nlu/query/gift.js';
import { priceTask } from '../../nlu/query/price.js';
import { vocabularyType as type } from '../vocabulary-fixtures.js';
import { buildVocabulary } from '../../catalog/index.js';
import { demoProducts } from '../helpers.js';

const vocabulary: ShopVocabulary = {
  categories: [
    { name: 'Outdoor & Camping', terms: ['tent', 'camping', 'outdoor'] },
    { name: 'Bags & Backpacks', terms: ['bag', 'backpack', 'daypack'] },
    { name: 'Running Shoes', terms: ['running shoe', 'shoe', 'racing flat'] },
    { name: 'Jackets & Coats', terms: ['jacket', 'coat'] },
  ],
  types: [
    type('tent', 'Outdoor & Camping', 'tents', ['tent']),
    type('daypack', 'Bags & Backpacks', 'daypacks', ['daypack']),
    type('hiking backpack', 'Bags & Backpacks', 'hiking backpacks', ['hiking backpack']),
    type('trail running shoe', 'Running Shoes', 'trail running shoes', ['trail running shoe']),
    type('racing flat', 'Running Shoes', 'racing flats', ['racing flat']),
    type('rain jacket', 'Jackets & Coats', 'rain jackets', ['rain jacket']),
    type('wool coat', 'Jackets & Coats', 'wool coats', ['wool coat']),
  ],
  brands: ['Kestrel', 'Northpeak', 'Fjellby'],
  attributes: [{ kind: 'capacity', name: 'capacity', values: ['1-person', '2-person', '3-person', '20 L', '30 L', '40 L'] }],
};

describe('capacity: how many it sleeps, how much it holds', () => {
  it.each([
    ['tent for 2 people', ['2-person']],
    ['two man tent', ['2-person']],
    ['a tent that sleeps 3', ['3-person']],
    ['30 litre daypack', ['30 L']],
    ['hiking backpack 40l', ['40 L']],
    // The one owned says nothing of the one wanted; the next one said does.
    ['my 2 man tent is too small, need a 3 person', ['3-person']],
    // That much or more, or less.
    ["backpack that isn't grey or black, 30L or bigger", ['30 L', '40 L']],
    ['at least 30 litres', ['30 L', '40 L']],
    ['daypack up to 20l', ['20 L']],
  ])('"%s" asks for %j', (text, values) => {
    expect(understand(text, vocabulary).filters.attributes?.capacity).toEqual(values);
  });

  it.each(['my old 20 litre bag won\'t fit a tent', 'a tent for our trip', '2 tents'])('"%s" asks for no capacity', (text) => {
    expect(understand(text, vocabulary).filters.attributes?.capacity).toBeUndefined();
  });
});

describe('how heavy, and how cold it keeps you warm to', () => {
  const kit: ShopVocabulary = {
    categories: [{ name: 'Fitness', terms: ['kettlebell', 'dumbbell'] }],
    attributes: [
      { kind: 'weight', name: 'weight', values: ['8 kg', '16 kg', '2 x 5 kg'] },
      { kind: 'temperature', name: 'temperature', values: ['4 °C', '-2 °C'] },
    ],
  };
  it.each([
    ['kettlebell 16kg', { weight: ['16 kg'] }],
    // A pair of 5 kg dumbbells weighs 5 kg each.
    ['dumbbells 5 kg', { weight: ['2 x 5 kg'] }],
    ['sleeping bag warm enough for -2', { temperature: ['-2 °C'] }],
    ['sleeping bag rated to 4 degrees', { temperature: ['4 °C', '-2 °C'] }],
    // The temperature said with its sign, not the first "for" number.
    ['winter sleeping bag for 2 people rated to -2', { temperature: ['-2 °C'] }],
  ])('"%s" asks for %j', (text, attributes) => {
    expect(understand(text, kit).filters.attributes).toEqual(attributes);
  });
  it.each(['a 2 kg bag of coffee', 'tent for 4', 'back by 4', 'sleeping bag rated 3 stars or more', 'winter coat for a 10 year old'])('"%s" asks for no weight or temperature the catalog has', (text) => {
    expect(understand(text, kit).filters.attributes).toBeUndefined();
  });
});

describe('things someone has already are no things to buy them', () => {
  it('"she has a tent already" rules tents out instead of asking for them', () => {
    const filters = understand('present for my sister, she has a tent already, no more than 30', vocabulary).filters;
    expect(filters.types).toBeUndefined();
    expect(filters.excludedTypes).toEqual(['tent']);
  });

  it('reaches back along a list: "he already owns good boots and a backpack"', () => {
    expect(understand('gift for a hiker, he already owns good boots and a backpack', vocabulary).filters.category).toBeUndefined();
  });

  it('rules out every kind the thing owned names: "owns a backpack" rules out hiking backpacks, not daypacks', () => {
    const filters = understand('gift for a hiker, he already owns good boots and a backpack', vocabulary).filters;
    expect(filters.excludedTypes).toEqual(['hiking backpack']);
    expect(understand('do you have a backpack', vocabulary).filters.excludedTypes).toBeUndefined();
  });

  it.each(['do you have a tent', 'you got tents?', 'have you got any tents', 'can i have a tent for 2 people', 'do they have a tent'])('"%s" asks, and asks for tents', (text) => {
    expect(understand(text, vocabulary).filters.types).toEqual(['tent']);
  });
});

describe('two kinds listed', () => {
  const kitchen: ShopVocabulary = {
    categories: [{ name: 'Kitchen', terms: ['kitchen'] }],
    types: [type('electric kettle', 'Kitchen', 'electric kettles', ['electric kettle', 'kettle']), type('coffee grinder', 'Kitchen', 'coffee grinders', ['coffee grinder', 'grinder'])],
  };
  it('"electric kettle and a coffee grinder please" asks for both', () => {
    expect(understand('electric kettle and a coffee grinder please', kitchen).filters.types?.sort()).toEqual(['coffee grinder', 'electric kettle']);
  });
  it('"a kettle, not a grinder" asks for one', () => {
    expect(understand('a kettle, not a grinder', kitchen).filters.types).toEqual(['electric kettle']);
  });
});

describe('ruling out', () => {
  it('"not northpeak or fjellby" rules out both brands; "kestrel or fjellby" asks for both', () => {
    expect(understand('mens coat, not northpeak or fjellby', vocabulary).filters.excludedBrands?.sort()).toEqual(['Fjellby', 'Northpeak']);
    expect(understand('mens coat, not northpeak or fjellby', vocabulary).filters.brands).toBeUndefined();
    expect(understand('kestrel or fjellby tents', vocabulary).filters.brands?.sort()).toEqual(['Fjellby', 'Kestrel']);
  });

  it('"apart from shoes" rules out every kind of the Running Shoes category, racing flats too, and names no category', () => {
    const filters = understand('anything from kestrel apart from shoes', vocabulary).filters;
    expect(filters.excludedTypes?.sort()).toEqual(['racing flat', 'trail running shoe']);
    expect(filters.category).toBeUndefined();
    expect(filters.brands).toEqual(['Kestrel']);
  });

  it('"a jacket, not a coat" rules out coats only: a category of several kinds goes by none of them alone', () => {
    expect(understand('a jacket, not a coat', vocabulary).filters.excludedTypes).toEqual(['wool coat']);
  });
});

describe('requestedThing: models, adjectives and services', () => {
  it.each([
    ['any iphone 15 cases?', 'iphone 15 cases'],
    ['iphone 15 case', 'iphone 15 case'],
    ['ps5 controller', 'ps5 controller'],
    ['is there a pram i could get for my newborn?', 'pram'],
    ['got a decent umbrella? always forgetting mine lol', 'umbrella'],
    // A short search may list two things, and a model typed after the name says which one.
    ['fishing rod and reel combo', 'fishing rod'],
    ['phone case iphone 15 pro', 'phone case'],
    // A name is a thing as English spells it; a make and a model English knows neither of, asked with a size, is one too.
    ['double matress, firm one', 'double matress'],
    ['adidas ultraboost in a size 10', 'adidas ultraboost'],
    ['ps5 controller white', 'ps5 controller'],
    // Alone in its clause, what it must be in the next; what comes in a bottle or box.
    ['toaster, 4 slice, cream to match my kettle', 'toaster'],
    ['a bottle of prosecco and some nice chocolates for a hamper', 'prosecco'],
    ['looking for a bottle of prosecco', 'prosecco'],
    // An -ised word before the name says how it is made, not what the shopper did.
    ['polarised sunglasses for fishing', 'polarised sunglasses'],
  ])('"%s" asks for %s', (text, phrase) => {
    expect(requestedThing(text)?.phrase).toBe(phrase);
  });

  it.each([
    // An adjective or a participle alone names no thing.
    'do you sell refurbished or second hand gear',
    // Looking for, with no article, a noun in its first sense: work is an activity.
    'r u guys hiring? looking for weekend work at one of ur stores',
    // Slang for what the shop sells, not a make.
    'trackie bottoms for lounging about',
    // A word English knows is no slip for another: "santa" is not a "manta".
    'secret santa for a colleague i barely know, 20 quid max',
    'got a question about my order',
    'lips and hands get so dry in winter',
    // Words one could not say, or two unknown words with nothing they must be, name no make.
    'qwpeoriu zxmcnvb lkjh',
    'blorp flimbo',
  ])('"%s" asks for no thing', (text) => {
    expect(requestedThing(text)).toBeUndefined();
  });

  it('"do you do personal styling appointments" asks for a service: appointments are meetings before they are fittings', () => {
    expect(requestedThing('do you do personal styling appointments in store')).toMatchObject({ phrase: 'personal styling appointments', service: true });
  });
});

describe('spelling said back as English spells it', () => {
  it.each([
    ['controler', 'controller'],
    ['laptopp', 'laptop'],
    ['mattres', 'mattress'],
    // A word the list has stays; a doubled letter is the likeliest slip.
    ['tent', 'tent'],
    ['bosts', 'boosts'],
  ])('%s -> %s', (typed, spelt) => {
    expect(englishSpelling(typed)).toBe(spelt);
  });

  const speller = new SpellingCorrector(['tent', 'matte', 'boats', 'boots', 'Atelier Nine', 'cheapest'], { names: ['Atelier Nine'] });

  it('a short word becomes a word of a brand only beside the brand\'s other words', () => {
    expect(speller.correct('nike trainers').text).toBe('nike trainers');
    expect(speller.correct('atelier nime dress').text).toBe('atelier nine dress');
  });

  it('an English noun a likelier slip away wins over a shop word met only as a plural', () => {
    expect(speller.correct('looking for a mattres').text).toBe('looking for a mattress');
  });

  it('with no shop word near, a word stays as typed', () => {
    expect(speller.correct('chanel perfume').text).toBe('chanel perfume');
  });

  it('the words orders are asked with are corrected to: "cheapist tent"', () => {
    expect(speller.correct('cheapist tent u got').text).toBe('cheapest tent u got');
  });
});

describe('a present by another name', () => {
  it.each([
    ['my niece is turning 14 and im clueless. she likes music and hates anything pink lol. max 60', true],
    ['teenage son 16 into gaming and football, budget 80', true],
    ['my nephew turns 5 next week, hes obsessed with building stuff', false],
    ["my sister's off to work a ski season in the alps, want to get her something under 100", true],
    ["dad's retiring and reckons he's going to walk every national trail lol. something to help him", true],
  ])('"%s" asks for a present (for a grown-up or teenager: %s)', (text, grownUp) => {
    const read = giftTask.run(text, vocabulary);
    expect(read.gift).toBe(true);
    expect(Boolean(read.forGrownUp)).toBe(grownUp);
  });

  it.each(['my son is into running, need shoes for him', 'my daughter loves her new trainers', 'my son turned the heating up', 'i am retiring and need walking boots'])('"%s" asks for none', (text) => {
    expect(giftTask.run(text, vocabulary).gift).toBeUndefined();
  });
});

describe('not spending more', () => {
  it.each([
    ["Don't want to spend more than sixty", 60],
    ['i dont wanna spend over 40', 40],
    ["can't pay more than £30", 30],
    ['wouldnt go above fifty for a present', 50],
  ])('"%s" is a ceiling of %d', (text, max) => {
    expect(priceTask.run(text, vocabulary).filters).toEqual({ maxPrice: max });
  });

  it('an amount of anything else is no price: "don\'t want to spend more than twenty minutes", "around 2-4 players", "about 30 litres"', () => {
    for (const text of ["don't want to spend more than twenty minutes in the shop", 'board game for around 2-4 players', 'daypack about 30 litres', 'present for a kid about 6-8', "gift for my mum, she's about 70", 'he is around 40 and into hiking', 'presents for about 10 colleagues', 'secret santa for about 20 of us', 'gift ideas for about 10 of my colleagues']) expect(priceTask.run(text, vocabulary).filters, text).toBeUndefined();
    expect(priceTask.run('end of year teacher gift, want something small, like 15-25', vocabulary).filters).toEqual({ minPrice: 15, maxPrice: 25 });
    expect(priceTask.run("don't want to spend more than twenty five", vocabulary).filters).toEqual({ maxPrice: 25 });
    // A count passed over, the price after it is read.
    expect(priceTask.run('presents for about 10 colleagues, around 15 each', vocabulary).filters).toEqual({ minPrice: 12, maxPrice: 18 });
    // With a currency it is a price, whatever follows: "around 50 dollar tents".
    expect(priceTask.run('looking for around 50 dollar tents', vocabulary).filters).toEqual({ minPrice: 40, maxPrice: 60 });
    expect(priceTask.run('we need around 50 tents for the festival', vocabulary).filters).toBeUndefined();
  });

  it('a length of time or a difference in price is no price: "about 3 weeks back", "now $20 cheaper"', () => {
    for (const text of ['bought a sleeping bag about 3 weeks back', 'it arrived around 2 days late', 'grabbed it a while ago and its now $20 cheaper on your site', 'its now $19.99 cheaper on your site', 'the jacket is £15 more than online', 'only 10 quid off', 'saw it about $20 cheaper on amazon, do you price match?']) expect(priceTask.run(text, vocabulary).filters, text).toBeUndefined();
    // The amount after them is still read, and so are plain amounts.
    expect(priceTask.run('bought a tent about 3 weeks ago for around 200', vocabulary).filters).toEqual({ minPrice: 160, maxPrice: 240 });
    expect(priceTask.run('rain jacket 50 quid', vocabulary).filters).toEqual({ maxPrice: 50 });
    expect(priceTask.run('a tent, $20 cheaper than the one i saw would be nice, ideally $100', vocabulary).filters).toEqual({ maxPrice: 100 });
    // "More or less" is about that much; "back" and "extra" name things.
    for (const [text, max] of [['a tent, $50 more or less', 50], ['a £25 back massager for my dad', 25], ['any $25 extra large tees?', 25], ['a $19.99 tee', 19.99]] as const) expect(priceTask.run(text, vocabulary).filters, text).toEqual({ maxPrice: max });
  });
});

describe('small talk', () => {
  it('"am i talking to a bot or a real person rn" asks who Aisle is, not for a person', () => {
    expect(smallTalk('am i talking to a bot or a real person rn')).toBe('identity');
  });
});

describe('ruled out however it is said', () => {
  const demoVocabulary = buildVocabulary(demoProducts);
  it.each([
    ['need something warm but not a massive bulky parka', ['parka']],
    ['want to track my sleep and steps but hate big clunky smartwatches', ['smartwatch']],
  ])('"%s" rules out %j, over the words saying how it is', (text, excluded) => {
    const filters = understand(text, demoVocabulary).filters;
    expect(filters.excludedTypes).toEqual(excluded);
    expect(filters.types).toBeUndefined();
  });

  it('"NOT more running shoes please" rules out every running shoe, the negation before the whole name', () => {
    const filters = understand('my wife runs marathons, anniversary coming up. NOT more running shoes please, she has about 12 pairs', demoVocabulary).filters;
    expect(filters.excludedTypes).toEqual(expect.arrayContaining(['racing flat', 'trail running shoe', 'road running shoe']));
    expect(filters.category).toBeUndefined();
    // "about 12 pairs" counts shoes, not dollars.
    expect(filters.maxPrice).toBeUndefined();
  });

  it('"nothing smart to wear" tells what the shopper lacks and rules nothing out', () => {
    const read = understand('got a job interview next week and nothing smart to wear', demoVocabulary);
    expect(read.filters.excludedTypes).toBeUndefined();
    expect(read.ruledOut).toBeUndefined();
  });

  it('"nothing perfumed" asks for unscented products', () => {
    expect(understand('mum has really sensitive skin so nothing perfumed', demoVocabulary).filters.attributes?.scent).toEqual(['unscented']);
  });

  it("\"a thank you for my kid's teacher\" asks for a present", () => {
    expect(giftTask.run("end of term thank you for my kid's teacher, nothing over $25", demoVocabulary).gift).toBe(true);
  });
});
