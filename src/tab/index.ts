import type { Server } from 'restify';
import type { Services } from '../services';
import { registerTabApi } from './api';
import { registerTabPages } from './static';
import { SsoVerifier } from './sso';

/**
 * The oversight tab on the bot's own server: pages under /tab, the API under
 * /api/tab. Passed to createServer as its `extend` hook.
 */
export function tabRoutes(services: Services): (server: Server) => void {
  const sso = new SsoVerifier({ ...services.config.tabSso, now: services.now, log: services.log });
  if (!sso.configured) services.log.warn('tab sign-in is not configured (MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_ID, or TAB_SSO_*): the tab API refuses every call');
  return (server) => {
    registerTabPages(server);
    registerTabApi(server, services, sso);
  };
}
