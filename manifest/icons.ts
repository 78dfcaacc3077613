import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type RgbaImage } from './png';

/**
 * The app's icons, drawn in code so they are reproducible: a tick inside a ring ("tautoko",
 * support, given and signed off). Teams wants a 192x192 full-colour icon and a 32x32 outline icon
 * that is white on a transparent background. `npx tsx manifest/icons.ts` rewrites the committed PNGs;
 * a test checks the committed files still match what this module draws.
 */

export const ICON_DIR = join(__dirname, 'icons');
export const COLOR_ICON = { file: 'color.png', size: 192 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32 } as const;
/** Also the manifest's accentColor, so the tile behind the icon matches its background. */
export const ACCENT = '#0E6B73';

type Point = readonly [number, number];

interface Mark {
  ringRadius: number;
  ringHalfWidth: number;
  tick: readonly Point[];
  tickHalfWidth: number;
}

/** Shapes in unit coordinates (0..1 across the icon); the outline mark is bolder so it survives 32px. */
const COLOUR_MARK: Mark = {
  ringRadius: 0.3,
  ringHalfWidth: 0.03,
  tick: [
    [0.385, 0.51],
    [0.47, 0.595],
    [0.63, 0.415],
  ],
  tickHalfWidth: 0.036,
};
const OUTLINE_MARK: Mark = {
  ringRadius: 0.4,
  ringHalfWidth: 0.045,
  tick: [
    [0.3, 0.51],
    [0.44, 0.65],
    [0.7, 0.37],
  ],
  tickHalfWidth: 0.06,
};

function segmentDistance(p: Point, a: Point, b: Point): number {
  const [px, py] = p;
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inMark(mark: Mark, p: Point): boolean {
  if (Math.abs(Math.hypot(p[0] - 0.5, p[1] - 0.5) - mark.ringRadius) <= mark.ringHalfWidth) return true;
  for (let i = 1; i < mark.tick.length; i++) {
    if (segmentDistance(p, mark.tick[i - 1]!, mark.tick[i]!) <= mark.tickHalfWidth) return true;
  }
  return false;
}

/** Coverage of each pixel by the mark, from a 4x4 grid of samples (anti-aliasing without a library). */
function coverage(size: number, mark: Mark): Float64Array {
  const out = new Float64Array(size * size);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          if (inMark(mark, [(x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size])) hits++;
        }
      }
      out[y * size + x] = hits / (n * n);
    }
  }
  return out;
}

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

export function drawColorIcon(): RgbaImage {
  const size = COLOR_ICON.size;
  const cov = coverage(size, COLOUR_MARK);
  const [r, g, b] = hexToRgb(ACCENT);
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    const c = cov[i]!;
    data[i * 4] = Math.round(r + (255 - r) * c);
    data[i * 4 + 1] = Math.round(g + (255 - g) * c);
    data[i * 4 + 2] = Math.round(b + (255 - b) * c);
    data[i * 4 + 3] = 255;
  }
  return { width: size, height: size, data };
}

export function drawOutlineIcon(): RgbaImage {
  const size = OUTLINE_ICON.size;
  const cov = coverage(size, OUTLINE_MARK);
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    data[i * 4] = 255;
    data[i * 4 + 1] = 255;
    data[i * 4 + 2] = 255;
    data[i * 4 + 3] = Math.round(255 * cov[i]!);
  }
  return { width: size, height: size, data };
}

export function renderIcons(): { color: Buffer; outline: Buffer } {
  return { color: encodePng(drawColorIcon()), outline: encodePng(drawOutlineIcon()) };
}

export function readCommittedIcons(dir = ICON_DIR): { color: Buffer; outline: Buffer } {
  return {
    color: readFileSync(join(dir, COLOR_ICON.file)),
    outline: readFileSync(join(dir, OUTLINE_ICON.file)),
  };
}

if (require.main === module) {
  const icons = renderIcons();
  writeFileSync(join(ICON_DIR, COLOR_ICON.file), icons.color);
  writeFileSync(join(ICON_DIR, OUTLINE_ICON.file), icons.outline);
  process.stdout.write(`wrote ${COLOR_ICON.file} and ${OUTLINE_ICON.file} to ${ICON_DIR}\n`);
}
