import { describe, expect, it } from 'vitest';
import { messageClauses, questionParts } from '../../nlu/index.js';

describe('messageClauses', () => {
  it('reads a rambling need clause by clause', () => {
    expect(messageClauses('first ski trip in feb!! everyone keeps saying layers and I have no clue what goes under a ski jacket')).toEqual([
      'first ski trip in feb',
      'everyone keeps saying layers',
      'I have no clue what goes under a ski jacket',
    ]);
  });
  it('keeps no clause too short to say anything alone, and none when there is only one', () => {
    expect(messageClauses('renting a cottage in wales for a week, no wifi, no telly, 3 kids. send help')).toEqual([]);
    expect(messageClauses('black running shoes under $80')).toEqual([]);
  });
  it('leaves out a clause\'s leading joining word, so a clause that is one of the questions is the same text (one vector for both)', () => {
    const text = 'whats the latest i can order for same day dispatch, and is express available to hawaii';
    expect(messageClauses(text)).toEqual(['whats the latest i can order for same day dispatch', 'is express available to hawaii']);
    expect(messageClauses(text)).toEqual(questionParts(text));
    expect(messageClauses('my refund still hasnt come through, also i need a vat invoice for work')).toEqual(['my refund still hasnt come through', 'i need a vat invoice for work']);
  });
});
