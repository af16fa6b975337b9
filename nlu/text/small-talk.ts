/**
 * Messages that are the conversation itself, not a question or a request: a greeting, thanks,
 * goodbye, "ok", asking whether Aisle is a person, or asking about the weather (which it cannot know). Only a whole message counts: "hi, do you sell
 * tents?" is a request with a greeting in front. Azure QnA Maker and Rasa call this chit-chat.
 *
 *   smallTalk('hiya!')              // 'greeting'
 *   smallTalk('thanks, thats all')  // 'thanks'
 *   smallTalk('r u a real person?') // 'identity'
 *   smallTalk('lol ok')             // 'acknowledgement'
 *   smallTalk('whats the weather like tomorrow') // 'weather'
 *   smallTalk('hi, any tents?')     // undefined
 */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye' | 'identity' | 'acknowledgement' | 'weather';

const TO_WHOM = String.raw`(?: there| all| guys| team| folks| aisle)?`;
const HOW_ARE_YOU = String.raw`(?:how are you|how r u|how are u|how r you|hows it going|how's it going|how is it going|you ok|u ok|you alright|alright)(?: today| doing)?`;
const GREETING = new RegExp(String.raw`^(?:(?:hi|hello|hey|hiya|heya|hey ya|yo|howdy|hallo|good (?:morning|afternoon|evening)|morning|afternoon|evening)${TO_WHOM}(?: ${HOW_ARE_YOU})?|${HOW_ARE_YOU})$`);
const DONE = String.raw`(?:(?:that'?s|thats|that is) (?:all|it|great|perfect|brilliant|everything|lovely|helpful|really helpful)(?: i needed| i wanted| for now| for today)?|all good|perfect|great|brilliant|lovely|ok|okay|cool|awesome|nice one|much appreciated)`;
const THANKS_WORD = String.raw`(?:thanks|thank you|thankyou|thx|ty|cheers|ta|many thanks)(?: so much| very much| a lot| loads| again)?`;
const THANKS = new RegExp(String.raw`^(?:(?:${DONE} ){0,2}${THANKS_WORD}(?: ${DONE})?|(?:that'?s|thats|that is) (?:all|it)(?: i needed| for now| for today)?)$`);
const GOODBYE = new RegExp(String.raw`^(?:(?:ok |okay |thanks |cheers )?(?:bye|goodbye|bye bye|see you|see ya|cya|ttyl|laters|take care|have a good (?:day|one|evening|night)))${TO_WHOM}$`);
/** "ok", "lol ok", "cool cool": heard, nothing asked. */
const ACKNOWLEDGEMENT = /^(?:(?:lol|haha|ha|hmm|ah|oh|right|yeah|yep|yes|no|nope|sure|fine|k|kk|ok|okay|cool|alright|gotcha|got it|fair enough|noted|i see|makes sense|no worries)(?: |$)){1,3}$/;
/** Asking about the weather, which a shop's assistant cannot know. */
const WEATHER = /^(?:(?:what'?s|whats|what is|how'?s|hows|how is|what will|will it) (?:the )?(?:weather|forecast)|(?:is it|will it|is it going to|is it gonna|it'?s going to|its going to) (?:rain|snow|be sunny|be hot|be cold))(?: like)?(?: (?:today|tonight|tomorrow|this weekend|at the weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:this|next) week|in [a-z]+))?$/;
const IDENTITY = /^(?:are you|r u|ru|is this|am i (?:talking|speaking|chatting) (?:to|with)) (?:a |an )?(?:real )?(?:person|human|bot|robot|ai|machine|computer|real)(?: or (?:a |an )?(?:real )?(?:person|human|bot|robot|ai|machine))?(?: (?:rn|right now|here|then|lol|haha|tho|though|honestly|seriously|just wondering))*$/;

export function smallTalk(text: string): SmallTalk | undefined {
  // Lower case, curly quotes straight, and no punctuation, emoji or repeated spaces around the words.
  const said = text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (said === '') return undefined;
  if (IDENTITY.test(said)) return 'identity';
  if (GREETING.test(said)) return 'greeting';
  if (THANKS.test(said)) return 'thanks';
  if (GOODBYE.test(said)) return 'goodbye';
  if (ACKNOWLEDGEMENT.test(said)) return 'acknowledgement';
  if (WEATHER.test(said)) return 'weather';
  return undefined;
}
