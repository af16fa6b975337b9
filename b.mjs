import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1000, height: 1100 } });
await page.goto('http://localhost:3979');
const input = page.locator('[data-id="webchat-sendbox-input"], input[aria-label], textarea').first();
await input.waitFor({ timeout: 30000 });
let i = 0;
for (const text of process.argv.slice(2)) {
  await input.fill(text); await input.press('Enter');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/b-${i++}.png` });
}
const all = await page.locator('#webchat').innerText();
console.log(all.split('\n').filter((l) => /^(Bot A said|You said):/.test(l)).join('\n'));
const buttons = await page.locator('[role=button], button').allInnerTexts();
console.log('BUTTONS', JSON.stringify(buttons.filter(Boolean).slice(-6)));
await browser.close();
