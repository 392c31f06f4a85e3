import http from 'node:http';

/**
 * A minimal Bot Connector stand-in for load: it answers the calls botbuilder makes to send a
 * reply (POST/PUT …/activities, POST /v3/conversations, GET …/members/…) as the real service
 * does, and keeps only counters, so its memory stays flat however long the run. (The test
 * stand-in in test/support/connector.ts records every activity, which is right for tests and
 * wrong for a five-minute soak.)
 */
export interface ConnectorCounts {
  /** Replies and updates the bot sent (POST/PUT to …/activities). */
  activities: number;
  /** Of those, how many carried an Adaptive Card. */
  cards: number;
  /** Of those, how many were plain text (an echo, an apology, a "slow down"). */
  texts: number;
  conversationsCreated: number;
  other: number;
  bytesIn: number;
}

export interface Connector {
  url: string;
  counts(): ConnectorCounts;
  reset(): void;
  close(): Promise<void>;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const ACTIVITIES = /^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?\/?$/;
const MEMBER = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/;

export async function startConnector(host = '127.0.0.1'): Promise<Connector> {
  const zero = (): ConnectorCounts => ({ activities: 0, cards: 0, texts: 0, conversationsCreated: 0, other: 0, bytesIn: 0 });
  let counts = zero();
  let serial = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      counts.bytesIn += body.length;
      const url = req.url ?? '';
      const send = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      serial = (serial + 1) % 1e9;
      if ((req.method === 'POST' || req.method === 'PUT') && ACTIVITIES.test(url)) {
        counts.activities++;
        if (body.includes(CARD)) counts.cards++;
        else counts.texts++;
        return send(200, { id: `bench-${serial}` });
      }
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url)) {
        counts.conversationsCreated++;
        return send(201, { id: `a:bench-${serial}`, activityId: `bench-${serial}` });
      }
      const member = MEMBER.exec(url);
      if (req.method === 'GET' && member) {
        const id = decodeURIComponent(member[1]!);
        return send(200, { id, name: 'Member', aadObjectId: id });
      }
      counts.other++;
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url}` } });
    });
  });
  server.keepAliveTimeout = 30_000;
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const url = `http://${host}:${(server.address() as { port: number }).port}`;
  return {
    url,
    counts: () => ({ ...counts, connections }),
    reset: () => {
      counts = zero();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
