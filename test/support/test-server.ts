import { inject } from 'vitest';
import { type ServerProcess, startMain } from './server-process.ts';
import { childEnv, TEST_DATABASE } from './test-config.ts';

/**
 * `npm start`'s server on `port`, against the test run's Neo4j (the graph was wiped before this
 * file, so the server imports the seed as `npm start` does), with `env` on top.
 */
export function startTestServer(
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const { uri, password } = inject('neo4j');
  return startMain(
    childEnv({
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      NEO4J_DATABASE: TEST_DATABASE,
      PORT: String(port),
      ...env,
    }),
  );
}

/** Stops a server as Ctrl-C would and waits for it to exit. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return;
  server.child.kill('SIGTERM');
  await server.exited;
}
