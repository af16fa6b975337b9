/**
 * The local Direct Line runs one turn at a time per conversation, in arrival order, while
 * other conversations go on: a page's product.view sent while the shopper's message is being
 * answered waits for that turn, so the two never save the session over each other.
 */
import { describe, expect, it } from 'vitest';
import { DirectLineAdapter } from '../../bot/direct-line.js';

function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('DirectLineAdapter turns', () => {
  it('runs a conversation\'s turns one after another in arrival order, and other conversations meanwhile', async () => {
    const adapter = new DirectLineAdapter();
    const shopper = adapter.startConversation();
    const other = adapter.startConversation();
    const steps: string[] = [];
    const slowMessage = gate();
    const first = adapter.receive(shopper, { type: 'message', text: 'a warm jacket' }, async () => {
      steps.push('message starts');
      await slowMessage.wait;
      steps.push('message ends');
    });
    const second = adapter.receive(shopper, { type: 'event', name: 'product.view', value: { productId: 'p1' } }, async () => {
      steps.push('view');
    });
    await adapter.receive(other, { type: 'message', text: 'hi' }, async () => {
      steps.push('other conversation');
    });
    expect(steps).toEqual(['message starts', 'other conversation']);
    slowMessage.open();
    await Promise.all([first, second]);
    expect(steps).toEqual(['message starts', 'other conversation', 'message ends', 'view']);
  });

  it('goes on with the next turn after one fails', async () => {
    const adapter = new DirectLineAdapter();
    const errors: unknown[] = [];
    adapter.onTurnError = async (_context, error) => void errors.push(error);
    const shopper = adapter.startConversation();
    const failed = adapter.receive(shopper, { type: 'message', text: 'boom' }, async () => {
      throw new Error('boom');
    });
    let ran = false;
    await adapter.receive(shopper, { type: 'message', text: 'next' }, async () => {
      ran = true;
    });
    await failed;
    expect(ran).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
