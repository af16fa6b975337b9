/**
 * Per-conversation shopper state, kept in botbuilder's ConversationState (any Storage:
 * memory by default). What the shopper asked, viewed, clicked and put in the cart.
 */
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';

export interface ShopperSession {
  lastQuery?: string;
  lastProductIds: string[];
  viewed: string[];
  clicked: string[];
  cart: string[];
}

/** Most recent ids kept per list: enough context for the next suggestions, bounded in size. */
export const SESSION_LIST_LIMIT = 50;

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

export function remember(list: string[], id: string): void {
  const existing = list.indexOf(id);
  if (existing >= 0) list.splice(existing, 1);
  list.push(id);
  if (list.length > SESSION_LIST_LIMIT) list.splice(0, list.length - SESSION_LIST_LIMIT);
}
