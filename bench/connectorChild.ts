import { serveParent } from './child';
import { startConnector } from './connector';

/** Child entry: the connector stand-in in its own process, so it takes no CPU from the bot it answers. */
async function main(): Promise<void> {
  const connector = await startConnector();
  serveParent(
    {
      counts: () => connector.counts(),
      reset: () => connector.reset(),
      memory: () => process.memoryUsage(),
    },
    () => connector.close(),
  );
  process.send?.({ type: 'ready', url: connector.url });
}

main().catch((err: unknown) => {
  process.send?.({ type: 'error', error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
