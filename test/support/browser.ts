import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { chromium, Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core: never a browser downloaded by
 * a test tool. Flags keep it off the network this machine does not have.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  // Without a browser a newcomer's `npm test` still passes, with a notice;
  // CI installs Chromium first, so there it must never be missing.
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; .ci/run installs Debian's chromium package`);
  process.stderr.write(`\n[notice] Chromium not found at ${CHROMIUM_PATH}: browser tests are skipped (apt-get install chromium).\n\n`);
  return false;
}

/** playwright-core gives each launch a fresh, empty profile of its own. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Where tests keep screenshots for people to look at (gitignored). */
export function artifactPath(name: string): string {
  const dir = path.resolve('test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
