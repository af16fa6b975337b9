import { describe, expect, it } from 'vitest';
import { faqQueryText } from '../../nlu/index.js';

describe('faqQueryText: the message in the help page\'s words', () => {
  it.each([
    ['if it doesnt fit can i send it back and get my money back', 'if it doesnt fit can i return it and get a refund'],
    ['how does sending stuff back work with you guys', 'how does returning stuff work with you guys'],
    ['I want to post the boots back', 'I want to return the boots'],
    ['can i send the whole lot back to you', 'can i return the whole lot to you'],
    ['is shipping back free?', 'is returning free?'],
    ['changed my mind about the tent. can it go back', 'changed my mind about the tent. can it be returned'],
    ['do you do swaps', 'do you do exchanges'],
    ['Can I swap it for a bigger size?', 'Can I exchange it for a bigger size?'],
    ['got a gift voucher for my birthday', 'got a gift card for my birthday'],
    ['can i give you a ring tomorrow', 'can i call you tomorrow'],
    ['can i get a heads up when its back', 'can i get a notification when its back'],
    ['can i bring it back to the shop', 'can i return it to the shop'],
    ['do i have to send them back', 'do i have to return them'],
    ['swopped the wrong size', 'exchanged the wrong size'],
    ['gift-voucher balance', 'gift card balance'],
    ['do you take stuff back?', 'do you accept returns of stuff?'],
  ])('"%s" -> "%s"', (text, expected) => {
    expect(faqQueryText(text)).toBe(expected);
  });

  it.each([
    'can you ship it to my back door',
    'any plans to bring back the navy colour',
    'send me back a reply',
    'a back pack for school',
    'where is my parcel',
    // The courier or the shop sending it, a back order, anyone going back somewhere.
    'when will you ship my back order',
    'can you ship the back ordered items separately',
    'my package got sent back',
    'the courier took it back to the depot',
    'my parcel was sent back to you because I wasnt home',
    'can u send the receipt back to me',
    'you sent my jacket back after the repair but the zip is still broken',
    'sending my son back to uni, need a duvet',
    'shipping back-packs',
    // "take back" is a return only with "it" or "them": recycling, repairs and idioms are not.
    'do you take back old boots for recycling',
    'can I take my jacket back to the store to get the zip fixed',
    'take a look back at my order',
    // A swap of details, or a gift swap, is no exchange of an item.
    'can i swap my email address',
    'secret santa swap at work, 20 quid limit',
    'gift for a christmas gift swap under $25',
    // Told, not asked for; a ring sold; a guarantee.
    'just a heads up the link is broken',
    'key ring you sell',
    'money back guarantee?',
  ])('leaves "%s" as it is: no return, exchange or call is asked about', (text) => {
    expect(faqQueryText(text)).toBe(text);
  });
});
