// Draws Spendbar's icons (a small bar chart) as PNGs, so they can be regenerated without an image editor:
//   node resources/make-icons.mjs
// trayTemplate*.png: black + alpha, which macOS tints for light and dark menu bars.
// tray*.png: white bars on a green tile, readable on light and dark Windows/Linux panels.
// icon.png: 512 px app icon; electron-builder derives .icns and .ico from it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const here = new URL('.', import.meta.url);
const GREEN = [16, 137, 98];
const WHITE = [255, 255, 255];
const BLACK = [0, 0, 0];

/** Bars in a 16-unit grid: x, width, height above the baseline at y = 14. */
const BARS = [
  [2, 3, 6],
  [6.5, 3, 9],
  [11, 3, 12],
];

function inRoundedRect(px, py, x, y, w, h, r) {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function inBars(u, v) {
  return BARS.some(([x, w, h]) => inRoundedRect(u, v, x, 14 - h, w, h, 0.9));
}

/** Colour and coverage of one point in the 16-unit grid, for each kind of icon. */
const painters = {
  template: (u, v) => (inBars(u, v) ? [BLACK, 1] : [BLACK, 0]),
  tile: (u, v) => {
    if (!inRoundedRect(u, v, 0, 0, 16, 16, 3.5)) return [GREEN, 0];
    return [inBars(u, v) ? WHITE : GREEN, 1];
  },
};

/** Renders `size` px with 4x4 supersampling; `margin` shrinks the drawing (app icons keep a border). */
function render(size, paint, margin = 0) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  const scale = 16 / (size * (1 - 2 * margin));
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let alpha = 0;
      const colour = [0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const u = (x + (sx + 0.5) / samples - size * margin) * scale;
          const v = (y + (sy + 0.5) / samples - size * margin) * scale;
          const [rgb, coverage] = paint(u, v);
          alpha += coverage;
          for (let c = 0; c < 3; c += 1) colour[c] += rgb[c] * coverage;
        }
      }
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c += 1) pixels[offset + c] = alpha ? Math.round(colour[c] / alpha) : 0;
      pixels[offset + 3] = Math.round((alpha / samples ** 2) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = [];
  for (let y = 0; y < size; y += 1) rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outputs = [
  ['trayTemplate.png', 16, painters.template],
  ['trayTemplate@2x.png', 32, painters.template],
  ['tray.png', 16, painters.tile],
  ['tray@2x.png', 32, painters.tile],
  ['icon.png', 512, painters.tile, 0.09],
];
for (const [name, size, paint, margin] of outputs) {
  writeFileSync(new URL(name, here), png(size, render(size, paint, margin)));
  process.stdout.write(`wrote resources/${name} (${size}x${size})\n`);
}
