/**
 * The acts that decide a reply's kind before any search (nlu/text/message-act.ts), as shoppers
 * write them, and the order in which they are read.
 */
import { describe, expect, it } from 'vitest';
import { messageAct } from '../../nlu/index.js';

describe('messageAct', () => {
  it.each([
    ['thanks, thats all', { act: 'small-talk', said: 'thanks' }],
    ['hiya!', { act: 'small-talk', said: 'greeting' }],
    // Asking what Aisle is, not for a person: small talk is read first.
    ['r u a real person?', { act: 'small-talk', said: 'identity' }],
    ['can i talk to a real person please', { act: 'person' }],
    ['put me through to an agent', { act: 'person' }],
    ['does walmart deliver to po boxes', { act: 'another-shop' }],
    ['what would you recommend for me?', { act: 'suggestions' }],
    ['any suggestions?', { act: 'suggestions' }],
    ['surprise me', { act: 'suggestions' }],
  ])('%s', (text, act) => {
    expect(messageAct(text)).toEqual(act);
  });

  it.each(['can you recommend a tent', 'a warm jacket under $100', 'how do I return something?', 'hi, do you sell tents?'])(
    'leaves a question or a request to the FAQ and the catalog: %s',
    (text) => {
      expect(messageAct(text)).toBeUndefined();
    },
  );
});
