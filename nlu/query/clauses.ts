/**
 * The clauses of a long message, each a reading of its own. A shopper who describes a need
 * rambles: "just booked my PADI open water course in egypt, want something on my wrist i can
 * actually take down to 18m". Read whole, the message's vector sits between its parts; read
 * clause by clause, one part says diving and another the wrist.
 *
 *   messageClauses('first ski trip in feb!! everyone keeps saying layers and I have no clue what goes under a ski jacket')
 *   // ['first ski trip in feb', 'everyone keeps saying layers', 'I have no clue what goes under a ski jacket']
 */

/** Where a message's clauses part: punctuation, and the conjunctions that join clauses. */
const CLAUSE_BREAK = /\s*[,.;:!?()]+\s*|\s+(?:but|and|so|because|cos|coz|then|tbh)\s+/i;
/** A joining word a clause starts with after a comma: "…, and is express available to hawaii". */
const LEADING_JOIN = /^(?:(?:and|also|plus|but|so|or|then)\s+)+/i;
/**
 * A clause shorter than this says too little to read alone ("max 80", "send help", "way too
 * noisy"). 4 rather than 3: P@5 on the tuning / dev halves 0.915 / 0.811 at 3, 0.920 / 0.817 at 4.
 */
const MIN_CLAUSE_WORDS = 4;

/** The message's clauses of at least MIN_CLAUSE_WORDS words; none when it has only one. */
export function messageClauses(text: string): string[] {
  const clauses = text
    .replace(/\s+/g, ' ')
    .split(CLAUSE_BREAK)
    .map((clause) => clause.trim())
    .filter((clause) => clause.split(' ').filter((word) => /[a-z]/i.test(word)).length >= MIN_CLAUSE_WORDS)
    // A clause's leading joining words say nothing of their own, and without them the clause is
    // often word for word one of the message's questions (questionParts), whose vector it shares.
    // Counted before they go, as they were when MIN_CLAUSE_WORDS was chosen.
    .map((clause) => clause.replace(LEADING_JOIN, ''));
  const distinct = [...new Set(clauses)];
  return distinct.length >= 2 ? distinct : [];
}
