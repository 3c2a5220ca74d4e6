/**
 * A Quotabook server as its own process, over plain HTTP on 127.0.0.1 and a
 * free port, on a database that is already migrated and seeded
 * (DATABASE_URL); other settings from the environment as `npm start` reads
 * them. Prints "listening <port>" once it answers. Started by
 * server-process.ts: a second server on the same database, and the server
 * that scripts/load.ts puts under load from another process.
 */
import http from 'node:http';
import { loadConfig } from '../../server/config.ts';
import { openDatabase } from '../../server/db/client.ts';
import { createApp } from '../../server/app.ts';

const config = loadConfig();
const db = await openDatabase(config.databaseUrl);
const { handle, yoga } = createApp(db, config);
const server = http.createServer(handle);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});

async function stop() {
  server.close();
  server.closeAllConnections();
  await yoga.dispose();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
