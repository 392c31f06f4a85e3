import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromRoot } from '../../src/paths';
import * as A from '../support/activities';
import { ConnectorStandIn } from '../support/connector';
import { freePort } from '../support/browser';
import { runCompiledBot as run, waitUntilReady } from '../support/compiledBot';

/**
 * The compiled bot as `npm start` runs it (built by the global setup): it
 * starts with no configuration, answers over HTTP, stops on SIGTERM, and
 * refuses to start on a bad setting or a bad directory file with one line.
 */
describe('npm start', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-start-'));
  });
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  it('starts on embedded defaults, creates its SQLite file, answers hello, and drains on SIGTERM', async () => {
    const connector = new ConnectorStandIn();
    await connector.start();
    const port = await freePort();
    const bot = run({ PORT: String(port), HOST: '127.0.0.1' }, cwd);
    try {
      await waitUntilReady(bot, port);
      expect(fs.existsSync(path.join(cwd, 'data', 'pr708.sqlite'))).toBe(true);
      const user = { aadId: '0f1e2d3c-0000-4000-8000-00000000cc03', name: 'Riley Newcomer' };
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(A.message(user, connector.url, 'hello')),
      });
      expect(res.status).toBe(200);
      const sent = await connector.waitFor(() => connector.sentTo(A.personalConversationId(user))[0]);
      expect(JSON.stringify(sent.activity)).toContain('PR.708.IT Social Media Helper');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.out()).toContain('bot stopped');
    } finally {
      bot.child.kill('SIGKILL');
      await connector.stop();
    }
  });

  it('stops with one line naming a bad setting', async () => {
    const bot = run({ PORT: 'eighty' }, cwd);
    expect(await bot.exited).toBe(1);
    expect(bot.err().trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: PORT /)]);
  });

  it('stops naming the field at fault in a bad directory file', async () => {
    const file = path.join(cwd, 'directory.yaml');
    const sample = fs.readFileSync(fromRoot('src', 'directory', 'sample-directory.yaml'), 'utf8');
    // Point the first school's principal at someone who is not in the file.
    fs.writeFileSync(file, sample.replace(/(principal:\s*)\S+/, '$1ffffffff-ffff-4fff-8fff-ffffffffffff'));
    const bot = run({ PORT: String(await freePort()), DIRECTORY_FILE: file }, cwd);
    expect(await bot.exited).toBe(1);
    expect(bot.err()).toMatch(/directory\.yaml: schools\[0\]\.principal/);
  });
});
