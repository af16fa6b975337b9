/**
 * Per-conversation shopper state (turn/session.ts), kept in botbuilder's ConversationState (any
 * Storage: memory by default, Redis with REDIS_URL).
 */
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ShopperSession } from '../turn/session.js';

export class SessionAccessor {
  private readonly property: StatePropertyAccessor<ShopperSession>;

  constructor(private readonly state: ConversationState) {
    this.property = state.createProperty<ShopperSession>('aisle.session');
  }

  async get(context: TurnContext): Promise<ShopperSession> {
    return this.property.get(context, { lastProductIds: [], viewed: [], clicked: [], cart: [] });
  }

  async save(context: TurnContext): Promise<void> {
    await this.state.saveChanges(context);
  }

  /** Deletes an erased conversation's state from the storage (memory or Redis), outside any turn. */
  async forget(channelId: string, conversationId: string): Promise<void> {
    // ConversationState keys its storage by the activity's channel and conversation: a context of just those finds the key.
    const context = { activity: { channelId, conversation: { id: conversationId } }, turnState: new Map() };
    await this.state.delete(context as unknown as TurnContext);
  }
}
