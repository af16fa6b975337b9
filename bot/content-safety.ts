/**
 * Every message the bot sends, on every adapter, made safe to show before it leaves: its markdown
 * text and its cards' text through `safeMarkdown`, and no link, image or media outside the shop's
 * own origins (relative URLs, and SHOP_ORIGINS) in cards and buttons. One botbuilder middleware,
 * so no reply path goes around it; what the transcript keeps is what the shopper was sent.
 *
 *   adapter.use(new ContentSafetyMiddleware(['https://shop.example']));
 */
import type { Activity, Attachment, CardAction, Middleware, TurnContext } from 'botbuilder';
import { allowedUrl, safeMarkdown, type Origins } from './safe-markdown.js';

/** Card actions whose value a client opens or fetches as a URL. */
const URL_ACTIONS = new Set(['openUrl', 'downloadFile', 'showImage', 'playAudio', 'playVideo', 'signin']);
/** Attachment content types whose content is markdown text. */
const MARKDOWN_CONTENT = new Set(['text/markdown', 'text/x-markdown', 'text/html', 'text/xml']);
/** Card properties shown as (markdown) text, in Bot Framework and Adaptive Cards. */
const TEXT_KEYS = new Set(['text', 'title', 'subtitle', 'fallbackText']);
/** Card properties that are a URL a client fetches or opens: an object holding a bad one goes. */
const URL_KEYS = new Set(['url', 'contentUrl', 'image']);
/** Optional URL properties: a bad one is left out, the object stays. */
const OPTIONAL_URL_KEYS = new Set(['thumbnailUrl', 'iconUrl', 'backgroundImage', 'poster']);

export class ContentSafetyMiddleware implements Middleware {
  constructor(private readonly origins: Origins = []) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    context.onSendActivities(async (_context, activities, sendNext) => {
      // botbuilder passes the same array on to the adapter: replaced in place.
      for (let i = 0; i < activities.length; i++) activities[i] = safeActivity(activities[i]!, this.origins);
      return sendNext();
    });
    context.onUpdateActivity(async (_context, activity, updateNext) => {
      Object.assign(activity, safeActivity(activity, this.origins));
      return updateNext();
    });
    await next();
  }
}

/** A copy of `activity` whose text, cards and buttons are safe to show (see the file's head). */
export function safeActivity<T extends Partial<Activity>>(activity: T, origins: Origins): T {
  const safe: T = { ...activity };
  // Plain text is shown as text: nothing in it is markup or a link.
  if (typeof safe.text === 'string' && safe.textFormat !== 'plain') safe.text = safeMarkdown(safe.text, origins);
  if (Array.isArray(safe.attachments)) safe.attachments = safe.attachments.map((attachment) => safeAttachment(attachment, origins)).filter((a): a is Attachment => a !== undefined);
  if (safe.suggestedActions && Array.isArray(safe.suggestedActions.actions)) {
    safe.suggestedActions = { ...safe.suggestedActions, actions: safeActions(safe.suggestedActions.actions, origins) };
  }
  return safe;
}

function safeActions(actions: readonly CardAction[], origins: Origins): CardAction[] {
  return actions.map((action) => safeAction(action, origins)).filter((a): a is CardAction => a !== undefined);
}

/** A button: one that opens a URL outside the origins goes; its title is a label, shown as plain text. */
function safeAction(action: CardAction, origins: Origins): CardAction | undefined {
  if (!action || typeof action !== 'object') return undefined;
  const safe = { ...action };
  if (URL_ACTIONS.has(String(safe.type))) {
    const url = typeof safe.value === 'string' ? allowedUrl(safe.value, origins) : undefined;
    if (url === undefined) return undefined;
    safe.value = url;
  }
  if (typeof safe.image === 'string') {
    const image = allowedUrl(safe.image, origins);
    if (image === undefined) delete safe.image;
    else safe.image = image;
  }
  return safe;
}

function safeAttachment(attachment: Attachment, origins: Origins): Attachment | undefined {
  if (!attachment || typeof attachment !== 'object') return undefined;
  const safe: Attachment = { ...attachment };
  if (typeof safe.contentUrl === 'string') {
    const url = allowedUrl(safe.contentUrl, origins);
    if (url === undefined) return undefined;
    safe.contentUrl = url;
  }
  if (typeof safe.thumbnailUrl === 'string') {
    const url = allowedUrl(safe.thumbnailUrl, origins);
    if (url === undefined) delete safe.thumbnailUrl;
    else safe.thumbnailUrl = url;
  }
  if (typeof safe.content === 'string') {
    if (MARKDOWN_CONTENT.has(safe.contentType)) safe.content = safeMarkdown(safe.content, origins);
  } else if (safe.content && typeof safe.content === 'object') {
    const content = safeCard(safe.content, origins);
    if (content === undefined) return undefined;
    safe.content = content;
  }
  return safe;
}

/**
 * A card (hero, thumbnail, Adaptive, receipt...), walked: text through safeMarkdown, buttons through
 * safeAction, and any image, media or link outside the origins removed with the element holding it.
 */
function safeCard(value: unknown, origins: Origins): unknown {
  if (Array.isArray(value)) return value.map((item) => safeCard(item, origins)).filter((item) => item !== undefined);
  if (!value || typeof value !== 'object') return value;
  if (isCardAction(value)) return safeAction(value, origins);
  const safe: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === 'string' && URL_KEYS.has(name)) {
      const url = allowedUrl(field, origins);
      if (url === undefined) return undefined;
      safe[name] = url;
    } else if (OPTIONAL_URL_KEYS.has(name) && (typeof field === 'string' || (field && typeof field === 'object'))) {
      const raw = typeof field === 'string' ? field : (field as { url?: unknown }).url;
      const url = typeof raw === 'string' ? allowedUrl(raw, origins) : undefined;
      if (url !== undefined) safe[name] = typeof field === 'string' ? url : { ...(field as object), url };
    } else if (typeof field === 'string' && (TEXT_KEYS.has(name) || (name === 'value' && isFact(value)))) {
      safe[name] = safeMarkdown(field, origins);
    } else {
      // A tap or select action, or an element, with nothing left to show goes; anything else keeps its place.
      const inner = safeCard(field, origins);
      if (inner !== undefined) safe[name] = inner;
    }
  }
  if ((safe.type === 'Image' || safe.type === 'Action.OpenUrl') && typeof safe.url !== 'string') return undefined;
  if (safe.type === 'Media' && (!Array.isArray(safe.sources) || safe.sources.length === 0)) return undefined;
  return safe;
}

/** An Adaptive Card fact ({ title, value }), whose value is markdown too. */
function isFact(value: object): boolean {
  return !('type' in value) && typeof (value as { title?: unknown }).title === 'string' && typeof (value as { value?: unknown }).value === 'string';
}

/** A Bot Framework card action ({ type: 'openUrl', value }); Adaptive Card actions have types like "Action.OpenUrl". */
function isCardAction(value: unknown): value is CardAction {
  if (!value || typeof value !== 'object') return false;
  const { type } = value as { type?: unknown };
  return typeof type === 'string' && !type.includes('.') && 'value' in value && ['openUrl', 'imBack', 'postBack', 'messageBack', 'call', 'downloadFile', 'showImage', 'playAudio', 'playVideo', 'signin', 'invoke'].includes(type);
}
