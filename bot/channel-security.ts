/**
 * Who may post to /api/messages, and what their activities may claim. Without Bot Framework
 * credentials the endpoint cannot tell a channel from anyone else, so by default it then serves
 * only loopback clients (the Emulator on the same machine); the bot replies only to service URLs
 * of Bot Framework's own hosts; and nothing a client sends can make its message the bot's.
 *
 *   const gate = new ChannelGate({ appId: '', allowUnauthenticated: false, serviceUrlHosts: [] });
 *   const local = isLocalClient(req.socket.remoteAddress, req.headers);
 *   gate.checkClient(local);          // throws HttpError 403 for a client not on this machine
 *   gate.normalise(activity, local);  // throws HttpError 403 for a serviceUrl the bot must not call
 */
import { isIP } from 'node:net';
import type { Activity } from 'botbuilder';
import { HttpError } from './http-errors.js';

export interface ChannelPolicy {
  /** MicrosoftAppId: when set, botbuilder authenticates every request (a JWT from the channel). */
  appId: string;
  /** ALLOW_UNAUTHENTICATED_CHANNELS=true: anyone may post without credentials (logged at start). */
  allowUnauthenticated: boolean;
  /** Extra service URL hosts the bot may reply to (CHANNEL_SERVICE_HOSTS), e.g. a self-hosted Direct Line. */
  serviceUrlHosts: string[];
}

/**
 * The hosts Bot Framework channels give as serviceUrl: Azure Bot Service's channels
 * (*.botframework.com, and the US Government cloud's), and Teams' regional endpoints
 * (smba.trafficmanager.net, smba.infra.gov.teams.microsoft.us).
 */
const CHANNEL_HOST_SUFFIXES = ['.botframework.com', '.botframework.azure.us', '.botframework.us', 'smba.trafficmanager.net', 'smba.infra.gov.teams.microsoft.us'];

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/**
 * A client on this machine itself: a loopback peer that no proxy forwarded. A reverse proxy on the
 * same machine connects from loopback for every internet client, and says so in X-Forwarded-For
 * or Forwarded; the peer address alone would make all of them "local".
 */
export function isLocalClient(remoteAddress: string | undefined, headers: Record<string, string | string[] | undefined>): boolean {
  return isLoopback(remoteAddress) && headers['x-forwarded-for'] === undefined && headers.forwarded === undefined && headers['x-real-ip'] === undefined;
}

function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || isLoopback(bare);
}

export class ChannelGate {
  constructor(private readonly policy: ChannelPolicy) {}

  get authenticated(): boolean {
    return this.policy.appId !== '';
  }

  /**
   * Loopback service URLs are the Emulator's: the bot may call one only for a client on this machine
   * (see isLocalClient) and without credentials. Anyone else naming one would have the bot POST to
   * a port of this machine of their choosing, ALLOW_UNAUTHENTICATED_CHANNELS or not.
   */
  private loopbackAllowed(localClient: boolean): boolean {
    return !this.authenticated && localClient;
  }

  /** Refuses a client the policy does not serve; throws HttpError 403 naming what to configure. */
  checkClient(localClient: boolean): void {
    if (this.authenticated || this.policy.allowUnauthenticated || localClient) return;
    throw new HttpError(
      403,
      'Forbidden',
      'this bot has no Bot Framework credentials, so /api/messages serves only this machine (the Emulator); set MicrosoftAppId (and its password) to serve channels',
    );
  }

  /** Why the bot must not send replies to this service URL, or undefined when it may. */
  serviceUrlProblem(serviceUrl: string, localClient: boolean): string | undefined {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return 'serviceUrl is not a URL';
    }
    const host = url.hostname.toLowerCase();
    if (isLoopbackHost(host)) {
      return this.loopbackAllowed(localClient) && (url.protocol === 'http:' || url.protocol === 'https:')
        ? undefined
        : "a loopback serviceUrl is the Emulator's, served only to a client on this machine and without Bot Framework credentials";
    }
    if (url.protocol !== 'https:') return 'serviceUrl must be https';
    const known = CHANNEL_HOST_SUFFIXES.some((suffix) => host === suffix.replace(/^\./, '') || host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`));
    if (known || this.policy.serviceUrlHosts.includes(host)) return undefined;
    return `serviceUrl host "${host.slice(0, 100)}" is not a Bot Framework channel host (add it to CHANNEL_SERVICE_HOSTS if it is yours)`;
  }

  /**
   * What a channel activity may say about itself. Its sender is the channel's user: a `from.role` of
   * "bot" (or anything else) is reset, so a transcript can never show the client's text as the bot's;
   * its recipient is the bot.
   */
  normalise(activity: Partial<Activity>, localClient: boolean): void {
    const problem = this.serviceUrlProblem(String(activity.serviceUrl ?? ''), localClient);
    if (problem) throw new HttpError(403, 'Forbidden', problem);
    if (activity.from) activity.from = { ...activity.from, role: 'user' };
    // The bot's replies take their `from` from this recipient: marked as the bot's whatever the client
    // sent, so transcripts (and what reads them, such as the asked-next miner) tell the two apart.
    if (activity.recipient) activity.recipient = { ...activity.recipient, role: 'bot' };
  }
}
