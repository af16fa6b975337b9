/**
 * Placeholder product pictures for catalogs without images (the demo shop): an SVG tile
 * in the product's colour with its brand and type, served from the bot itself (no CDN).
 * The type label is the product type as titles spell it (catalog/product-types.ts); without
 * one, the title's last two words.
 *
 *   productImageSvg({ id: 'p1', title: 'Northpeak Alpine Down Jacket', attributes: { colour: 'navy' } }, 'Down Jacket')
 *   // '<svg ...><rect fill="#1f2f5a"/>...<text>Down Jacket</text></svg>'
 */
import type { Product } from '../catalog/index.js';

const COLOURS: Record<string, string> = {
  black: '#222326', white: '#f1f0ec', navy: '#1f2f5a', charcoal: '#3b3e44', olive: '#5f6b3a', sand: '#d8c7a3',
  burgundy: '#6d1f2f', 'forest green': '#2f5233', 'slate blue': '#5a6d8f', rust: '#a1482a', cream: '#efe6cf',
  'heather grey': '#9a9ca1', grey: '#8d8f94', red: '#c0392b', blue: '#2e6fbf', green: '#3c8d4f', teal: '#2a8c88',
  coral: '#ef7d68', orange: '#e67e22', yellow: '#f1c40f', 'neon yellow': '#d9f22b', purple: '#7d4fa8', pink: '#e58fb0',
  'dusty pink': '#d4a0a7', 'sage green': '#9caf88', sage: '#9caf88', terracotta: '#c0673f', ivory: '#f6f1e1',
  tan: '#c49a6c', silver: '#c0c4c8', gold: '#c9a34a', 'rose gold': '#c98f7a', indigo: '#2d3a6b', khaki: '#b5a77a',
  stone: '#b9b2a5', oatmeal: '#d9cdb6', blush: '#e8b9b5', graphite: '#45474c', 'midnight blue': '#1b2440',
};

export function productImageSvg(product: Product, typeLabel?: string): string {
  const colour = product.attributes?.colour?.toLowerCase() ?? '';
  const fill = COLOURS[colour] ?? hashColour(product.id);
  const ink = luminance(fill) > 0.55 ? '#1d1d1f' : '#ffffff';
  const type = typeLabel ?? product.title.split(' ').slice(-2).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200" role="img" aria-label="${escape(product.title)}">
<rect width="320" height="200" fill="${fill}"/>
<text x="160" y="92" font-family="Helvetica, Arial, sans-serif" font-size="22" font-weight="700" fill="${ink}" text-anchor="middle">${escape(type)}</text>
<text x="160" y="124" font-family="Helvetica, Arial, sans-serif" font-size="15" fill="${ink}" text-anchor="middle" opacity="0.85">${escape(product.brand ?? '')}</text>
</svg>`;
}

function hashColour(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360}, 35%, 45%)`;
}

function luminance(colour: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return 0.3;
  const [r, g, b] = match.slice(1).map((h) => parseInt(h, 16) / 255) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
