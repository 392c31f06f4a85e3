import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { fromRoot } from '../src/paths';

/**
 * Draws the two Teams app icons from code, so they can be regenerated (new
 * colour, sharper shape) without an image editor, and commits the PNGs so that
 * packaging does not depend on running this script.
 *
 *   node dist/manifest/icons.js      (after `npm run build`)
 *
 * The motif is a shield (the procedure's protections) around a speech bubble
 * (social media posts) with a check mark (check before you post).
 * Shapes are described in unit coordinates (0..1 across the icon) so both
 * sizes share one drawing.
 */

type Rgb = readonly [number, number, number];

/** Same as the manifest's accentColor, so Teams' tile background and the icon agree. */
export const ACCENT: Rgb = [0x1f, 0x4e, 0x79];
const BUBBLE: Rgb = [0x2e, 0x75, 0xb6];
const CHECK: Rgb = [0xf2, 0xb3, 0x3d];
const WHITE: Rgb = [0xff, 0xff, 0xff];

interface Shield {
  cx: number;
  top: number;
  /** Where the straight sides end and the sides start curving to the point. */
  shoulder: number;
  bottom: number;
  half: number;
  /** Radius of the rounded top corners. */
  corner: number;
}

const SHIELD: Shield = { cx: 0.5, top: 0.12, shoulder: 0.46, bottom: 0.9, half: 0.31, corner: 0.06 };

function inShield(x: number, y: number, s: Shield): boolean {
  if (y < s.top || y > s.bottom) return false;
  const dx = Math.abs(x - s.cx);
  if (y <= s.shoulder) {
    if (dx > s.half) return false;
    // Round the two top corners.
    const ix = s.half - s.corner;
    const iy = s.top + s.corner;
    if (dx > ix && y < iy) return Math.hypot(dx - ix, y - iy) <= s.corner;
    return true;
  }
  // 1 - t² narrows slowly then quickly: convex sides meeting in a point.
  const t = (y - s.shoulder) / (s.bottom - s.shoulder);
  return dx <= s.half * (1 - t * t);
}

/** The same shield shrunk by `w` on every side (approximately), for a stroked outline. */
function inset(s: Shield, w: number): Shield {
  return {
    cx: s.cx,
    top: s.top + w,
    shoulder: s.shoulder,
    // The point is sharp, so the bottom moves further than w to keep the stroke even.
    bottom: s.bottom - w * 1.9,
    half: s.half - w,
    corner: Math.max(0, s.corner - w),
  };
}

function inRoundRect(x: number, y: number, l: number, t: number, r: number, b: number, rad: number): boolean {
  if (x < l || x > r || y < t || y > b) return false;
  const cx = Math.min(Math.max(x, l + rad), r - rad);
  const cy = Math.min(Math.max(y, t + rad), b - rad);
  return Math.hypot(x - cx, y - cy) <= rad;
}

function inTriangle(x: number, y: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function nearPolyline(x: number, y: number, pts: [number, number][], width: number): boolean {
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i]!;
    const [bx, by] = pts[i + 1]!;
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const k = Math.min(1, Math.max(0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / len2));
    if (Math.hypot(x - (ax + k * (bx - ax)), y - (ay + k * (by - ay))) <= width / 2) return true;
  }
  return false;
}

/** Speech bubble inside the shield: a rounded box with a tail at its lower left. */
function inBubble(x: number, y: number): boolean {
  return (
    inRoundRect(x, y, 0.32, 0.28, 0.68, 0.56, 0.07) ||
    inTriangle(x, y, [0.38, 0.54], [0.37, 0.68], [0.5, 0.54])
  );
}

const BUBBLE_CHECK: [number, number][] = [
  [0.4, 0.42],
  [0.47, 0.49],
  [0.6, 0.35],
];

/** The check on its own, larger, for the 32 px outline icon. */
const OUTLINE_CHECK: [number, number][] = [
  [0.36, 0.46],
  [0.46, 0.57],
  [0.65, 0.36],
];

/** Paints a colour per point; `samples`² points per pixel are averaged to smooth edges. */
function paint(size: number, samples: number, colourAt: (x: number, y: number) => Rgb): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      png.data[i] = Math.round(r / n);
      png.data[i + 1] = Math.round(g / n);
      png.data[i + 2] = Math.round(b / n);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 192×192, opaque: accent background, white shield, blue speech bubble, gold check. */
export function renderColorIcon(): PNG {
  return paint(192, 4, (x, y) => {
    if (!inShield(x, y, SHIELD)) return ACCENT;
    if (nearPolyline(x, y, BUBBLE_CHECK, 0.055)) return CHECK;
    if (inBubble(x, y)) return BUBBLE;
    return WHITE;
  });
}

/**
 * 32×32, white on transparent. Each pixel is fully white or fully transparent
 * (coverage thresholded at one half, no anti-aliasing): Teams tints the outline
 * icon itself, and partial alpha shows up as a grey fringe on dark themes.
 * At this size the bubble is dropped (it turns into noise at 32 px): shield and check only.
 */
export function renderOutlineIcon(): PNG {
  const size = 32;
  const stroke = 2 / size;
  const inner = inset(SHIELD, stroke);
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const ring = inShield(x, y, SHIELD) && !inShield(x, y, inner);
          if (ring || nearPolyline(x, y, OUTLINE_CHECK, stroke * 1.4)) hits++;
        }
      }
      const on = hits * 2 >= samples * samples;
      const i = (py * size + px) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return png;
}

export const COLOR_ICON_PATH = fromRoot('manifest', 'color.png');
export const OUTLINE_ICON_PATH = fromRoot('manifest', 'outline.png');

/** Writes color.png and outline.png into `dir` (manifest/ by default). */
export function writeIcons(dir: string = path.dirname(COLOR_ICON_PATH)): { color: string; outline: string } {
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  // colorType 2 (RGB, no alpha channel) makes the colour icon opaque by construction.
  fs.writeFileSync(color, PNG.sync.write(renderColorIcon(), { colorType: 2 }));
  fs.writeFileSync(outline, PNG.sync.write(renderOutlineIcon(), { colorType: 6 }));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons();
  console.log(`wrote ${written.color} and ${written.outline}`);
}
