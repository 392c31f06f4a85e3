import { loadConfig, ConfigError } from '../../../src/config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const APP = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('oversight settings', () => {
  it('signs the tab in against the tenant’s Entra keys and the app’s id by default', () => {
    const c = loadConfig({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: TENANT, PUBLIC_BASE_URL: 'https://bot.district.example' });
    expect(c.tabSso).toEqual({
      jwksUrl: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
      issuers: [`https://login.microsoftonline.com/${TENANT}/v2.0`, `https://sts.windows.net/${TENANT}/`],
      audiences: [APP, `api://bot.district.example/${APP}`],
    });
  });

  it('leaves tab sign-in unconfigured with no tenant or app, and takes test settings as comma lists', () => {
    expect(loadConfig({}).tabSso).toEqual({ jwksUrl: undefined, issuers: [], audiences: [] });
    const c = loadConfig({ TAB_SSO_JWKS_URL: 'http://127.0.0.1:9/keys', TAB_SSO_ISSUER: 'https://a.example/v2.0, https://b.example/', TAB_SSO_AUDIENCE: 'api://x, y' });
    expect(c.tabSso).toEqual({ jwksUrl: 'http://127.0.0.1:9/keys', issuers: ['https://a.example/v2.0', 'https://b.example/'], audiences: ['api://x', 'y'] });
  });

  it('reads the account registry’s period and check interval', () => {
    expect(loadConfig({}).accounts).toEqual({ inactivityDays: 90, checkIntervalMs: 3_600_000 });
    expect(loadConfig({ ACCOUNT_INACTIVITY_DAYS: '30', ACCOUNT_CHECK_MINUTES: '5' }).accounts).toEqual({ inactivityDays: 30, checkIntervalMs: 300_000 });
  });

  it.each([
    [{ TAB_SSO_JWKS_URL: 'not a url' }, 'TAB_SSO_JWKS_URL'],
    [{ TAB_SSO_ISSUER: 'https://ok.example, nope' }, 'TAB_SSO_ISSUER'],
    [{ ACCOUNT_INACTIVITY_DAYS: '0' }, 'ACCOUNT_INACTIVITY_DAYS'],
  ])('refuses %j naming %s', (env, setting) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
    try {
      loadConfig(env as NodeJS.ProcessEnv);
    } catch (e) {
      expect((e as ConfigError).setting).toBe(setting);
    }
  });

  it('documents every oversight setting in .env.example', () => {
    const example = require('node:fs').readFileSync(require('node:path').resolve(__dirname, '../../../.env.example'), 'utf8') as string;
    for (const key of ['TAB_SSO_JWKS_URL', 'TAB_SSO_ISSUER', 'TAB_SSO_AUDIENCE', 'ACCOUNT_INACTIVITY_DAYS', 'ACCOUNT_CHECK_MINUTES']) expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});
