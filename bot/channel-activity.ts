/**
 * The least an activity posted to /api/messages must have for a turn to run on it: checked
 * before botbuilder sees it, so a malformed post is the client's 400 with the field named, not
 * a 500 from deep inside the adapter ("validateAndFixActivity(): missing activity type").
 *
 *   checkChannelActivity({})   // throws HttpError 400: "type: ..."
 */
import { z } from 'zod';
import { HttpError } from './http-errors.js';

const text = z.string().min(1).max(500);
const channelActivity = z.looseObject({
  type: text,
  channelId: text,
  serviceUrl: z.string().min(1).max(2000),
  conversation: z.looseObject({ id: text }),
  from: z.looseObject({ id: text }),
});

export function checkChannelActivity(body: unknown): void {
  const parsed = channelActivity.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, 'BadArgument', `not a Bot Framework activity: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
  }
}
