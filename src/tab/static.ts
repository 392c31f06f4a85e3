import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { fromRoot } from '../paths';

/**
 * The tab's pages (tab/: HTML, CSS and plain JavaScript, no build step) and
 * the Teams JavaScript client from node_modules, served by the bot's own
 * server. The page may be framed only by Teams and Microsoft 365, and may
 * load scripts, styles and data only from this server (and the Teams
 * client's list of valid domains from Microsoft's CDN).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'self'",
  'frame-ancestors teams.microsoft.com *.teams.microsoft.com *.office.com *.microsoft365.com *.cloud.microsoft',
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function teamsJsPath(): string {
  return path.join(path.dirname(require.resolve('@microsoft/teams-js/package.json')), 'dist', 'umd', 'MicrosoftTeams.min.js');
}

/** Files are read once: the set is small and fixed, and nothing outside it can be asked for. */
function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const dir = fromRoot('tab');
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) assets.set(name, { body: fs.readFileSync(path.join(dir, name)), type });
  }
  assets.set('teams-js.js', { body: fs.readFileSync(teamsJsPath()), type: TYPES['.js']! });
  return assets;
}

export function registerTabPages(server: Server): void {
  const assets = loadAssets();
  const serve = (name: string, res: Response, maxAge: number): void => {
    const asset = assets.get(name);
    if (!asset) {
      res.send(404, { error: 'Not found' });
      return;
    }
    res.setHeader('content-type', asset.type);
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache');
    res.sendRaw(200, asset.body);
  };
  server.get('/tab', async (_req: Request, res: Response) => serve('index.html', res, 0));
  server.get('/tab/config', async (_req: Request, res: Response) => serve('config.html', res, 0));
  server.get('/tab/assets/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file ?? '');
    serve(/^[\w.-]+\.(js|css|svg)$/.test(file) && !file.endsWith('.html') ? file : '', res, 300);
  });
}
