import fs from 'node:fs';
import path from 'node:path';

/**
 * The project root, found by walking up to package.json, so that data files
 * (procedure text, cards, sample directory) resolve the same from `src/` under
 * ts-jest and from `dist/src/` after a build.
 */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${start}`);
    dir = up;
  }
}

export const ROOT = findRoot(__dirname);
export const fromRoot = (...parts: string[]): string => path.join(ROOT, ...parts);
