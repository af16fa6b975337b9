import { describe, expect, it } from 'vitest';
import { smallTalk } from '../../nlu/index.js';

describe('smallTalk', () => {
  it.each([
    ['hiya', 'greeting'],
    ['good morning!', 'greeting'],
    ['hi there 👋', 'greeting'],
    ['how are you today', 'greeting'],
    ['ok cool thanks', 'thanks'],
    ['thanks', 'thanks'],
    ['thank you, thats all i needed', 'thanks'],
    ['perfect, thank you so much', 'thanks'],
    ['ok bye', 'goodbye'],
    ['r u a real person', 'identity'],
    ['am i talking to a human?', 'identity'],
    ['lol ok', 'acknowledgement'],
    ['ok', 'acknowledgement'],
    ['whats the weather like tomorrow', 'weather'],
    ['is it going to rain on saturday', 'weather'],
  ])('"%s" is %s', (text, said) => {
    expect(smallTalk(text)).toBe(said);
  });

  it.each(['ok do you sell tents', 'what weather is this jacket good for', 'is it rain proof?', 'will it snow through this tent', 'hi, any tents?', 'hey guys do you ship to spain', 'thanks for nothing, my parcel never arrived', 'thank you for the help, where is my order', 'great', ''])('"%s" is not small talk: only a whole message is', (text) => {
    expect(smallTalk(text)).toBeUndefined();
  });
});
