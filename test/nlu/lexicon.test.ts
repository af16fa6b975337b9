import { describe, expect, it } from 'vitest';
import { englishLexicon } from '../../nlu/index.js';

describe('englishLexicon (WordNet 3.1)', () => {
  const lexicon = englishLexicon();

  it.each(['hammock', 'toaster', 'binoculars', 'air fryer', 'knife sharpener', 'floor lamp', 'steak'])('"%s" names a thing one can buy', (phrase) => {
    expect(lexicon.isThing(phrase)).toBe(true);
  });

  it.each(['job', 'lips', 'half marathon', 'evening', 'measurement', 'difference', 'uni'])('"%s" does not, in its most frequent senses', (phrase) => {
    expect(lexicon.isThing(phrase)).toBe(false);
  });

  it('reads every sense when asked to: a phone case is a thing, though "case" is first an instance', () => {
    expect(lexicon.isThing('iphone cases')).toBe(false);
    expect(lexicon.isThing('iphone cases', Infinity)).toBe(true);
    expect(lexicon.isThing('difference', Infinity)).toBe(false);
    // Only the most frequent sense: a hammock is first a knoll.
    expect(lexicon.isThing('hammock', 1)).toBe(false);
    expect(lexicon.isThing('binoculars', 1)).toBe(true);
  });

  it('tells nouns whose senses WordNet ranks by use from those it lists in no order', () => {
    // "trip" was tagged 31 times as a journey; "hammock" and "conditioner" hardly at all.
    expect(lexicon.sensesRanked('trip')).toBe(true);
    expect(lexicon.sensesRanked('drive')).toBe(true);
    expect(lexicon.sensesRanked('hammock')).toBe(false);
    expect(lexicon.sensesRanked('conditioner')).toBe(false);
    expect(lexicon.isVerb('string')).toBe(true);
    expect(lexicon.isVerb('cornwall')).toBe(false);
  });

  it('knows compounds as their own nouns, and words that are only adjectives or adverbs', () => {
    expect(lexicon.isNoun('ironing board')).toBe(true);
    expect(lexicon.isNoun('life jacket')).toBe(true);
    expect(lexicon.isNoun('waterproof jacket')).toBe(false);
    expect(lexicon.isModifierOnly('always')).toBe(true);
    expect(lexicon.isModifierOnly('big')).toBe(true);
    expect(lexicon.isModifierOnly('box')).toBe(false);
  });
});
