import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError, SETTING_NAMES } from '../../src/config';

describe('configuration from the environment', () => {
  it('runs with no settings at all: SQLite under ./data and the sample directory', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.databaseUrl).toMatch(/^sqlite:.*data[\\/]pr708\.sqlite$/);
    expect(c.directoryFile).toMatch(/sample-directory\.yaml$/);
    expect(c.bot.appId).toBeUndefined();
    expect(c.outbox).toMatchObject({ leaseMs: 120_000, concurrency: 4 });
    expect(c.bot.connectorTimeoutMs).toBe(15_000);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ MICROSOFT_APP_ID: 'not-a-guid' }, 'MICROSOFT_APP_ID'],
    [{ MICROSOFT_APP_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, 'MICROSOFT_APP_PASSWORD'],
    [{ MICROSOFT_APP_TYPE: 'Both' }, 'MICROSOFT_APP_TYPE'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ OUTBOX_MAX_ATTEMPTS: '0' }, 'OUTBOX_MAX_ATTEMPTS'],
    [{ OUTBOX_CONCURRENCY: '0' }, 'OUTBOX_CONCURRENCY'],
    // A connector call that could outlast the lease would let a second instance post the same message.
    [{ OUTBOX_LEASE_MS: '20000', CONNECTOR_TIMEOUT_MS: '15000' }, 'CONNECTOR_TIMEOUT_MS'],
    [{ METRICS_TOKEN: 'too-short' }, 'METRICS_TOKEN'],
    [{ METRICS_TOKEN: 'a long token with spaces in it' }, 'METRICS_TOKEN'],
  ])('refuses %j naming %s', (env, setting) => {
    let error: unknown;
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as Error).message).toMatch(new RegExp(`^Configuration error: ${setting} `));
    expect((error as Error).message).not.toContain('\n');
  });

  it('treats empty values as unset, as .env.example leaves them', () => {
    expect(loadConfig({ MICROSOFT_APP_ID: '', PORT: '', DATABASE_URL: '' }).port).toBe(3978);
  });

  it('documents every setting in .env.example and in the README configuration table', () => {
    const root = path.resolve(__dirname, '../..');
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));
    expect(SETTING_NAMES.filter((key) => !new RegExp(`^${key}=`, 'm').test(example))).toEqual([]);
    expect(SETTING_NAMES.filter((key) => !table.includes(`\`${key}\``))).toEqual([]);
  });
});
