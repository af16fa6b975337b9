import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.encoder).toEqual({ variant: 'int8', device: 'cpu', threads: 0, maxSequenceLength: 256 });
    expect(config.adminToken).toBeUndefined();
    expect(config.databasePath).toMatch(/data\/aisle\.db$/);
  });

  it('names the variable and the problem when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/config: PORT: /);
    expect(() => loadConfig({ EMBED_DEVICE: 'tpu' })).toThrow(/EMBED_DEVICE/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN: must be at least 8 characters/);
  });

  it('treats empty variables as unset and reads thresholds and credentials', () => {
    const config = loadConfig({ PORT: '', FAQ_ANSWER_THRESHOLD: '0.7', MicrosoftAppId: 'app', DEMO_SHOP: 'false' });
    expect(config.port).toBe(3978);
    expect(config.decision).toEqual({ faqAnswerThreshold: 0.7 });
    expect(config.botFramework.MicrosoftAppId).toBe('app');
    expect(config.demoShop).toBe(false);
  });

  it("reads the shop's FAQ answer values, and refuses values that cannot rank the outcomes", () => {
    expect(loadConfig({}).faqValues).toEqual({ right: 1, wrong: -0.5, clarify: 0.5, decline: 0, outOfScopeShare: 0.2 });
    expect(loadConfig({ FAQ_VALUE_WRONG: '-2', FAQ_OUT_OF_SCOPE_SHARE: '0.35' }).faqValues).toMatchObject({ wrong: -2, outOfScopeShare: 0.35 });
    expect(() => loadConfig({ FAQ_VALUE_WRONG: '1' })).toThrow(/FAQ_VALUE_WRONG.*a wrong answer \(1\) must be worth less than a decline \(0\)/);
    expect(() => loadConfig({ FAQ_OUT_OF_SCOPE_SHARE: '1' })).toThrow(/FAQ_OUT_OF_SCOPE_SHARE/);
    expect(() => loadConfig({ FAQ_VALUE_CLARIFY: 'half' })).toThrow(/FAQ_VALUE_CLARIFY/);
  });

  it('takes a click teacher only where it runs online, on a GPU', () => {
    expect(() => loadConfig({ CTR_MODEL: 'models/ctr' })).toThrow(/CTR_MODEL: the click cross-encoder runs online only on a GPU \(set EMBED_DEVICE=cuda\).*npm run eval -- --ranking --teacher DIR/);
    expect(loadConfig({ CTR_MODEL: 'models/ctr', EMBED_DEVICE: 'cuda' }).ranking).toEqual({ explore: 0.1, ctrModel: expect.stringMatching(/\/models\/ctr$/) });
    expect(loadConfig({}).ranking).toEqual({ explore: 0.1 });
  });

  it('is safe by default: channels on loopback only, per-client rates, idle conversations dropped after an hour, no proxy trusted', () => {
    const config = loadConfig({});
    expect(config.channels).toEqual({ allowUnauthenticated: false, serviceUrlHosts: [] });
    expect(config.limits).toMatchObject({ conversationsPerMinute: 30, activitiesPerMinute: 240, idleConversationMs: 3_600_000 });
    expect(config.trustProxy).toBe(false);
    expect(config.shopOrigins).toEqual([]);
  });

  it('reads the channel, rate, proxy and shop-origin settings, and names a bad one', () => {
    const config = loadConfig({
      ALLOW_UNAUTHENTICATED_CHANNELS: 'true',
      CHANNEL_SERVICE_HOSTS: ' Bots.Example.com, relay.example.org ',
      RATE_CONVERSATIONS_PER_MINUTE: '5',
      RATE_ACTIVITIES_PER_MINUTE: '50',
      CONVERSATION_IDLE_MINUTES: '15',
      TRUST_PROXY: '1',
      SHOP_ORIGINS: 'https://shop.example.com, https://cdn.example.com',
    });
    expect(config.channels).toEqual({ allowUnauthenticated: true, serviceUrlHosts: ['bots.example.com', 'relay.example.org'] });
    expect(config.limits).toMatchObject({ conversationsPerMinute: 5, activitiesPerMinute: 50, idleConversationMs: 900_000 });
    expect(config.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(config.shopOrigins).toEqual(['https://shop.example.com', 'https://cdn.example.com']);
    expect(() => loadConfig({ RATE_ACTIVITIES_PER_MINUTE: '0' })).toThrow(/RATE_ACTIVITIES_PER_MINUTE/);
    expect(() => loadConfig({ SHOP_ORIGINS: 'javascript:alert(1)' })).toThrow(/SHOP_ORIGINS/);
    expect(() => loadConfig({ ALLOW_UNAUTHENTICATED_CHANNELS: 'maybe' })).toThrow(/ALLOW_UNAUTHENTICATED_CHANNELS/);
  });
});
