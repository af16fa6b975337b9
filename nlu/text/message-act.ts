/**
 * What a message does, when it is one of the acts that decide the reply kind before any search:
 * the conversation itself (small talk), asking for a person, asking about another shop, or asking
 * for suggestions without saying for what. The acts are tasks in one registry, read in order; the
 * first that reads the message wins. A message that is none of them is a question or a request,
 * for the FAQ and the catalog to settle.
 *
 *   messageAct('thanks!')                          // { act: 'small-talk', said: 'thanks' }
 *   messageAct('can i talk to a real person')      // { act: 'person' }
 *   messageAct('does walmart deliver to po boxes') // { act: 'another-shop' }
 *   messageAct('what would you recommend for me?') // { act: 'suggestions' }
 *   messageAct('a warm jacket under $100')         // undefined
 */
import { asksAboutAnotherShop } from './question-parts.js';
import { smallTalk, type SmallTalk } from './small-talk.js';

export type MessageAct = { act: 'small-talk'; said: SmallTalk } | { act: 'person' } | { act: 'another-shop' } | { act: 'suggestions' };

export interface MessageActTask {
  name: MessageAct['act'];
  read(text: string): MessageAct | undefined;
}

const ASKS_FOR_PERSON = /\b(human|real person|actual person|live agent|an agent|representative|someone real|speak (?:to|with) (?:someone|a person|somebody)|talk (?:to|with) (?:someone|a person|somebody|a human)|(?:put|get|transfer|pass) me (?:through )?to (?:a person|someone|somebody|a human|an agent|a real person|an actual person)|(?:want|need) a person)\b/i;

/**
 * Asking for suggestions without saying for what: "what would you recommend for me?", "any
 * suggestions?", "what should i get?", "surprise me". "Can you recommend a tent" names a kind and
 * is a search.
 */
const SUGGESTIONS_ASKED = /^(?:(?:so|ok|okay|hmm|and)\s+)?(?:what (?:would|do|can|could) you (?:recommend|suggest)(?: (?:for )?me)?|(?:any|got any|have you got any) (?:recommendations|suggestions|ideas)(?: for me)?|(?:can|could) you (?:recommend|suggest) (?:something|anything)(?: for me)?|recommend (?:me )?(?:something|anything)|suggest (?:something|anything)(?: for me)?|what should i (?:get|buy)|surprise me|what(?:'s| is) good|pick something for me)[\s?!.]*$/i;

export const MESSAGE_ACT_TASKS: readonly MessageActTask[] = [
  // "r u a real person?" asks what Aisle is, not for a person: before the hand-over.
  { name: 'small-talk', read: (text) => { const said = smallTalk(text); return said ? { act: 'small-talk', said } : undefined; } },
  { name: 'person', read: (text) => (ASKS_FOR_PERSON.test(text) ? { act: 'person' } : undefined) },
  // This shop's answers are not another shop's: "does walmart deliver to po boxes" gets no PO box policy.
  { name: 'another-shop', read: (text) => (asksAboutAnotherShop(text) ? { act: 'another-shop' } : undefined) },
  { name: 'suggestions', read: (text) => (SUGGESTIONS_ASKED.test(text.trim()) ? { act: 'suggestions' } : undefined) },
];

export function messageAct(text: string, tasks: readonly MessageActTask[] = MESSAGE_ACT_TASKS): MessageAct | undefined {
  for (const task of tasks) {
    const act = task.read(text);
    if (act) return act;
  }
  return undefined;
}
