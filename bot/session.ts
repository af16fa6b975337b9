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
}
