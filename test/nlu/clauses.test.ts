import { describe, expect, it } from 'vitest';
import { messageClauses } from '../../nlu/index.js';

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
});
