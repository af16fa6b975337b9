/**
 * A client of Aisle's local Direct Line (bot/direct-line.ts), as Web Chat uses it: start a
 * conversation, send an activity, and read the bot's replies to it. The tests and
 * `npm run simulate` talk to the real server through it.
 *
 *   const client = await new DirectLineClient('http://127.0.0.1:3978').start();
 *   const [reply] = await client.say('warm jacket under $100');
 */
export class DirectLineClient {
  private watermark = 0;
  conversationId = '';
  token = '';

  constructor(
    private readonly baseUrl: string,
    private readonly shopperId = 'shopper-1',
  ) {}

  async start(): Promise<this> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations`, { method: 'POST' });
    if (response.status !== 201) throw new Error(`start: HTTP ${response.status}`);
    const body = (await response.json()) as { conversationId: string; token: string };
    this.conversationId = body.conversationId;
    this.token = body.token;
    return this;
  }

  post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ from: { id: this.shopperId, name: 'Shopper' }, ...activity }),
    });
  }

  /** Sends an activity and returns the bot's replies to it. */
  async send(activity: Record<string, unknown>): Promise<any[]> {
    const response = await this.post(activity);
    if (!response.ok) throw new Error(`send: HTTP ${response.status}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    const all = await this.poll();
    return all.filter((a) => a.replyToId === id && a.from?.role === 'bot');
  }

  async say(text: string): Promise<any[]> {
    return this.send({ type: 'message', text });
  }

  async poll(): Promise<any[]> {
    const response = await fetch(`${this.baseUrl}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    const body = (await response.json()) as { activities: any[]; watermark: string };
    this.watermark = Number(body.watermark);
    return body.activities;
  }
}
