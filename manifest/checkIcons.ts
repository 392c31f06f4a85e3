import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/**
 * The icon rules Teams applies at upload time, checked before packaging so an
 * administrator learns about a bad icon here rather than from a rejected
 * upload in Teams admin center:
 * - colour icon: 192×192 PNG, full colour, no transparency;
 * - outline icon: 32×32 PNG, white (#FFFFFF) on a transparent background.
 */

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;

/**
 * How far from 0/255 an alpha (and from 255 a white channel) may be. The rule is
 * "white or transparent"; a few levels of slack keep an editor's rounding from
 * failing an icon that is visibly fine, while real anti-aliasing (grey fringe
 * pixels at half alpha) is still refused.
 */
const SLACK = 8;

function readPng(buf: Buffer, name: string): PNG | string {
  try {
    return PNG.sync.read(buf);
  } catch (err) {
    return `${name} is not a readable PNG (${(err as Error).message})`;
  }
}

function sizeProblem(png: PNG, name: string, size: number): string | undefined {
  return png.width === size && png.height === size
    ? undefined
    : `${name} is ${png.width}×${png.height}; Teams needs ${size}×${size}`;
}

/** Problems with the colour icon, one line each; empty when it is fine. */
export function checkColorIcon(buf: Buffer, name = 'color.png'): string[] {
  const png = readPng(buf, name);
  if (typeof png === 'string') return [png];
  const problems: string[] = [];
  const size = sizeProblem(png, name, COLOR_SIZE);
  if (size) problems.push(size);
  let seeThrough = 0;
  for (let i = 3; i < png.data.length; i += 4) if (png.data[i]! < 255) seeThrough++;
  if (seeThrough > 0) {
    problems.push(`${name} has ${seeThrough} transparent or semi-transparent pixels; the colour icon must be opaque`);
  }
  return problems;
}

/** Problems with the outline icon, one line each; empty when it is fine. */
export function checkOutlineIcon(buf: Buffer, name = 'outline.png'): string[] {
  const png = readPng(buf, name);
  if (typeof png === 'string') return [png];
  const problems: string[] = [];
  const size = sizeProblem(png, name, OUTLINE_SIZE);
  if (size) problems.push(size);

  let transparent = 0;
  let white = 0;
  let bad = 0;
  let firstBad: string | undefined;
  for (let p = 0; p < png.width * png.height; p++) {
    const [r, g, b, a] = [png.data[p * 4]!, png.data[p * 4 + 1]!, png.data[p * 4 + 2]!, png.data[p * 4 + 3]!];
    if (a <= SLACK) transparent++;
    else if (a >= 255 - SLACK && r >= 255 - SLACK && g >= 255 - SLACK && b >= 255 - SLACK) white++;
    else {
      bad++;
      firstBad ??= `(${p % png.width},${Math.floor(p / png.width)}) is rgba(${r},${g},${b},${a})`;
    }
  }
  if (bad > 0) {
    problems.push(`${name} has ${bad} pixels that are neither white nor transparent, e.g. ${firstBad}`);
  }
  if (transparent === 0) problems.push(`${name} has no transparent background`);
  if (white === 0) problems.push(`${name} has no white pixels; the outline shape must be white`);
  return problems;
}

/** Reads and checks both icons from `dir`, reporting a missing file as a problem rather than throwing. */
export function checkIconFiles(dir: string, names: { color: string; outline: string }): string[] {
  const problems: string[] = [];
  for (const [kind, check] of [
    ['color', checkColorIcon],
    ['outline', checkOutlineIcon],
  ] as const) {
    const file = path.join(dir, names[kind]);
    if (!fs.existsSync(file)) {
      problems.push(`${file} is missing (regenerate with: npm run build && node dist/manifest/icons.js)`);
      continue;
    }
    problems.push(...check(fs.readFileSync(file), names[kind]));
  }
  return problems;
}
