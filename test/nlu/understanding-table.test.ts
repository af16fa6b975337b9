/**
 * 150+ labelled shopper utterances against the demo catalog's own vocabulary: every filter
 * kind (price, category with synonyms, brand, colour, material, size, gender), negation
 * and sort. Keys a row leaves out are checked to be absent, so false positives fail too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVocabulary } from '../../catalog/index.js';
import { understand, type QueryUnderstanding } from '../../nlu/index.js';

const vocabulary = buildVocabulary(JSON.parse(readFileSync(new URL('../../demo/products.json', import.meta.url), 'utf8')));

interface Row {
  category?: string;
  min?: number;
  max?: number;
  brands?: string[];
  notBrands?: string[];
  /** Values that must be among the accepted colours (and ones that must not). */
  colour?: string[];
  /** Colours that must not be among the wanted ones. */
  notAccepted?: string[];
  /** Colours excluded by a negation. */
  notColour?: string[];
  material?: string[];
  notMaterial?: string[];
  size?: string;
  gender?: 'women' | 'men';
  without?: string[];
  sort?: QueryUnderstanding['sort'];
}

const R = 'Running Shoes', J = 'Jackets & Coats', T = 'T-Shirts & Tops', P = 'Jeans & Trousers', D = 'Dresses & Skirts', K = 'Knitwear & Hoodies';
const B = 'Bags & Backpacks', W = 'Watches', H = 'Headphones & Audio', C = 'Kitchen & Cookware', HB = 'Home & Bedding', O = 'Outdoor & Camping';
const S = 'Sports & Fitness', BS = 'Beauty & Skincare', TG = 'Toys & Games';

const TABLE: [string, Row][] = [
  // Price bounds.
  ['running shoes under $80', { category: R, max: 80 }],
  ['jackets below 150 dollars', { category: J, max: 150 }],
  ['a dress for less than 60 bucks', { category: D, max: 60 }],
  ['headphones cheaper than $100', { category: H, max: 100 }],
  ['a watch no more than 200', { category: W, max: 200 }],
  ['backpack up to $70', { category: B, max: 70 }],
  ['tent over $300', { category: O, min: 300 }],
  ['a kettle at least 40 dollars', { category: C, min: 40 }],
  ['jeans between 40 and 80 dollars', { category: P, min: 40, max: 80 }],
  ['between $20 and $10 toys', { category: TG, min: 10, max: 20 }],
  ['$30-$60 t-shirts', { category: T, min: 30, max: 60 }],
  ['a jacket around $100', { category: J, min: 80, max: 120 }],
  ['about 50 euros for a serum', { category: BS, min: 40, max: 60 }],
  ['yoga mat $45 or less', { category: S, max: 45 }],
  ['a blanket for roughly $60', { category: HB, min: 48, max: 72 }],
  ['something under $25', { max: 25 }],
  ['gifts over 100 dollars', { min: 100 }],
  ['speaker max $90', { category: H, max: 90 }],
  ['sweater within $75', { category: K, max: 75 }],
  ['shoes from $50', { category: R, min: 50 }],
  // Categories, by the catalog's words and by synonyms.
  ['do you have parkas', { category: J }],
  ['show me rain jackets', { category: J }],
  ['a down jacket for winter', { category: J }],
  ['trail running shoes', { category: R }],
  ['sneakers for the gym', { category: R }],
  ['comfortable trainers', { category: R }],
  ['a new hoody', { category: K }],
  ['a warm jumper', { category: K }],
  ['cosy sweatshirt', { category: K }],
  ['a cardigan for the office', { category: K }],
  ['slim jeans', { category: P }],
  ['hiking pants', { category: P }],
  ['a pair of trousers for work', { category: P }],
  ['chinos for summer', { category: P }],
  ['a plain tee', { category: T }],
  ['polo shirts', { category: T }],
  ['tank tops for running', { category: T }],
  ['a maxi dress', { category: D }],
  ['pleated skirts', { category: D }],
  ['a rucksack for hiking', { category: B }],
  ['laptop backpack', { category: B }],
  ['a tote bag', { category: B }],
  ['a smartwatch', { category: W }],
  ['a dive watch', { category: W }],
  ['fitness tracker', { category: W }],
  ['wireless earbuds', { category: H }],
  ['noise-cancelling headphones', { category: H }],
  ['earphones for running', { category: H }],
  ['a bluetooth speaker', { category: H }],
  ['a chef knife', { category: C }],
  ['a frying pan', { category: C }],
  ['skillet for steaks', { category: C }],
  ['electric kettle', { category: C }],
  ['dutch oven', { category: C }],
  ['a weighted blanket', { category: HB }],
  ['scented candles', { category: HB }],
  ['a table lamp', { category: HB }],
  ['a duvet for my bed', { category: HB }],
  ['a 2-person tent', { category: O }],
  ['sleeping bag for camping', { category: O }],
  ['headlamp for night hikes', { category: O }],
  ['a torch for camping', { category: O }],
  ['a yoga mat', { category: S }],
  ['kettlebells', { category: S }],
  ['resistance bands', { category: S }],
  ['a foam roller', { category: S }],
  ['face serum', { category: BS }],
  ['shampoo for dry hair', { category: BS }],
  ['a moisturizer for sensitive skin', { category: BS }],
  ['a board game for the family', { category: TG }],
  ['jigsaw puzzles', { category: TG }],
  ['a kite for the beach', { category: TG }],
  // Brands.
  ['Kestrel running shoes', { category: R, brands: ['Kestrel'] }],
  ['anything from Northpeak', { brands: ['Northpeak'] }],
  ['Harbor & Pine Home blankets', { category: HB, brands: ['Harbor & Pine Home'] }],
  // "and" for "&", and the family's other line with it.
  ['harbor and pine jackets', { category: J, brands: ['Harbor & Pine', 'Harbor & Pine Home'] }],
  ['Pulsewave earbuds', { category: H, brands: ['Pulsewave'] }],
  ['a Meeple & Co. board game', { category: TG, brands: ['Meeple & Co.'] }],
  ['Tonebox or Sonora headphones', { category: H, brands: ['Sonora', 'Tonebox'] }],
  ['jackets but not Northpeak', { category: J, notBrands: ['Northpeak'] }],
  ['headphones, no Pulsewave please', { category: H, notBrands: ['Pulsewave'] }],
  ['any backpack except Urban Mule', { category: B, notBrands: ['Urban Mule'] }],
  ['a watch other than Velora', { category: W, notBrands: ['Velora'] }],
  ['Fjellby sweater under $90', { category: K, brands: ['Fjellby'], max: 90 }],
  // Colours.
  ['blue running shoes', { category: R, colour: ['blue', 'navy', 'slate blue'] }],
  ['a red dress', { category: D, colour: ['red', 'burgundy'] }],
  ['black jeans', { category: P, colour: ['black'], notAccepted: ['blue'] }],
  ['a navy jacket', { category: J, colour: ['navy'], notAccepted: ['blue'] }],
  ['a grey hoodie', { category: K, colour: ['grey', 'charcoal', 'heather grey'], notAccepted: ['slate blue'] }],
  ['a gray hoodie', { category: K, colour: ['grey', 'charcoal'] }],
  ['a green backpack', { category: B, colour: ['green', 'olive', 'sage green', 'forest green'] }],
  ['sage green t-shirt', { category: T, colour: ['sage green'], notAccepted: ['olive'] }],
  ['a white t-shirt', { category: T, colour: ['white', 'cream'] }],
  ['pink yoga mat', { category: S, colour: ['pink', 'dusty pink'] }],
  ['a purple dress', { category: D, colour: ['lavender'] }],
  ['brown leather watch', { category: W, colour: ['tan'], material: ['full-grain leather'] }],
  ['yellow raincoat', { category: J, colour: ['yellow'] }],
  ['an orange kite', { category: TG, colour: ['orange'] }],
  ['beige trousers', { category: P, colour: ['sand', 'stone'] }],
  ['a silver watch', { category: W, colour: ['silver'] }],
  ['rose gold watch', { category: W, colour: ['rose gold'] }],
  ['terracotta dress', { category: D, colour: ['terracotta'] }],
  ['blue jeans in light wash', { category: P, colour: ['light wash', 'blue'] }],
  ['running shoes, not red', { category: R, notColour: ['red'] }],
  ['a jacket in any colour but black', { category: J, notColour: ['black'] }],
  ['sweater, no grey please', { category: K, notColour: ['grey', 'charcoal'] }],
  ['a blue jacket, not navy', { category: J, colour: ['blue', 'slate blue'], notColour: ['navy'] }],
  // Materials.
  ['a merino wool sweater', { category: K, material: ['merino wool'] }],
  ['merino base layer', { category: T, material: ['merino wool'] }],
  ['organic cotton t-shirt', { category: T, material: ['organic cotton'] }],
  ['a cotton dress', { category: D, material: ['organic cotton', 'organic cotton poplin'] }],
  ['leather bag', { category: B, material: ['full-grain leather'] }],
  ['a linen shirt', { category: T, material: ['linen'] }],
  ['titanium watch', { category: W, material: ['titanium'] }],
  ['cast iron pan', { category: C, material: ['cast iron'] }],
  ['stainless steel kettle', { category: C, material: ['stainless steel'] }],
  ['a wooden toy', { category: TG, material: ['FSC-certified wood'] }],
  ['denim skirt', { category: D }],
  ['a fleece jacket', { category: J }],
  ['a jacket, not nylon', { category: J, notMaterial: ['ripstop nylon', 'recycled nylon'] }],
  ['a sweater with no wool', { category: K, notMaterial: ['merino wool', 'recycled wool'], without: ['wool'] }],
  // Negation said as a dislike or an allergy, and a list whose first item the shop does not have.
  ["i don't want leather, just a nice watch", { category: W, notMaterial: ['leather', 'full-grain leather'] }],
  ['allergic to down, need a warm winter jacket', { category: J, notMaterial: ['down', 'goose down'] }],
  ['trainers for running, no suede or leather', { category: R, notMaterial: ['leather'] }],
  ['any jackets apart from black ones', { category: J, notColour: ['black'] }],
  ['jackets besides black', { category: J, notColour: ['black'] }],
  ['chef knife but not damascus, too fancy', { category: C, notMaterial: ['Damascus steel'] }],
  // The cream of a hand cream is no colour.
  ['hand cream or body lotion please', { category: BS }],
  ['Gore-Tex rain jacket', { category: J, material: ['waterproof Gore-Tex membrane'] }],
  // Sizes.
  ['running shoes size 9', { category: R, size: '9' }],
  ['jeans size 32', { category: P, size: '32' }],
  ['a t-shirt size M', { category: T, size: 'M' }],
  ['hoodie in medium', { category: K, size: 'M' }],
  ['a jacket in XL', { category: J, size: 'XL' }],
  ['dress in a small', { category: D, size: 'S' }],
  // A number alone after "in a", ending the message, is a size as shoe sizes are said; before a noun it is not.
  ['running shoes in a 10', { category: R, size: '10' }],
  ['jeans in a 32 please', { category: P, size: '32' }],
  ['running shoes, do you have them in 9?', { category: R, size: '9' }],
  ['trail shoes that will last me in 2 years', { category: R }],
  ['xxl hoodie', { category: K, size: 'XXL' }],
  ['size large t-shirt', { category: T, size: 'L' }],
  ['a dress in extra small', { category: D, size: 'XS' }],
  ['a large backpack', { category: B }],
  // Gender.
  ["women's running shoes", { category: R, gender: 'women' }],
  ['running shoes for men', { category: R, gender: 'men' }],
  ['a jacket for my wife', { category: J, gender: 'women' }],
  ['a sweater for my dad', { category: K, gender: 'men' }],
  ['ladies jeans', { category: P, gender: 'women' }],
  ['a hoodie for him or her', { category: K }],
  ["smart jeans for the office, I'm a guy btw", { category: P, gender: 'men' }],
  ['hi guys, any jeans in the sale', { category: P }],
  // "Without" features.
  ['a rain jacket without a hood', { category: J, without: ['hood'] }],
  ['headphones with no cable', { category: H, without: ['cabl'] }],
  ['a backpack without a laptop sleeve', { category: B, without: ['laptop'] }],
  ['moisturiser without fragrance', { category: BS, without: ['fragranc'] }],
  ['a watch without bluetooth', { category: W, without: ['bluetooth'] }],
  ['shoes no more than $60', { category: R, max: 60 }],
  // Sort.
  ['cheapest running shoes', { category: R, sort: 'price-asc' }],
  ['the least expensive tent', { category: O, sort: 'price-asc' }],
  ['budget headphones', { category: H, sort: 'price-asc' }],
  ['really well reviewed science kit', { category: TG, sort: 'rating' }],
  ['which science kit has the highest rating', { category: TG, sort: 'rating' }],
  ['walnut cutting board under 80', { category: C, max: 80, material: ['walnut'] }],
  // The longest category term ruled out, a shorter one asked for; not a word inside the one ruled out, nor a purpose.
  ['watch under $150 but not a smartwatch', { category: W, max: 150 }],
  // "runner" is a person after "for a": no running shoes.
  ['30 dollars max, gift for a runner', { max: 30 }],
  // "more cushion" is cushioning, not a cushion (a pillow).
  ['need running shoes with more cushion', { category: R }],
  ['jigsaw puzzle that isnt cardboard', { category: TG, notMaterial: ['recycled cardboard'] }],
  // Coral is an orange, not a pink.
  ['fitness tracker in pink', { category: W, colour: ['pink', 'blush', 'dusty pink'], notAccepted: ['coral'] }],
  ['kids kite, not too expensive', { category: TG, sort: 'price-asc' }],
  ['best value chef knife', { category: C, sort: 'price-asc' }],
  ['noise canceling headphones cheep', { category: H, sort: 'price-asc' }],
  ['most expensive watch', { category: W, sort: 'price-desc' }],
  ['your priciest jacket', { category: J, sort: 'price-desc' }],
  ['best rated backpack', { category: B, sort: 'rating' }],
  ['top-rated yoga mats', { category: S, sort: 'rating' }],
  ['highest rated board game', { category: TG, sort: 'rating' }],
  ['best reviewed kettle', { category: C, sort: 'rating' }],
  ['sort by price low to high', { sort: 'price-asc' }],
  // Combinations.
  ["blue women's running shoes under $100, not Kestrel", { category: R, max: 100, gender: 'women', colour: ['blue'], notBrands: ['Kestrel'] }],
  ['cheapest black merino sweater for men', { category: K, sort: 'price-asc', colour: ['black'], material: ['merino wool'], gender: 'men' }],
  ['Northpeak down jacket in size M between $150 and $300', { category: J, brands: ['Northpeak'], size: 'M', min: 150, max: 300 }],
  ['best rated leather watch around $200', { category: W, sort: 'rating', material: ['full-grain leather'], min: 160, max: 240 }],
  ['a green rucksack without a hip belt under 90 dollars', { category: B, colour: ['olive'], max: 90, without: ['hip'] }],
  // A colour or material that describes something else is no filter: the noun after it is not
  // a thing the shop sells, or a verb of state comes before it.
  ['steak always comes out grey and sad', {}],
  ['doing yoga on a wooden floor and my knees hurt', {}],
  ['the grey weather is getting me down, want something cheerful', {}],
  ['navy wool coat', { category: J, colour: ['navy'] }],
  ['dumbbells, not pink or purple thanks', { category: S, notColour: ['pink', 'purple'] }],
  ['jumper in cream or oatmeal, medium', { category: K, colour: ['cream', 'oatmeal'] }],
  // "£100 tops" is a ceiling, not the Tops category; relatives say who a present is for.
  ['brother in law just bought a campervan, something for his trips, £100 tops', { max: 100, gender: 'men' }],
  // "Top rated" is an order, "top-notch" praise: neither is the Tops category.
  ['top rated first', { sort: 'rating' }],
  ['a nice top for a party', { category: T }],
  ['grandad feels the cold, budget 60', { max: 60, gender: 'men' }],
  // A present's rough budget is a ceiling; a jacket's "around $100" a band (above).
  ['something for my aunt, 25ish', { max: 30, gender: 'women' }],
  ['what could I get my uncle? about 50 dollars', { max: 60, gender: 'men' }],
  ['stocking fillers for the lads, a tenner each', { max: 10, gender: 'men' }],
  ['stocking filler for my nephew, no more than a tenner', { max: 10, gender: 'men' }],
  ['something under a fiver for the office secret santa', { max: 5 }],
  // ...but a message that names a kind of product keeps them; "got" is no verb of state.
  ['leather strap watch', { category: W, material: ['full-grain leather'] }],
  ['have you got black trainers', { category: R, colour: ['black'] }],
  ['need the jacket in black today', { category: J, colour: ['black'] }],
  // A number before "tops" is not a price without a currency; "budget is about 60" is no sort.
  ['need 3 tops for holiday', { category: T }],
  // A budget is a ceiling, said "about" or not: a $40 jacket is within "budget is about 60".
  ['budget is about 60 for a jacket', { category: J, max: 60 }],
  ['size 12ish dress', { category: D }],
  // Help questions: no product filters at all.
  ['how do I return something?', {}],
  ['where is my order', {}],
  ['can I pay with paypal', {}],
  ['do you ship to canada', {}],
  ['I forgot my password', {}],
  ['how long does delivery take', {}],
  ['my order 12345 has not arrived', {}],
  ['can I change my delivery address', {}],
  ['I was charged twice', {}],
  ['how do I contact support', {}],
];

describe('query understanding: labelled shopper utterances', () => {
  it('has at least 150 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(150);
  });

  it.each(TABLE)('%s', (text, row) => {
    const { filters, sort } = understand(text, vocabulary);
    expect(filters.category).toBe(row.category);
    expect(filters.minPrice).toBe(row.min);
    expect(filters.maxPrice).toBe(row.max);
    expect(filters.brands?.slice().sort()).toEqual(row.brands);
    expect(filters.excludedBrands).toEqual(row.notBrands);
    expect(sort).toBe(row.sort ?? 'relevance');
    const accepted = (key: 'attributes' | 'excludedAttributes', name: string) => filters[key]?.[name];
    checkValues(accepted('attributes', 'colour'), row.colour, row.notAccepted);
    if (row.notColour) expect(accepted('excludedAttributes', 'colour')).toEqual(expect.arrayContaining(row.notColour));
    else expect(accepted('excludedAttributes', 'colour')).toBeUndefined();
    if (row.material) expect(accepted('attributes', 'material')).toEqual(expect.arrayContaining(row.material));
    else expect(accepted('attributes', 'material')).toBeUndefined();
    if (row.notMaterial) expect(accepted('excludedAttributes', 'material')).toEqual(expect.arrayContaining(row.notMaterial));
    else expect(accepted('excludedAttributes', 'material')).toBeUndefined();
    expect(accepted('attributes', 'sizes')).toEqual(row.size ? [row.size] : undefined);
    const genders = accepted('attributes', 'gender');
    if (row.gender) expect(genders).toEqual(expect.arrayContaining([`${row.gender}'s`, 'unisex']));
    else expect(genders).toBeUndefined();
    if (row.without) expect(filters.excludedTerms).toEqual(expect.arrayContaining(row.without));
    else expect(filters.excludedTerms).toBeUndefined();
  });
});

/** Wanted colours include `mustHave` and none of `mustNot`. */
function checkValues(accepted: string[] | undefined, mustHave: string[] | undefined, mustNot: string[] | undefined) {
  if (!mustHave) return expect(accepted).toBeUndefined();
  expect(accepted).toEqual(expect.arrayContaining(mustHave));
  for (const value of mustNot ?? []) expect(accepted).not.toContain(value);
}
