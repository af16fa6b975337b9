import { describe, expect, it } from 'vitest';
import { questionParts } from '../../nlu/index.js';

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
