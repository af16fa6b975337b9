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
    ['what time can i ring you till', 'what time can i call you till'],
    ['can i get a heads up when its back', 'can i get a notification when its back'],
  ])('"%s" -> "%s"', (text, expected) => {
    expect(faqQueryText(text)).toBe(expected);
  });

  it.each([
    'can you ship it to my back door',
    'any plans to bring back the navy colour',
    'send me back a reply',
    'a back pack for school',
    'where is my parcel',
  ])('leaves "%s" as it is: no return is asked about', (text) => {
    expect(faqQueryText(text)).toBe(text);
  });
});
