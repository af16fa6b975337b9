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

  it('takes a click teacher only where it runs online, on a GPU', () => {
    expect(() => loadConfig({ CTR_MODEL: 'models/ctr' })).toThrow(/CTR_MODEL: the click cross-encoder runs online only on a GPU \(set EMBED_DEVICE=cuda\).*npm run eval -- --ranking --teacher DIR/);
    expect(loadConfig({ CTR_MODEL: 'models/ctr', EMBED_DEVICE: 'cuda' }).ranking).toEqual({ explore: 0.1, ctrModel: expect.stringMatching(/\/models\/ctr$/) });
    expect(loadConfig({}).ranking).toEqual({ explore: 0.1 });
  });
});
