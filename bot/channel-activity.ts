/**
 * What an incoming activity must be before anything keeps it. `checkChannelActivity`: the least an
 * activity posted to /api/messages must have for a turn to run on it, checked before botbuilder
 * sees it, so a malformed post is the client's 400 with the field named, not a 500 from deep inside
 * the adapter ("validateAndFixActivity(): missing activity type"). `boundActivity`: the sizes of
 * what a client controls, on both channels, checked before the activity is kept in memory or
 * logged to the transcript.
 *
 *   checkChannelActivity({})   // throws HttpError 400: "type: ..."
 *   boundActivity({ type: 'message', text: 'x'.repeat(50_000) }).text.length // 2,001
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { HttpError } from './http-errors.js';
import { MAX_MESSAGE_CHARS } from './limits.js';

/** The most bytes of JSON one of an activity's free-form fields (value, channelData, entities) may hold. */
export const MAX_FIELD_BYTES = 8 * 1024;
const MAX_NAME_CHARS = 500;
/** An activity's labels: its event name, locale, time zone, local time and text format. */
const MAX_LABEL_CHARS = 200;

const text = z.string().min(1).max(500);
// What a reply carries back from the activity (botbuilder's conversation reference: its id as replyToId, `from`
// and `recipient` swapped, the conversation, the locale) must have the types the Bot Framework connector
// serialises, or the reply fails after the turn has run: `recipient: { id: 5 }` was a 200 and a failed turn.
const optional = <T extends z.ZodType>(type: T) => type.nullish();
const accountFields = { name: optional(z.string()), aadObjectId: optional(z.string()), role: optional(z.string()), properties: optional(z.looseObject({})) };
const channelActivity = z.looseObject({
  type: text,
  // A reply goes to .../activities/<this id>: a lone surrogate cannot be put in a URL (encodeURIComponent throws).
  id: optional(z.string().regex(/^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/, 'must be well-formed Unicode')),
  channelId: text,
  serviceUrl: z.string().min(1).max(2000),
  locale: optional(z.string()),
  // The bot reads a message's text as text: `text: {}` failed the turn after a 200.
  text: optional(z.string()),
  // The connector sends the conversation id in a header (x-ms-conversation-id) too: a NUL or an emoji there failed the reply.
  conversation: z.looseObject({ id: text.regex(/^[\t\x20-\x7e\x80-\xff]+$/, 'must be characters an HTTP header can carry'), ...accountFields, isGroup: optional(z.boolean()), conversationType: optional(z.string()), tenantId: optional(z.string()) }),
  from: z.looseObject({ id: text, ...accountFields }),
  recipient: optional(z.looseObject({ id: optional(z.string()), ...accountFields })),
});

export function checkChannelActivity(body: unknown): void {
  const parsed = channelActivity.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'BadArgument', `not a Bot Framework activity: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
  }
}

/**
 * Bounds what a client controls in an activity, in place, and returns it. A message longer than
 * the bot reads is kept only as far as the bot needs to see that it is too long: the 249 KB
 * messages that were refused used to be stored whole first. Free-form fields beyond
 * MAX_FIELD_BYTES are refused (413): a shopper's client never sends that much.
 */
export function boundActivity<T extends Partial<Activity>>(activity: T): T {
  if (typeof activity.text === 'string' && activity.text.length > MAX_MESSAGE_CHARS + 1) {
    activity.text = activity.text.slice(0, MAX_MESSAGE_CHARS + 1);
  }
  for (const field of ['value', 'channelData', 'entities', 'attachments'] as const) {
    if (activity[field] === undefined) continue;
    const bytes = Buffer.byteLength(JSON.stringify(activity[field]) ?? '');
    if (bytes > MAX_FIELD_BYTES) throw new HttpError(413, 'MessageSizeTooBig', `activity ${field} is ${bytes.toLocaleString('en-US')} bytes of JSON; at most ${MAX_FIELD_BYTES.toLocaleString('en-US')}`);
  }
  // Short labels a client may send; each kept with the activity, so each bounded.
  for (const field of ['name', 'locale', 'localTimezone', 'localTimestamp', 'textFormat'] as const) {
    const value = activity[field] as unknown;
    if (value === undefined) continue;
    const length = typeof value === 'string' ? value.length : JSON.stringify(value)?.length ?? 0;
    if (length > MAX_LABEL_CHARS) throw new HttpError(400, 'BadArgument', `activity ${field} is ${length.toLocaleString('en-US')} characters; at most ${MAX_LABEL_CHARS}`);
  }
  for (const who of ['from', 'recipient'] as const) {
    const party = activity[who] as { id?: unknown; name?: unknown } | undefined;
    for (const key of ['id', 'name'] as const) {
      const value = party?.[key];
      if (typeof value === 'string' && value.length > MAX_NAME_CHARS) throw new HttpError(400, 'BadArgument', `activity ${who}.${key} is ${value.length.toLocaleString('en-US')} characters; at most ${MAX_NAME_CHARS}`);
    }
  }
  return activity;
}
