import { describe, expect, it } from 'vitest';
import { aboutAnOrder, asksAboutAnotherShop, asksForAJob, asksHowOrWhy, questionParts } from '../../nlu/index.js';

describe('questionParts: two questions in one message', () => {
  it.each([
    ['how long does delivery normally take and do u take paypal', ['how long does delivery normally take', 'do u take paypal']],
    ['do u do gift wrap? and can i put a receipt in without prices', ['do u do gift wrap', 'can i put a receipt in without prices']],
    ['my refund still hasnt come through, also i need a vat invoice', ['my refund still hasnt come through', 'i need a vat invoice']],
    ['where do i print the returns label and do i have to pay for postage', ['where do i print the returns label', 'do i have to pay for postage']],
  ])('splits "%s"', (text, parts) => {
    expect(questionParts(text)).toEqual(parts);
  });

  it.each([
    'can I return shoes I have worn?',
    'black and white trainers please',
    'how do I return it? thanks',
    'is it free and fast?',
  ])('leaves "%s" as one question', (text) => {
    expect(questionParts(text)).toEqual([]);
  });
});

describe('asksHowOrWhy: questions about using or knowing, not requests', () => {
  it.each([
    'how do i fold a sleeping bag back into that tiny bag it came in',
    'how do i pitch a 4 man tent on my own',
    'whats the best way to pack a rucksack so it doesnt kill my shoulders',
    'how do i get rid of the old batteries from my headlamp',
    'who started harbor and pine',
    'why are your jackets so expensive',
    'when will the tents be back in stock',
  ])('"%s" asks how, who, why or when', (text) => {
    expect(asksHowOrWhy(text)).toBe(true);
  });
  it.each([
    'how do i choose a sleeping bag for winter camping',
    'how do i find a rain jacket that actually breathes',
    'when it rains my jacket leaks, need a new one',
    'running shoes for a half marathon',
    'what should I get my dad, he loves coffee',
  ])('"%s" does not', (text) => {
    expect(asksHowOrWhy(text)).toBe(false);
  });
});

describe('asksAboutAnotherShop', () => {
  it.each(['does amazon deliver on sundays', 'does walmart deliver to po boxes', "whats decathlon's returns policy like", 'can i return something i bought at REI to your store', "my argos order still hasn't come, can you chase it for me", "what's the return policy at Decathlon", "how do I track a USPS package that isn't from your shop", 'how do I get a refund from my airline for a cancelled flight', 'does my home insurance cover stolen camping gear', 'how do I cancel my Netflix subscription', "My Nike order from their website still hasn't turned up"])('"%s" is about another shop or business', (text) => {
    expect(asksAboutAnotherShop(text)).toBe(true);
  });
  it.each(['do you price match amazon', "do you price match amazon's prices?", 'can you deliver on sundays', 'I want to target my core, any kettlebells?', 'my bank charged me twice for one order', 'will it arrive before my flight on friday', 'the jacket I ordered from you is not the colour shown', 'need noise cancelling headphones for my airline flight next week', 'do you price match items from another site?', 'my insurer needs an invoice for the jacket I bought from you', 'I bought it in your store, not from your website, can I return it online?'])('"%s" is not', (text) => {
    expect(asksAboutAnotherShop(text)).toBe(false);
  });
});

describe('asksForAJob', () => {
  it.each(['r u guys hiring? looking for weekend work at one of ur stores', 'are you hiring at the moment', 'any vacancies?', 'got any job openings for the summer', 'weekend work at one of your stores?'])('"%s" asks for a job', (text) => {
    expect(asksForAJob(text)).toBe(true);
  });
  it.each(['work trousers for a new job', 'need a bag for work', 'looking for work boots', 'something for my commute to work', 'need smart shoes for my work experience placement', 'are you hiring out paddleboards this weekend', 'how does sending stuff back work with you guys'])('"%s" does not', (text) => {
    expect(asksForAJob(text)).toBe(false);
  });
});

describe('aboutAnOrder: telling of something already bought, not asking for products', () => {
  it.each([
    'changed my mind about the tent. can it go back',
    'paid 80 quid for these boots and one turned up with the sole hanging off',
    'sole has come away from my boot after 3 months of normal walking, what can you do',
    'my order came with a broken handle on the pan',
    'the headlamp stopped working after a week',
    "bought the trail watch in march and now it won't charge",
    'ordered blue, recieved pink. brilliant',
    'id rather have the next size up than my money back',
    'jacket came with a rip in the sleeve, brand new!!',
    'this isnt what i bought at all',
    'ordered blue, got pink',
    "the zip on my coat has jammed and I'd love to get it sorted rather than bin it",
    'strap snapped on my bag after a month',
    'just opened the box and the lid of the dutch oven is cracked clean in half',
  ])('"%s" tells of an order', (text) => {
    expect(aboutAnOrder(text)).toBe(true);
  });
  it.each([
    "sun cream, factor 50 if you've got it",
    'running shoes that come in wide fit',
    'a backpack that will fit my laptop and bring back my posture',
    'need milk eggs and bread, do you do groceries?',
    'a tent that packs down small',
    'trail running shoes - do they come in black?',
    'the dive watch, does it come in silver?',
    'a head torch that never stops working in the cold',
    'just received my bonus so treating myself to noise cancelling headphones',
    "I'd like to place an order for 2 sleeping bags",
    'loved the boots I bought last winter, any new colours?',
    'a rain jacket with a zip that never sticks',
    'glass or steel water bottle, stuck deciding',
  ])('"%s" does not', (text) => {
    expect(aboutAnOrder(text)).toBe(false);
  });
});
