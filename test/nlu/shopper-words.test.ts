import { describe, expect, it } from 'vitest';
import { typeKey } from '../../catalog/index.js';
import { englishLexicon, giftInterests, isQuestion, kindName, nameTypedAlone, questionParts, requestedThing, understand, type ShopVocabulary } from '../../nlu/index.js';
import { giftTask } from '../../nlu/query/gift.js';
import { priceTask } from '../../nlu/query/price.js';
import { vocabularyType as type } from '../vocabulary-fixtures.js';

const noVocabulary: ShopVocabulary = { categories: [] };

describe('requestedThing after what it must be', () => {
  it.each([
    ['55 inch tv', 'tv'],
    ['40l rucksack', 'rucksack'],
    ['30 inch waist chinos for men', 'chinos'],
    ['flip flops for holiday', 'flip flops'],
  ])('"%s" names %s', (text, phrase) => {
    expect(requestedThing(text)?.phrase).toBe(phrase);
  });
});

describe('nameTypedAlone', () => {
  it.each([
    ['calpol', 'calpol'],
    ['flip flops', 'flip flops'],
    ['babygrow 0-3 months', 'babygrow'],
    ['garmin forerunner 265', 'garmin forerunner'],
    ['airpods pro 2', 'airpods'],
  ])('"%s" is a name typed alone: "%s"', (text, phrase) => {
    expect(nameTypedAlone(text)?.phrase).toBe(phrase);
  });
  it('says a make alone as typed, never counted', () => {
    expect(nameTypedAlone('calpol')?.asTyped).toBe(true);
    expect(nameTypedAlone('flip flops')?.asTyped).toBeUndefined();
  });
  it.each(['something warm', 'rain', 'refund??', 'order status', 'lost parcel', 'hello', 'thanks', 'nike air max 90 size 10', 'calpol, and do you deliver'])('"%s" is not', (text) => {
    expect(nameTypedAlone(text)).toBeUndefined();
  });
});

describe('requestedThing', () => {
  it.each([
    ['do you sell laptops?', 'laptops', 'laptop'],
    ['do yall sell rice cookers', 'rice cookers', 'cooker'],
    ['Do you guys stock tents', 'tents', 'tent'],
    ['looking for a sofa', 'sofa', 'sofa'],
    ['any hiking boots in size 9?', 'hiking boots', 'boot'],
  ])('"%s" asks for %s (head %s)', (text, phrase, head) => {
    expect(requestedThing(text)).toEqual({ phrase, head, asked: true });
  });

  it.each([
    ['what tents do you sell?', 'tents', 'tent'],
    ['which running shoes do you have in blue?', 'running shoes', 'shoe'],
    ['what kind of rice cookers do you stock', 'rice cookers', 'cooker'],
  ])('"%s", the thing named before the ask, asks for %s', (text, phrase, head) => {
    expect(requestedThing(text)).toEqual({ phrase, head, asked: true });
  });

  it.each(['what do you sell?', 'what sizes do you have?', 'what brands do you carry', 'what payment methods do you accept'])('"%s" asks for no thing by name', (text) => {
    expect(requestedThing(text)).toBeUndefined();
  });

  it("takes one of the shop's own kinds as a thing, whatever English files it under: \"do you sell card games?\"", () => {
    expect(requestedThing('do you sell card games?')).toBeUndefined();
    expect(requestedThing('do you sell card games?', englishLexicon(), new Set(['card game']))).toEqual({ phrase: 'card games', head: 'game', asked: true });
  });

  it('finds "sunglasses" in "got any sunglasses", with the head keyed as the catalog keys types', () => {
    const thing = requestedThing('got any sunglasses');
    expect(thing?.phrase).toBe('sunglasses');
    // decide() compares the head with the shop's words, which are keyed the same way.
    expect(thing?.head).toBe(typeKey('sunglasses'));
  });

  it.each([
    'something to keep the kids busy',
    'a gift for my dad',
    'any ideas for a present?',
    'I need something warm for camping',
    // "I need" deep in a sentence is not asking the shop for a thing.
    "walking the dog after work in winter its pitch black and I need both hands for the lead",
  ])(
    'names no thing for the open request "%s"',
    (text) => {
      expect(requestedThing(text)).toBeUndefined();
    },
  );
});

describe('giftTask', () => {
  it.each([
    ['secret santa at work', 'secret santa'],
    ['stocking fillers for the kids', 'stocking fillers'],
    ['a present for my sister', 'present'],
    ['birthday ideas', 'birthday'],
    ['something for my dad', 'for my dad'],
    ["what could I get my uncle? he's a coffee snob", 'get my uncle'],
    ['want to buy my sister in law something nice', 'buy my sister'],
    ['something for our new neighbours', 'for our new neighbours'],
    ['something for my fiancé, around 50', 'for my fiancé'],
    ['something for my grandkids', 'for my grandkids'],
  ])('"%s" is a gift request', (text, matched) => {
    expect(giftTask.run(text, noVocabulary)).toMatchObject({ gift: true, shoppingCue: true, matched: [matched] });
  });

  it.each([
    ["christmas gift for my mother in law, she's hard to buy for", true],
    ['valentines gift for him under 40 quid', true],
    ['secret santa at work', true],
    ['a present for my sister', true],
    ['birthday gift for a teenager, 14, into fashion', true],
    ['present for my 6 year old nephew', false],
    ['something for my grandkids', false],
    ['stocking fillers for the kids', false],
    ['a present for my 10th birthday party', false],
  ])('"%s" is for a grown-up: %s', (text, grownUp) => {
    expect(giftTask.run(text, noVocabulary).forGrownUp ?? false).toBe(grownUp);
  });

  it.each(["want to get my son into running, he's 12", 'how do I get my partner added to the account', 'can I give my friend a discount code'])('"%s" gets someone something else than a present', (text) => {
    expect(giftTask.run(text, noVocabulary)).toEqual({});
  });

  it.each(['the parcel was present at the door', 'how do I get my order faster', 'I was not present when it arrived', 'everyone was present', 'my order is not present in my account'])(
    '"present" as in being there is not a gift: "%s"',
    (text) => {
      expect(giftTask.run(text, noVocabulary)).toEqual({});
      expect(understand(text, noVocabulary).gift).toBeUndefined();
    },
  );

  it('flags a gift and its budget together through understand()', () => {
    const understanding = understand('secret santa, 20 quid max', noVocabulary);
    expect(understanding.gift).toBe(true);
    expect(understanding.filters.maxPrice).toBe(20);
    expect(understanding.shoppingCue).toBe(true);
  });
});

describe('priceTask: shoppers\' money words', () => {
  it.each([
    ['20 quid max', 20],
    ['budget of 50', 50],
    ['my budget is £30', 30],
    ['spend up to 40', 40],
  ])('"%s" is a ceiling of %d and a shopping cue', (text, max) => {
    expect(priceTask.run(text, noVocabulary)).toMatchObject({ filters: { maxPrice: max }, shoppingCue: true });
  });

  it('reads a bare amount ("£30", "25 quid") as a ceiling without making the message a product search', () => {
    expect(priceTask.run('£30', noVocabulary)).toMatchObject({ filters: { maxPrice: 30 }, shoppingCue: false });
    expect(priceTask.run('25 quid', noVocabulary)).toMatchObject({ filters: { maxPrice: 25 }, shoppingCue: false });
  });

  it.each(['I was charged $50 twice', 'I paid 50 dollars and it broke'])('"%s" is not a shopping cue', (text) => {
    expect(understand(text, noVocabulary).shoppingCue).toBe(false);
  });

  it.each([
    ['my nan loves puzzles, under twenty pounds', { maxPrice: 20 }],
    ['a little something for the postman, few pounds', { maxPrice: 10 }],
    ['around thirty quid', { minPrice: 24, maxPrice: 36 }],
    ['a couple of quid', { maxPrice: 5 }],
  ])('reads an amount said in words: "%s"', (text, filters) => {
    expect(priceTask.run(text, noVocabulary).filters).toEqual(filters);
  });

  it.each(['building blocks for kids around 6', 'i was charged twenty pounds twice', 'for a few hundred pounds'])('"%s" states no price', (text) => {
    expect(priceTask.run(text, noVocabulary).filters).toBeUndefined();
  });

  it('keeps the price words that were there before', () => {
    expect(priceTask.run('running shoes under $80', noVocabulary)).toMatchObject({ filters: { maxPrice: 80 }, shoppingCue: true });
    expect(priceTask.run('between 20 and 40 dollars', noVocabulary)).toMatchObject({ filters: { minPrice: 20, maxPrice: 40 } });
  });
});

describe('negation along a list (understand with a small vocabulary)', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Jackets & Coats', terms: ['coat', 'jacket'] }],
    attributes: [
      { kind: 'colour', name: 'colour', values: ['black', 'blue', 'charcoal grey', 'grey', 'navy', 'red', 'slate blue'] },
      { kind: 'material', name: 'material', values: ['cotton', 'full-grain leather', 'leather', 'merino wool', 'polyester', 'wool'] },
    ],
  };

  it('"no wool, leather or cotton" excludes all three and asks for none', () => {
    const { filters } = understand('a coat with no wool, leather or cotton', vocabulary);
    expect(filters.attributes?.material).toBeUndefined();
    expect(new Set(filters.excludedAttributes?.material)).toEqual(new Set(['wool', 'merino wool', 'leather', 'full-grain leather', 'cotton']));
  });

  it('"no wool, leather or down": wool and leather are excluded, nothing is asked for', () => {
    const { filters } = understand('a coat with no wool, leather or down', vocabulary);
    expect(filters.attributes).toBeUndefined();
    expect(filters.excludedAttributes?.material).toEqual(expect.arrayContaining(['wool', 'leather']));
  });

  it('"not grey or black" excludes both colours', () => {
    const { filters } = understand('a jacket, not grey or black', vocabulary);
    expect(filters.attributes).toBeUndefined();
    expect(new Set(filters.excludedAttributes?.colour)).toEqual(new Set(['grey', 'charcoal grey', 'black']));
  });

  it('"blue but not navy" asks for blue and excludes navy', () => {
    const { filters } = understand('a blue jacket but not navy', vocabulary);
    expect(filters.attributes?.colour).toEqual(expect.arrayContaining(['blue', 'slate blue']));
    expect(filters.excludedAttributes?.colour).toEqual(['navy']);
  });

  it('a negation does not reach past a word that ends the list: "no wool, just cotton"', () => {
    const { filters } = understand('no wool, just cotton', vocabulary);
    expect(filters.excludedAttributes?.material).toEqual(expect.arrayContaining(['wool']));
    expect(filters.excludedAttributes?.material).not.toContain('cotton');
    expect(filters.attributes?.material).toEqual(['cotton']);
  });

  it('"not red, but blue is fine" excludes red only', () => {
    const { filters } = understand('not red, but blue is fine', vocabulary);
    expect(filters.excludedAttributes?.colour).toEqual(['red']);
    expect(filters.attributes?.colour).toEqual(expect.arrayContaining(['blue']));
  });
});

describe('types in shoppers\' words: exclusions, sets, compounds and slang (understand with a small vocabulary)', () => {
  const vocabulary: ShopVocabulary = {
    categories: [
      { name: 'Headphones & Audio', terms: ['audio', 'headphone', 'earbud'] },
      { name: 'Jeans & Trousers', terms: ['jean', 'trouser'] },
      { name: 'Bags & Backpacks', terms: ['backpack', 'bag'] },
      { name: 'Knitwear', terms: ['knitwear', 'sweater'] },
      { name: 'Home & Bedding', terms: ['bedding'] },
      { name: 'T-Shirts & Tops', terms: ['t-shirt', 'top'] },
    ],
    types: [
      type('wireless earbud', 'Headphones & Audio', 'wireless earbuds', ['wireless earbud']),
      type('sport earbud', 'Headphones & Audio', 'sports earbuds', ['sport earbud']),
      type('wired headphone', 'Headphones & Audio', 'wired headphones', ['wired headphone']),
      type('slim jean', 'Jeans & Trousers', 'slim jeans', ['slim jean']),
      type('straight jean', 'Jeans & Trousers', 'straight jeans', ['straight jean']),
      type('hiking backpack', 'Bags & Backpacks', 'hiking backpacks', ['hiking backpack']),
      type('laptop backpack', 'Bags & Backpacks', 'laptop backpacks', ['laptop backpack']),
      type('pour-over coffee set', 'Home & Bedding', 'pour-over coffee sets', ['pour-over coffee set', 'pour-over coffee']),
      type('cable-knit sweater', 'Knitwear', 'cable-knit sweaters', ['cable-knit sweater']),
      type('crewneck sweater', 'Knitwear', 'crewneck sweaters', ['crewneck sweater']),
      type('quarter-zip pullover', 'Knitwear', 'quarter-zip pullovers', ['quarter-zip pullover', 'pullover']),
      type('duvet cover set', 'Home & Bedding', 'duvet cover sets', ['duvet cover set', 'duvet cover']),
      type('crew-neck t-shirt', 'T-Shirts & Tops', 'crew-neck t-shirts', ['crew-neck t-shirt', 't-shirt']),
    ],
    attributes: [
      { kind: 'material', name: 'material', values: ['down', 'down alternative', 'goose down', 'leather', 'merino wool', 'PVC', 'PVC-free foam', 'wool'] },
      { kind: 'gender', name: 'gender', values: ["men's", 'unisex', "women's"] },
    ],
  };

  it.each([
    ['headphones but not wireless ones', ['wireless earbud']],
    ["any jeans that aren't slim fit?", ['slim jean']],
    ['backpack for uni, not a hiking one, has to fit my laptop', ['hiking backpack']],
    // The kind several types share.
    ['i need a bag, not a backpack', ['hiking backpack', 'laptop backpack']],
  ])('"%s" excludes the types its negated word names', (text, excluded) => {
    expect(understand(text, vocabulary).filters.excludedTypes).toEqual(excluded);
  });

  it('a word naming several types asks for those not ruled out, and a type\'s modifier is no material', () => {
    const knits: ShopVocabulary = {
      ...vocabulary,
      attributes: [{ kind: 'material', name: 'material', values: ['cotton knit', 'recycled knit', 'merino wool'] }],
    };
    const { filters } = understand('cosy jumper for my girlfriend, no cable knit', knits);
    expect(filters.types).toEqual(['crewneck sweater']);
    expect(filters.excludedTypes).toEqual(['cable-knit sweater']);
    expect(filters.attributes?.material).toBeUndefined();
  });

  it('a word of a hyphenated modifier rules a type out only with the rest of it', () => {
    const withOverEar: ShopVocabulary = { ...vocabulary, types: [...vocabulary.types!, type('over-ear headphone', 'Headphones & Audio', 'over-ear headphones', ['over-ear headphone'])] };
    expect(understand('headphones, not the in-ear kind, they hurt my ears', withOverEar).filters.excludedTypes).toBeUndefined();
    expect(understand('earbuds, not over-ear headphones', withOverEar).filters.excludedTypes).toEqual(['over-ear headphone']);
  });

  it('"nothing over $25" is a ceiling, and "over" excludes no pour-over set', () => {
    const { filters } = understand('stocking filler for my mum, nothing over $25', vocabulary);
    expect(filters.maxPrice).toBe(25);
    expect(filters.minPrice).toBeUndefined();
    expect(filters.excludedTypes).toBeUndefined();
  });

  it('a negated word that ends a list reaches back to the negation: "no wool, leather or down"', () => {
    const { filters } = understand("I'm vegan so no wool, leather or down", vocabulary);
    expect(new Set(filters.excludedAttributes?.material)).toEqual(new Set(['wool', 'merino wool', 'leather', 'down', 'goose down']));
  });

  it('"a leather bag" asks for leather, not vegan leather, and "no leather" leaves vegan leather in', () => {
    const withVegan: ShopVocabulary = { ...vocabulary, attributes: [...(vocabulary.attributes ?? []).filter((a) => a.name !== 'material'), { kind: 'material', name: 'material', values: ['full-grain leather', 'vegan leather', 'canvas'] }] };
    expect(understand('tan leather crossbody bag', withVegan).filters.attributes?.material).toEqual(['full-grain leather']);
    expect(understand('vegan leather bag', withVegan).filters.attributes?.material).toEqual(['vegan leather']);
    expect(understand('faux leather bag', withVegan).filters.attributes?.material).toEqual(['vegan leather']);
    expect(understand('no fake leather', withVegan).filters.excludedAttributes?.material).toEqual(['vegan leather']);
    expect(understand('vegan so no leather please', withVegan).filters.excludedAttributes?.material).toEqual(['full-grain leather']);
  });

  it('"down" is a material only where it can be one; "PVC-free foam" and "down alternative" are not what they are free of', () => {
    expect(understand('a sleeping bag but not a down one', vocabulary).filters.excludedAttributes?.material).toEqual(['down', 'goose down']);
    expect(understand('something to help me wind down', vocabulary).filters).toEqual({});
    expect(understand('a yoga mat, no PVC', vocabulary).filters.excludedAttributes?.material).toEqual(['PVC']);
  });

  it('"t shirt", "tshirts" and "pour over" meet the hyphenated catalog words', () => {
    expect(understand('t shirt that is not black', vocabulary).filters.types).toEqual(['crew-neck t-shirt']);
    expect(understand('tshirts please', vocabulary).filters.types).toEqual(['crew-neck t-shirt']);
    expect(understand('a pour over coffee set', vocabulary).filters.types).toEqual(['pour-over coffee set']);
  });

  it('a slang word whose synonyms each name one type asks for all of them: a puffa is a down or an insulated jacket', () => {
    const jackets: ShopVocabulary = {
      ...vocabulary,
      types: [
        { name: 'down jacket', plural: 'down jackets', terms: ['down jacket'], category: 'Jackets' },
        { name: 'insulated jacket', plural: 'insulated jackets', terms: ['insulated jacket'], category: 'Jackets' },
        { name: 'rain jacket', plural: 'rain jackets', terms: ['rain jacket'], category: 'Jackets' },
      ],
      categories: [...vocabulary.categories, { name: 'Jackets', terms: ['jacket'] }],
    };
    expect(understand('womens puffa jacket, black', jackets).filters.types).toEqual(['down jacket', 'insulated jacket']);
  });

  it('a set is asked for by what it is a set of; a slang word reaches every type its catalog word ends', () => {
    expect(understand('duvet cover in white', vocabulary).filters.types).toEqual(['duvet cover set']);
    expect(understand('jumper pls, something cosy', vocabulary).filters).toMatchObject({ types: ['cable-knit sweater', 'crewneck sweater'], category: 'Knitwear' });
  });

  it('the shop\'s own word for a kind is not replaced by a synonym: "earbuds" is not headphones', () => {
    expect(understand('earbuds for the gym', vocabulary).filters.types).toBeUndefined();
    expect(understand('earbuds for the gym', vocabulary).filters.category).toBe('Headphones & Audio');
  });

  it('a recipient\'s gender passes products that have no gender at all', () => {
    expect(understand('present for my sister', vocabulary).filters).toMatchObject({ attributes: { gender: ['unisex', "women's"] }, passIfMissing: ['gender'] });
  });

  it('a son or a daughter is someone it is for: their own gender\'s cut, unisex, a child\'s cut, or none', () => {
    expect(understand('hoodie for my daughter', vocabulary).filters).toMatchObject({ attributes: { gender: ['unisex', "women's"] }, passIfMissing: ['gender'] });
    expect(understand('a fleece for my nephew', vocabulary).filters).toMatchObject({ attributes: { gender: ["men's", 'unisex'] }, passIfMissing: ['gender'] });
    expect(understand('hoodie for my daughter', vocabulary).matched).toContain('daughter');
    // A shop that sells children's cuts: a daughter's may be a girls' one, never a boys' one.
    const withChildrensCuts: ShopVocabulary = { ...vocabulary, attributes: [{ kind: 'gender', name: 'gender', values: ["men's", "women's", 'unisex', "girls'", "boys'"] }] };
    expect(understand('hoodie for my daughter', withChildrensCuts).filters.attributes?.gender).toEqual(["women's", 'unisex', "girls'"]);
    expect(understand('hoodie for my sister', withChildrensCuts).filters.attributes?.gender).toEqual(["women's", 'unisex']);
    // Both: no filter; a cut said outright: the cut said.
    expect(understand('hoodies for my son and daughter', vocabulary).filters.attributes?.gender).toBeUndefined();
    expect(understand("my son wants a women's fleece", vocabulary).filters.attributes?.gender).toEqual(['unisex', "women's"]);
  });

  it('"have you got chanel perfume" asks for a thing', () => {
    expect(requestedThing('have you got chanel perfume')).toEqual({ phrase: 'chanel perfume', head: 'perfume', asked: true });
    // Named at the start, as typed into a search box: the shop decides whether it has them.
    expect(requestedThing('leather boots size 8')).toEqual({ phrase: 'leather boots', head: 'boot', asked: false });
  });
});

describe('idioms and longer names', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Jeans & Trousers', terms: ['trouser', 'jean'] }],
    types: [
      { name: 'cargo trouser', category: 'Jeans & Trousers', plural: 'cargo trousers', terms: ['cargo trouser', 'trouser'] },
      { name: 'hiking pant', category: 'Jeans & Trousers', plural: 'hiking pants', terms: ['hiking pant', 'pant'] },
    ],
    attributes: [{ kind: 'colour', name: 'colour', values: ['black', 'blue'] }],
  };

  it('"pitch black" is how dark it is, not a colour', () => {
    expect(understand("walking the dog after work it's pitch black", vocabulary).filters.attributes).toBeUndefined();
    expect(understand('black trousers', vocabulary).filters.attributes?.colour).toEqual(['black']);
  });

  it('"hiking trousers" are hiking pants: a synonym that joins its neighbour into a type beats a lone last word', () => {
    expect(understand('hiking trousers for the lakes', vocabulary).filters.types).toEqual(['hiking pant']);
    expect(understand('trousers for work', vocabulary).filters.types).toEqual(['cargo trouser']);
  });

  it('a category named to be ruled out is not asked for', () => {
    expect(understand("an outfit for a wedding, I'm not really a trousers girl", { ...vocabulary, types: [] }).filters.category).toBeUndefined();
  });
});

describe('giftInterests: what the person is into, without the occasion', () => {
  it.each([
    ['anniversary present for my wife, she loves reading in bed at night', ['she loves reading in bed at night']],
    ['Christmas pressie for my gran who is always cold', ['always cold']],
    ['valentines for my bf, thinking something on his wrist might help. max $200', ['thinking something on his wrist might help']],
    ['secret santa at work, 20 quid max', []],
    ["christmas gift for my mother in law, she's hard to buy for", []],
  ])('"%s" -> %j', (text, interests) => {
    expect(giftInterests(text)).toEqual(interests);
  });
});

describe('more of how shoppers name things', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Outdoor', terms: ['camping'] }, { name: 'Watches', terms: ['watch'] }, { name: 'Jackets', terms: ['jacket'] }, { name: 'Kitchen', terms: ['kitchen'] }],
    types: [
      type('sleeping pad', 'Outdoor'), type('yoga mat', 'Outdoor'), type('smartwatch', 'Watches'), type('field watch', 'Watches'),
      type('down jacket', 'Jackets'), type('insulated jacket', 'Jackets'), type('frying pan', 'Kitchen'),
    ],
    attributes: [{ kind: 'material', name: 'material', values: ['goose down', 'recycled nylon'] }],
  };

  it('two-word slang and run-together names meet the catalog\'s phrase', () => {
    expect(understand('sleeping mat for camping, my old one has a puncture', vocabulary).filters.types).toEqual(['sleeping pad']);
    expect(understand('fryingpan non stick', vocabulary).filters.types).toEqual(['frying pan']);
  });

  it('a type named to be ruled out is excluded: "a watch that isn\'t a smartwatch"', () => {
    const { filters } = understand("i want a watch that isn't a smartwatch, sick of charging things", vocabulary);
    expect(filters.types).toBeUndefined();
    expect(filters.excludedTypes).toEqual(['smartwatch']);
    expect(filters.category).toBe('Watches');
  });

  it('a synonym whose type is ruled out gives way to its next meaning: "puffer jacket but not real down"', () => {
    const { filters } = understand('puffer jacket but not real down please, the synthetic stuff', vocabulary);
    expect(filters.types).toEqual(['insulated jacket']);
    expect(filters.excludedTypes).toContain('down jacket');
    expect(filters.excludedAttributes?.material).toEqual(['goose down']);
  });

  it.each([
    ['does the shop have tennis rackets', 'tennis rackets'],
    ['is there a toaster anywhere on here', 'toaster'],
  ])('"%s" asks for %s', (text, phrase) => {
    expect(requestedThing(text)?.phrase).toBe(phrase);
  });

  it.each([
    ['baseball cap black', 'baseball cap'],
    ['protein powder chocolate flavour', 'protein powder'],
    ['boxer shorts 3 pack', 'boxer shorts'],
    ['my kettle works fine actually, what i really need is a toaster', 'toaster'],
    ['need sunscreen for a beach trip', 'sunscreen'],
    ['phone case with a card slot', 'phone case'],
  ])('"%s" names %s, with what it must be or what it is for after it', (text, phrase) => {
    expect(requestedThing(text)?.phrase).toBe(phrase);
  });

  it.each(['sunburn every holiday, pale skin, need protection for a beach trip to spain', 'winter walks with the dog in scotland, my coat is not warm enough', 'click n collect?'])(
    '"%s" asks for no thing: a need for an act, a walk taken, a service',
    (text) => {
      expect(requestedThing(text)).toBeUndefined();
    },
  );

  it('names a kind without whose it is: "we don\'t sell mens wallets" would say the shop sells women\'s', () => {
    expect(kindName('mens wallets')).toBe('wallets');
    expect(kindName('kids wellies')).toBe('wellies');
  });

  it.each(['is there a quicker option, I fly out on thursday', 'can i just buy one hair tie or is there a minimum basket'])('"%s" asks for no thing', (text) => {
    expect(requestedThing(text)).toBeUndefined();
  });

  it('"do you do yoga classes?" asks for a service: an act, not a thing', () => {
    expect(requestedThing('do you do yoga classes?')).toEqual({ phrase: 'yoga classes', head: 'class', asked: true, service: true });
    expect(requestedThing('can i get the difference back')).toBeUndefined();
  });

  it.each([
    ['air fryer?', 'air fryer', false],
    ["knife sharpener pls, my chef's knife is blunt as anything", 'knife sharpener', false],
    ['binoculars for bird watching?', 'binoculars', false],
    ['tall floor lamp for a reading corner, arc style maybe', 'floor lamp', false],
    ['need a penknife for camping', 'penknife', true],
    ["i'm after a new mascara", 'mascara', true],
    ['need a vest for running', 'vest', true],
    ['show me the priciest headphones', 'headphones', true],
    ['bed?', 'bed', false],
    ['cool box big enough for a weekends food and beers', 'cool box', false],
    // What it is for follows: the hammock's bed sense counts though WordNet lists the knoll first.
    ['hammock to string up between trees at the campsite?', 'hammock', false],
    ['conditioner to go with your shampoo?', 'conditioner', false],
    // A name ends in a noun, not at "apart".
    ['any jackets apart from black ones', 'jackets', true],
    // Typed alone, before what it is for or before a constraint, a name's second sense counts too
    // (a TV is first the broadcasting, a toaster first a person proposing a toast).
    ['tv?', 'tv', false],
    ['a TV for the bedroom, nothing massive', 'tv', false],
    ['toaster under 50', 'toaster', false],
    ['perfume for my mum', 'perfume', false],
    // An activity's name before a thing's, with a constraint or nothing after.
    ['hiking boots size 8', 'hiking boots', false],
    ['walking poles', 'walking poles', false],
    // A name English does not know, typed alone with a model number: a gadget.
    ['iphone 15?', 'iphone', false],
    ['ps5', 'ps5', false],
    // A thing's name before a noun that can be a thing: a case is first an instance, a lock a hold.
    ['phone case for my iphone 15', 'phone case', false],
    ['bike lock under 30', 'bike lock', false],
    // A noun before the name says what it is for; "pls" makes it a request.
    ['cat litter pls', 'cat litter', false],
    ['baby stroller, lightweight', 'baby stroller', false],
    // "red" is no past tense; an -ed word opens a search typed alone.
    ['red lipstick', 'red lipstick', false],
    ['polarised sunglasses?', 'polarised sunglasses', false],
    // A plural ends the name: what follows says which ones.
    ['coffee beans dark roast', 'coffee beans', false],
    ['winter gloves touchscreen', 'winter gloves', false],
    ['wine glasses set of 6', 'wine glasses', false],
  ])('"%s" asks for %s (asked: %s)', (text, phrase, asked) => {
    expect(requestedThing(text)).toMatchObject({ phrase, asked });
  });

  it.each([
    'lips always crack and bleed when it gets cold',
    'steak always comes out grey and sad, nothing I cook with gets hot enough to sear it',
    'half marathon in 6 weeks and I want something light',
    'new job, office is casual but I want to look smarter',
    'starting couch to 5k next week',
    "outdoor cinema in the park next month and sitting on damp grass isn't happening",
    'the bedroom in my new rental has no ceiling light',
    'do you have measurements in cm for the hiking trousers',
    'bought it last week, can i get the difference back',
    'need an outfit for a summer wedding',
    'After work I want something comfy to change into',
    'after dinner I get cold on the sofa',
    'long drive to cornwall with two kids under 8... help',
    // "to" and no verb after it: where they are going, not what the thing is for.
    'heading to a festival this summer, walking round all day with my phone',
    'trip to see my mum at the weekend',
    // A pronoun opens a story, not a name: "nothing stays" is not for sale.
    'nothing stays in my ears when im running, drives me mad',
    // A reference, not a model's name.
    'AB12345',
    // An adjective before the noun, or a size after the name, makes no compound.
    'cosy throw for the sofa',
    'fitted sheet king size',
    'stocking fillers for my teenage daughter, a tenner each',
    // Asked about, not for.
    'any plans to get the navy colour back',
    'got any branches in texas',
    'moved house, need to change where the order goes',
    'need smth to wear to a summer wedding, womens size 12',
  ])('"%s" names no thing for sale', (text) => {
    expect(requestedThing(text)).toBeUndefined();
  });
});

describe('scents', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Beauty', terms: ['moisturiser', 'shampoo', 'candle'] }],
    attributes: [
      { kind: 'scent', name: 'scent', values: ['cedar & sage', 'lavender', 'rose', 'unscented'] },
      { kind: 'colour', name: 'colour', values: ['lavender', 'white'] },
    ],
  };
  it.each(['moisturiser without fragrance', 'fragrance-free moisturiser', 'shampoo that doesnt smell of anything', 'candles, nothing scented', 'unscented shampoo', 'my mum hates anything scented but she loves her skincare', 'allergic to fragrance, need a moisturiser'])('"%s" asks for the unscented ones', (text) => {
    const { filters } = understand(text, vocabulary);
    expect(filters.attributes?.scent).toEqual(['unscented']);
    expect(filters.excludedAttributes?.scent).toBeUndefined();
  });
  it('reads a scent by its words, and one disliked as ruled out', () => {
    expect(understand('cedar and sage candle', vocabulary).filters.attributes?.scent).toEqual(['cedar & sage']);
    expect(understand('hate the smell of lavender, any candles?', vocabulary).filters.excludedAttributes?.scent).toEqual(['lavender']);
    // "Lavender" is also a colour: the catalog settles which (turn/shopping.ts settleColourOrScent).
    expect(understand('lavender candle', vocabulary).filters.attributes).toEqual({ scent: ['lavender'], colour: ['lavender'] });
  });
});

describe('materials asked for by a hyphenated last word', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Kitchen', terms: ['frying pan'] }],
    attributes: [{ kind: 'material', name: 'material', values: ['ceramic non-stick', 'cast iron', 'stainless steel'] }],
  };
  it('"non stick" asks for the ceramic non-stick pans, and "isn\'t non-stick" rules them out', () => {
    expect(understand('non-stick frying pan', vocabulary).filters.attributes?.material).toEqual(['ceramic non-stick']);
    expect(understand('fryingpan non stick', vocabulary).filters.attributes?.material).toEqual(['ceramic non-stick']);
    expect(understand("frying pan that isn't non-stick", vocabulary).filters.excludedAttributes?.material).toEqual(['ceramic non-stick']);
  });
});

describe('materials written as one word', () => {
  it('"isn\'t wool" excludes lambswool and cashmere too (animal fibres sold by their own names), and "wool" asks for them', () => {
    const vocabulary: ShopVocabulary = {
      categories: [{ name: 'Knitwear', terms: ['cardigan'] }],
      attributes: [{ kind: 'material', name: 'material', values: ['lambswool', 'merino wool', 'organic cotton', 'cashmere'] }],
    };
    expect(understand("cardigan that isn't wool, it makes me itch", vocabulary).filters.excludedAttributes?.material?.sort()).toEqual(['cashmere', 'lambswool', 'merino wool']);
    expect(understand('a wool cardigan', vocabulary).filters.attributes?.material?.sort()).toEqual(['cashmere', 'lambswool', 'merino wool']);
  });
});

describe('sizes given as measures or by name (understand with a small vocabulary)', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Kitchen', terms: ['pan', 'knife'] }],
    attributes: [{ kind: 'size', name: 'size', values: ['8 in', '12 in', '30 ml', '4.5 qt', 'King', 'Queen', 'Standard'] }],
  };
  it.each([
    ['need a 12 inch frying pan', '12 in'],
    ['an 8" chef\'s knife', '8 in'],
    ['12in pan', '12 in'],
    ['the 30ml size', '30 ml'],
    ['4.5 quart dutch oven', '4.5 qt'],
    ['king size duvet', 'King'],
  ])('"%s" asks for size %s', (text, size) => {
    expect(understand(text, vocabulary).filters.attributes?.size).toEqual([size]);
  });
  it.each([
    ['mens navy chinos 32 waist under 80', '32'],
    ['jeans 34 inch waist', '34'],
    ['waist 30 please', '30'],
    ['slim jeans w32', '32'],
  ])('"%s" asks for waist size %s', (text, size) => {
    const trousers: ShopVocabulary = { categories: [{ name: 'Trousers', terms: ['jean', 'chino'] }], attributes: [{ kind: 'size', name: 'sizes', values: ['30', '32', '34'] }] };
    expect(understand(text, trousers).filters.attributes?.sizes).toEqual([size]);
  });
  it('reads a measure before a clothing size: "frying pan size 12 inch"', () => {
    expect(understand('frying pan size 12 inch', vocabulary).filters.attributes?.size).toEqual(['12 in']);
  });
  it.each(['a 10 inch pan', 'tent for 4 in the lake district', 'im a uk 8 in trainers whats that in your sizes', "running shoes, I'm an 8 in", 'a standard size backpack', 'the king of pans'])('"%s" asks for no size the shop has', (text) => {
    expect(understand(text, vocabulary).filters.attributes?.size).toBeUndefined();
  });
});

describe('englishLexicon().isKindOf', () => {
  it.each([
    ['electric blanket', 'blanket', true],
    ['wrist watch', 'watch', true],
    ['skipping rope', 'jump rope', true],
    ['life jacket', 'jacket', false],
    ['hot water bottle', 'water bottle', false],
    ['laptop', 'backpack', false],
    ['fleece', 'fleece jacket', undefined],
  ])('%s is a kind of %s: %s', (phrase, kind, expected) => {
    expect(englishLexicon().isKindOf(phrase, kind)).toBe(expected);
  });
  it('can ask about the most frequent senses only: "phone" is an earphone only in its third', () => {
    expect(englishLexicon().isKindOf('headphone', 'phone')).toBe(true);
    expect(englishLexicon().isKindOf('headphone', 'phone', 2)).toBe(false);
    expect(englishLexicon().isKindOf('frying pan', 'utensil', 2)).toBe(true);
    // In their second senses a pad is a tablet (of paper); in the most frequent ones it is not.
    expect(englishLexicon().isKindOf('pad', 'tablet', 2)).toBe(true);
    expect(englishLexicon().isKindOf('pad', 'tablet', 1)).toBe(false);
  });
  it('answers the same when asked again, and when the phrase was first climbed under other senses (climbs are kept per phrase and senses)', () => {
    const lexicon = englishLexicon();
    const asked: [string, string, number | undefined][] = [['pad', 'tablet', 1], ['pad', 'tablet', 2], ['pad', 'tablet', undefined], ['headphone', 'phone', 2], ['headphone', 'phone', undefined], ['life jacket', 'jacket', undefined]];
    const first = asked.map(([phrase, kind, senses]) => lexicon.isKindOf(phrase, kind, senses));
    expect(first).toEqual([false, true, true, false, true, false]);
    expect(asked.reverse().map(([phrase, kind, senses]) => lexicon.isKindOf(phrase, kind, senses))).toEqual(first.reverse());
  });
});

describe('kindName', () => {
  it.each([
    ['beginner fishing rods', 'fishing rods'],
    ['big rug', 'rug'],
    ['fluffy dressing gown', 'dressing gown'],
    // "hard" says what the shell is: without it the name would be wrong.
    ['hard shell suitcase', 'hard shell suitcase'],
    // The whole name when English knows it: not "water bottle", which the shop sells.
    ['hot water bottle', 'hot water bottle'],
    ['air fryer', 'air fryer'],
    ['binoculars', 'binoculars'],
  ])('"%s" is a kind of %s', (phrase, kind) => {
    expect(kindName(phrase)).toBe(kind);
  });
});

describe('isQuestion', () => {
  it.each([
    ['how do your trainers fit, i have wide feet', true],
    ['my bag is $52 but with the promo it goes to $47, will i lose free postage?', true],
    ['size 13 running shoes? I have massive feet', false],
    ['running shoes size 9', false],
  ])('"%s" -> %s', (text, question) => {
    expect(isQuestion(text)).toBe(question);
  });
});

describe('negation words', () => {
  it('"want" is not a negation, "isnt" is', () => {
    const vocabulary: ShopVocabulary = { categories: [], types: [{ name: 'smartwatch', plural: 'smartwatches', terms: ['smartwatch'] }] };
    expect(understand('i want a smartwatch', vocabulary).filters.types).toEqual(['smartwatch']);
    expect(understand('a watch that isnt a smartwatch', vocabulary).filters.excludedTypes).toEqual(['smartwatch']);
  });
});

describe('what the review found', () => {
  const vocabulary: ShopVocabulary = {
    categories: [
      { name: 'Headphones & Audio', terms: ['headphone', 'audio'] },
      { name: 'Jackets', terms: ['jacket', 'coat'] },
      { name: 'Outdoor', terms: ['camping'] },
      { name: 'Knitwear', terms: ['knitwear', 'sweater'] },
      { name: 'Beauty', terms: ['beauty'] },
    ],
    types: [
      type('wireless earbud', 'Headphones & Audio'), type('wired headphone', 'Headphones & Audio'), type('rain jacket', 'Jackets'),
      type('sleeping bag', 'Outdoor'), type('sleeping pad', 'Outdoor'), type('crewneck sweater', 'Knitwear'), type('crew-neck t-shirt', 'Knitwear'), type('sunscreen', 'Beauty'),
    ],
    attributes: [{ kind: 'colour', name: 'colour', values: ['cream', 'navy', 'black'] }, { kind: 'gender', name: 'gender', values: ["men's", "women's", 'unisex'] }],
  };

  it('a 10 KB message of spaces and "and"s splits in linear time (no regex backtracking)', () => {
    expect(questionParts(`x${' '.repeat(10_000)}x`)).toEqual([]);
    expect(questionParts('and '.repeat(2_500))).toEqual([]);
    expect(giftInterests(`gift for my dad${' \t'.repeat(5_000)}he loves cooking`)).toEqual(['loves cooking']);
  });

  it('plural slang meets its phrase, and "cream" in "sun cream" is not a colour', () => {
    expect(understand('sleeping mats for camping', vocabulary).filters.types).toEqual(['sleeping pad']);
    const { filters } = understand('do you sell sun cream', vocabulary);
    expect(filters.types).toEqual(['sunscreen']);
    expect(filters.attributes).toBeUndefined();
  });

  it('"crewneck sweater" is the shop\'s crewneck sweater, not a crew-neck t-shirt', () => {
    expect(understand('crewneck sweater in navy', vocabulary).filters.types).toEqual(['crewneck sweater']);
  });

  it('an everyday word is no synonym: "headphones for my mac" are headphones', () => {
    const { filters } = understand('headphones for my mac', vocabulary);
    expect(filters.category).toBe('Headphones & Audio');
    expect(filters.types).toBeUndefined();
  });

  it('a type mentioned in passing with a negation is still what the shopper wants', () => {
    const { filters } = understand("I don't have a sleeping bag yet, need one for a festival", vocabulary);
    expect(filters.types).toEqual(['sleeping bag']);
    expect(filters.excludedTypes).toBeUndefined();
  });

  it('"not sure which headphones, wireless or wired" rules nothing out and keeps the category', () => {
    const { filters } = understand('not sure which headphones to get, wireless or wired', vocabulary);
    expect(filters.excludedTypes).toBeUndefined();
    expect(filters.category).toBe('Headphones & Audio');
  });

  it('"women\'s" asks for the women\'s cut; only a recipient passes products with no gender', () => {
    expect(understand("women's rain jacket", vocabulary).filters.passIfMissing).toBeUndefined();
    expect(understand('a rain jacket for my sister', vocabulary).filters.passIfMissing).toEqual(['gender']);
  });

  it('a gift\'s dislikes are not its interests', () => {
    expect(giftInterests('birthday gift for my brother who hates cooking, he loves hiking')).toEqual(['he loves hiking']);
  });
});

describe('a state is not a kind ruled out', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Outdoor', terms: ['sleeping bag'] }, { name: 'Home', terms: ['weighted blanket'] }],
    types: [
      { name: 'sleeping bag', category: 'Outdoor', plural: 'sleeping bags', terms: ['sleeping bag'] },
      { name: 'sleeping pad', category: 'Outdoor', plural: 'sleeping pads', terms: ['sleeping pad'] },
      { name: 'weighted blanket', category: 'Home', plural: 'weighted blankets', terms: ['weighted blanket'] },
    ],
  };
  it('"isnt sleeping" rules out no sleeping bags, and "without lugging my phone" no lugs', () => {
    expect(understand('friend isnt sleeping, want to send her something comforting', vocabulary).filters.excludedTypes).toBeUndefined();
    expect(understand('want to track my runs without lugging my phone', vocabulary).filters.excludedTerms).toBeUndefined();
    // How the shopper fares without something is no feature to avoid.
    expect(understand('my phone keeps dying and i get lost without maps', vocabulary).filters.excludedTerms).toBeUndefined();
    expect(understand('rain jacket without a hood', vocabulary).filters.excludedTerms).toEqual(['hood']);
  });
  it('"a pad, not a sleeping one" still rules out the sleeping pad', () => {
    expect(understand('a pad, not a sleeping one', vocabulary).filters.excludedTypes).toContain('sleeping pad');
  });
});

describe('a child\'s age (understand with a small vocabulary)', () => {
  const vocabulary: ShopVocabulary = {
    categories: [{ name: 'Toys', terms: ['kite', 'toy'] }],
    attributes: [{ kind: 'age', name: 'age', values: ['0+', '3+', '6+', '8+', '12+'] }],
  };
  it.each([
    ['present for a 6 year old', ['0+', '3+', '6+']],
    ['my 7yo loves science', ['0+', '3+', '6+', '8+']],
    ['nephew turns 5 next week', ['0+', '3+', '6+']],
    ['gift for my nephew hes 7, about 30 bucks', ['0+', '3+', '6+', '8+']],
    ['my daughter, she is 4', ['0+', '3+']],
    ['gift for a newborn', ['0+']],
    ['something for a toddler', ['0+']],
  ])('"%s" accepts the ages %j (a year under the floor from three; the floor holds below)', (text, ages) => {
    expect(understand(text, vocabulary).filters.attributes?.age).toEqual(ages);
  });
  it.each(['baby blue hoodie', 'my 30 year old brother', 'a tent that sleeps 4', 'son turns 16 and is glued to his music', 'bed for my 2 year old dog', "my son, he's 6'2 and needs long jeans", 'my mum, shes 70'])('"%s" states no child\'s age', (text) => {
    expect(understand(text, vocabulary).filters.attributes?.age).toBeUndefined();
  });
  it('with a kind named, products that state no age still pass', () => {
    expect(understand('a kite for my 6 year old', vocabulary).filters.passIfMissing).toContain('age');
  });
});
