/**
 * Questions about the products shown ("is the second one waterproof?", "does it come in
 * black?", "how much is it?"), on a small shop of hand-made products with the demo FAQ: which
 * product a message means, what it asks, and an answer that says only what the product's data says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Decision } from '../../turn/decide.js';
import { answerAbout, leansToHelpPages, readProductQuestion, variantsOf } from '../../turn/product-questions.js';
import { rememberTurn, type ShopperSession } from '../../turn/session.js';
import { referenceIn } from '../../turn/shown-products.js';
import type { Product } from '../../catalog/index.js';
import { queryWords, understand } from '../../nlu/index.js';
import { openTestShop, type TestShop } from '../helpers.js';

const jacket = (id: string, colour: string, inStock = true): Product => ({
  id,
  title: 'Kestrel Storm Rain Jacket',
  brand: 'Kestrel',
  category: 'Jackets & Coats',
  price: 120,
  currency: 'USD',
  description: `A ${colour} rain jacket for wet walks. A waterproof, breathable shell keeps out the rain. Taped seams and an adjustable hood.`,
  attributes: { colour, material: 'recycled nylon', sizes: 'S, M, L', gender: 'unisex' },
  inStock,
});

const PRODUCTS: Product[] = [
  jacket('J1', 'black'),
  jacket('J2', 'navy'),
  jacket('J3', 'red', false),
  {
    id: 'B1',
    title: 'Northpeak Trail Hiking Backpack',
    brand: 'Northpeak',
    category: 'Bags & Backpacks',
    price: 80,
    currency: 'USD',
    description: 'A light hiking backpack for day walks. Includes a rain cover and a hydration sleeve.',
    attributes: { colour: 'green', capacity: '30 L', material: 'ripstop nylon' },
    inStock: true,
  },
  // No stock flag, no material: what its data does not say is "I don't know".
  { id: 'K1', title: 'Brew Theory Electric Kettle', brand: 'Brew Theory', category: 'Kitchen & Cookware', price: 45, currency: 'USD', description: 'Boils a litre in three minutes.', attributes: { colour: 'silver' } },
  { id: 'D1', title: 'Harbor Linen Duvet Cover', brand: 'Harbor & Pine', category: 'Home & Bedding', price: 90, currency: 'USD', description: 'Washed linen duvet cover.', attributes: { colour: 'white', size: 'Queen' }, inStock: true },
  { id: 'D2', title: 'Harbor Linen Duvet Cover', brand: 'Harbor & Pine', category: 'Home & Bedding', price: 110, currency: 'USD', description: 'Washed linen duvet cover.', attributes: { colour: 'white', size: 'King' }, inStock: true },
  { id: 'G1', title: 'Fjellby Fjord Pullover Hoodie', brand: 'Fjellby', category: 'Knitwear & Hoodies', price: 60, currency: 'USD', description: 'A soft cotton hoodie.', attributes: { colour: 'grey', material: 'cotton' }, inStock: true },
  { id: 'H1', title: 'Sonora Air Wireless Headphones', brand: 'Sonora', category: 'Headphones & Audio', price: 150, currency: 'USD', description: 'Wireless headphones with a warm sound.', attributes: { colour: 'black', battery: '30 h' }, inStock: true },
];

describe('questions about the products shown', () => {
  let testShop: TestShop;
  const product = (id: string) => PRODUCTS.find((item) => item.id === id)!;

  beforeAll(async () => {
    // fp32: int8 vectors differ by CPU (ONNX Runtime's VNNI/AMX kernels vs AVX2), and the borderline
    // messages pinned here flip with them ("can i return it if it doesn't fit?" declined on an AMX machine).
    testShop = await openTestShop(PRODUCTS, undefined, undefined, 'fp32');
  }, 120_000);
  afterAll(() => testShop.close());

  const services = () => ({ ...testShop.shop.current(), options: testShop.shop.decisionOptions });
  const refer = (message: string, shownIds: string[], focusId?: string) => {
    const { vocabulary } = testShop.shop.current();
    return referenceIn(queryWords(message), shownIds.map(product), focusId ? product(focusId) : undefined, vocabulary);
  };
  const referred = (message: string, shownIds: string[], focusId?: string) => {
    const reference = refer(message, shownIds, focusId);
    return reference && 'product' in reference ? reference.product.id : reference ? reference.unclear.map((item) => item.id) : undefined;
  };

  describe('which product a message means', () => {
    const shown = ['J1', 'B1', 'K1', 'H1'];

    it('a place in the list: "the second one", "the 3rd", "number 2", "the last one"', () => {
      expect(referred('tell me about the second one', shown)).toBe('B1');
      expect(referred('whats the 3rd like', shown)).toBe('K1');
      expect(referred('number 2 pls', shown)).toBe('B1');
      expect(referred('is the last one any good', shown)).toBe('H1');
      expect(referred('first one', shown)).toBe('J1');
    });

    it('a place past the end of the list is unclear: which of the shown ones is for the shopper to say', () => {
      expect(referred('the sixth one', shown)).toEqual(shown);
    });

    it('words that order a list or say how long something lasts are no reference', () => {
      expect(refer('cheapest first', shown)).toBeUndefined();
      expect(refer('how long does the battery last', shown)).toBeUndefined();
      expect(refer('show me the top rated', shown)).toBeUndefined();
    });

    it('a pick: "the red one", "the kestrel one", "the cheapest one", one of them or which of several', () => {
      expect(referred('the red one', ['J1', 'J3', 'B1'])).toBe('J3');
      expect(referred('is the green one waterproof', ['J1', 'B1'])).toBe('B1');
      expect(referred('the kestrel one', ['J1', 'J2', 'B1'])).toEqual(['J1', 'J2']);
      expect(referred('how much is the cheapest one', shown)).toBe('K1');
      expect(referred('the most expensive one', shown)).toBe('H1');
      // No shown product is pink: not a reference ("the pink one" then refines the list, as "in pink" would).
      expect(refer('the pink one', shown)).toBeUndefined();
    });

    it('"it" is the product singled out since the list, the only one shown, or unclear among several', () => {
      expect(referred('is it waterproof', shown, 'B1')).toBe('B1');
      expect(referred('is it waterproof', ['K1'])).toBe('K1');
      expect(referred('is it waterproof', shown)).toEqual(shown);
      expect(referred('how much is that one', shown, 'H1')).toBe('H1');
      expect(referred('are they comfy', shown, 'H1')).toBe('H1');
      expect(refer('is it waterproof', [])).toBeUndefined();
    });
  });

  describe('what a message asks of a product', () => {
    const ask = (message: string) => readProductQuestion(message, understand(message, testShop.shop.current().vocabulary), testShop.shop.current().vocabulary);

    it.each([
      ['how much is', { about: 'price' }],
      ['whats the price', { about: 'price' }],
      ['in stock?', { about: 'stock' }],
      ['can i get now', { about: 'stock' }],
      ['who makes', { about: 'brand' }],
      ['does come in black', { about: 'colour', value: 'black' }],
      ['what colours does come in', { about: 'colour' }],
      ['do u have in a m', { about: 'size', value: 'M' }],
      ['xl?', { about: 'size', value: 'XL' }],
      ['what is made of', { about: 'attribute', key: 'material' }],
      ['hows the battery', { about: 'attribute', key: 'battery' }],
      ['how big is', { about: 'attribute', key: 'capacity' }],
      ['tell me more about', { about: 'details' }],
      ['is waterproof', { about: 'feature', words: ['waterproof'] }],
    ])('"%s"', (message, expected) => {
      expect(ask(message)).toMatchObject(expected);
    });

    it('"how much does it cost to ship" asks about shipping, not the price', () => {
      expect(ask('how much does cost to ship')).toMatchObject({ about: 'feature' });
    });
  });

  describe('answers from the product\'s own data', () => {
    const answer = (id: string, message: string) => {
      const { kb, vocabulary } = testShop.shop.current();
      return answerAbout(product(id), readProductQuestion(message, understand(message, vocabulary), vocabulary)!, kb);
    };

    it('the colours of its model: the one asked, a near one said as such, or the colours it comes in', () => {
      const navy = answer('J1', 'does it come in navy');
      expect(navy).toMatchObject({ known: true, text: 'Yes, we have the Kestrel Storm Rain Jacket in navy too:' });
      expect(navy.shows.map((item) => item.id)).toEqual(['J2']);
      const blue = answer('J1', 'does it come in blue');
      expect(blue.text).toBe('Not in blue as such. We have the Kestrel Storm Rain Jacket in navy:');
      const green = answer('J1', 'does it come in green');
      expect(green.text).toBe('No, we list the Kestrel Storm Rain Jacket in black, navy and red only.');
      expect(green.evidence.map((item) => item.value).sort()).toEqual(['black', 'navy', 'red']);
      expect(answer('J1', 'is it available in black').text).toBe('Yes, this one is black.');
    });

    it('"we have" only what is in stock: a colour sold out is said to be', () => {
      const red = answer('J1', 'does it come in red');
      expect(red.text).toBe("We list the Kestrel Storm Rain Jacket in red too, but it's out of stock at the moment:");
      expect(red.evidence).toContainEqual({ productId: 'J3', field: 'inStock', value: 'false' });
      expect(answer('J1', 'what colours does it come in').text).toBe('We have the Kestrel Storm Rain Jacket in black and navy (red is out of stock).');
      expect(answer('J3', 'do you have it in a medium').text).toBe("We list the Kestrel Storm Rain Jacket in red in size M, but it's out of stock at the moment.");
      expect(answer('J3', 'is it red').text).toBe("Yes, this one is red. It's out of stock at the moment.");
    });

    it('a colour is the same however it is spelt ("gray" of a grey hoodie)', () => {
      expect(answer('G1', 'is it grey').text).toBe('Yes, this one is grey.');
      expect(answer('G1', 'is it gray').text).toBe('Yes, this one is grey.');
    });

    it('sizes: from its size list, or from the sizes its model comes in one to a product', () => {
      expect(answer('J1', 'do you have it in a medium').text).toBe('Yes, we have the Kestrel Storm Rain Jacket in black in size M.');
      expect(answer('J1', 'does it come in xl').text).toBe('No, we list the Kestrel Storm Rain Jacket in black in sizes S, M and L only.');
      const king = answer('D1', 'do you have it in king');
      expect(king.text).toBe('Yes, we have the Harbor Linen Duvet Cover in King:');
      expect(king.shows.map((item) => item.id)).toEqual(['D2']);
    });

    it('price, stock and maker, each with the value it was read from', () => {
      expect(answer('B1', 'how much is it')).toMatchObject({ known: true, text: 'We sell the Northpeak Trail Hiking Backpack for $80.00.', evidence: [{ productId: 'B1', field: 'price', value: '80' }] });
      expect(answer('J3', 'is it in stock').text).toBe("We're out of the Kestrel Storm Rain Jacket in red at the moment.");
      expect(answer('H1', 'who makes it').text).toBe('Sonora makes the Sonora Air Wireless Headphones.');
    });

    it('an attribute by what it measures; one the product does not have is "I don\'t know"', () => {
      expect(answer('B1', 'how big is it')).toMatchObject({ known: true, text: 'The Northpeak Trail Hiking Backpack: holds 30 L.' });
      expect(answer('H1', 'hows the battery')).toMatchObject({ known: true, text: 'The Sonora Air Wireless Headphones: battery life 30 h.' });
      const material = answer('K1', 'what is it made of');
      expect(material.known).toBe(false);
      expect(material.text).toMatch(/^I don't know what it's made of: the details we have for the Brew Theory Electric Kettle don't say\./);
      expect(material.evidence).toEqual([]);
    });

    it('anything else is looked for in its listing and quoted, or not known', () => {
      const waterproof = answer('J2', 'is it waterproof');
      expect(waterproof).toMatchObject({ known: true, evidence: [{ productId: 'J2', field: 'description', value: 'A waterproof, breathable shell keeps out the rain.' }] });
      expect(waterproof.text).toBe('The listing for the Kestrel Storm Rain Jacket in navy says: “A waterproof, breathable shell keeps out the rain.”');
      expect(answer('B1', 'does it come with a rain cover').known).toBe(true);
      // The attribute it lacks is looked for in the listing too, and is not there.
      expect(answer('K1', 'is it waterproof')).toMatchObject({ known: false, evidence: [] });
    });

    it('a model is the catalog\'s products of one title and brand', () => {
      const { kb } = testShop.shop.current();
      expect(variantsOf(product('J1'), kb).map((item) => item.id).sort()).toEqual(['J1', 'J2', 'J3']);
      expect(variantsOf(product('B1'), kb).map((item) => item.id)).toEqual(['B1']);
    });
  });

  it('words of the help pages lean there ("can i return it?"); words of the listings do not', () => {
    const { kb } = testShop.shop.current();
    expect(leansToHelpPages(['return'], kb)).toBe(true);
    expect(leansToHelpPages(['refund'], kb)).toBe(true);
    expect(leansToHelpPages(['waterproof'], kb)).toBe(false);
    expect(leansToHelpPages(['rain', 'cover'], kb)).toBe(false);
  });

  describe('in the conversation', () => {
    const session = (shown: string[], focusId?: string): ShopperSession => ({ lastProductIds: shown, viewed: [], clicked: [], cart: [], ...(focusId ? { focusId } : {}) });
    const ask = (text: string, at: ShopperSession) => decide(text, services(), at);

    it('"is it waterproof?" of several products asks which one, and each choice is answered about that one', async () => {
      const at = session(['J1', 'B1', 'K1']);
      const which = await ask('is it waterproof?', at);
      expect(which.kind).toBe('which-product');
      if (which.kind !== 'which-product') return;
      expect(which.choices.map((choice) => choice.text)).toEqual(['is the first one waterproof', 'is the second one waterproof', 'is the third one waterproof']);
      for (const choice of which.choices) {
        const answered = await ask(choice.text, at);
        expect(answered.kind === 'product-answer' && answered.product.id).toBe(choice.product.id);
      }
    });

    it('"the second one" singles it out, and "it" then means that one', async () => {
      const at = session(['J1', 'B1', 'K1']);
      const second = await ask('the second one', at);
      expect(second).toMatchObject({ kind: 'product-answer', confidence: 1, product: { id: 'B1' }, asked: { about: 'details' } });
      rememberTurn(at, 'the second one', second);
      expect(at.focusId).toBe('B1');
      expect(await ask('how big is it?', at)).toMatchObject({ kind: 'product-answer', product: { id: 'B1' }, answer: { text: 'The Northpeak Trail Hiking Backpack: holds 30 L.' } });
      // A short question right after names no product and means it too.
      expect(await ask('price?', at)).toMatchObject({ kind: 'product-answer', product: { id: 'B1' }, asked: { about: 'price' } });
    });

    it('a variant shown for "in navy?" is what "it" means next; a new list ends it', async () => {
      const at = session(['J1', 'B1'], 'J1');
      const navy = await ask('does it come in navy?', at);
      rememberTurn(at, 'does it come in navy?', navy);
      expect(at.focusId).toBe('J2');
      const list: Decision = await ask('show me headphones', at);
      expect(list.kind).toBe('products');
      rememberTurn(at, 'show me headphones', list);
      expect(at.focusId).toBeUndefined();
    });

    it('an answer the data does not have says "I don\'t know", with confidence 0', async () => {
      expect(await ask('what is it made of?', session(['K1']))).toMatchObject({ kind: 'product-answer', confidence: 0, answer: { known: false } });
    });

    it('a policy question with "it" is for the FAQ: "can i return it if it doesn\'t fit?"', async () => {
      const decision = await ask("can i return it if it doesn't fit?", session(['J1', 'B1'], 'J1'));
      expect(decision.kind).toBe('faq');
    });

    it('"do you have it in blue?" after a list refines the list, not one product', async () => {
      const decision = await ask('do you have it in blue?', session(['J1', 'B1', 'K1']));
      expect(decision.kind).not.toBe('product-answer');
      expect(decision.kind).not.toBe('which-product');
    });

    it('"it" in a new request is no question about what was shown', async () => {
      const decision = await ask('i need a backpack, it must have a rain cover', session(['J1', 'K1'], 'J1'));
      expect(decision.kind).toBe('products');
    });
  });
});
