import { rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { instancePaths, status } from '../../src/neo4j-server/instance.ts';
import { isProcessAlive } from '../../src/neo4j-server/process.ts';
import { runKg, STACK_FRAME } from '../support/processes.ts';
import { spawnMain, startMain } from '../support/server-process.ts';
import { childEnv, TEST_PORTS } from '../support/test-config.ts';

const [PORT_A, PORT_B, PORT_C] = TEST_PORTS.mainHttp.map(String) as [string, string, string];

async function typename(port: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return response.json();
}

describe('npm start', () => {
  it('with no NEO4J_URI: starts the managed Neo4j, serves GraphQL, and stops both on Ctrl-C', async () => {
    const env = childEnv({
      KG_NEO4J_INSTANCE: 'main-test',
      NEO4J_BOLT_PORT: String(TEST_PORTS.mainBolt),
      PORT: PORT_A,
    });
    await runKg(['db', 'stop'], env);
    // A new, empty graph every run: this instance belongs to this test alone.
    await rm(instancePaths(loadConfig(env).managed).dir, { recursive: true, force: true });
    const server = await startMain(env);
    try {
      expect(server.output()).toContain(`GraphQL + GraphiQL  http://localhost:${PORT_A}/graphql`);
      // KG_HOST's default: this machine only.
      expect(server.output()).toContain(
        `Listening on        127.0.0.1:${PORT_A} (this machine only`,
      );
      expect(server.output()).toContain('started by this process; stops with it');
      expect(server.output()).toMatch(/The graph was empty: imported 7 seed articles/);
      expect(await typename(PORT_A)).toEqual({ data: { __typename: 'Query' } });
      expect((await fetch(`http://127.0.0.1:${PORT_A}/health`)).status).toBe(200);
      const running = await status(loadConfig(env).managed);
      expect(running.running).toBe(true);

      server.child.kill('SIGINT');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('Stopping the managed Neo4j this process started');
      expect(server.output()).not.toMatch(STACK_FRAME);
      expect((await status(loadConfig(env).managed)).running).toBe(false);
      expect(isProcessAlive(running.pid!)).toBe(false);
    } finally {
      server.child.kill('SIGKILL');
      await runKg(['db', 'stop'], env);
    }
  }, 240_000);

  it('with NEO4J_URI: serves that server and leaves it running on SIGTERM', async () => {
    const { uri, password } = inject('neo4j');
    const env = childEnv({
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      NEO4J_DATABASE: 'kgtest',
      PORT: PORT_B,
    });
    const server = await startMain(env);
    try {
      expect(server.output()).toMatch(/The graph was empty: imported 7 seed articles/);
      expect(await typename(PORT_B)).toEqual({ data: { __typename: 'Query' } });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).not.toContain('Stopping the managed Neo4j');
    } finally {
      server.child.kill('SIGKILL');
    }
    const kg = await runKg(['db', 'status'], env);
    expect(kg.stdout).toContain(`Neo4j at ${uri}: answering`);
  }, 240_000);

  it('says which port is taken, in one line, and exits 1', async () => {
    const { uri, password } = inject('neo4j');
    const blocker = createNetServer().listen(Number(PORT_C));
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const env = childEnv({
        NEO4J_URI: uri,
        NEO4J_PASSWORD: password,
        NEO4J_DATABASE: 'kgtest',
        PORT: PORT_C,
      });
      const child = spawnMain(env);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(
        `Cannot start: Port ${PORT_C} is already in use by another process: stop it, or set PORT to a free port.`,
      );
      expect(stderr).not.toMatch(STACK_FRAME);
    } finally {
      blocker.close();
    }
  }, 120_000);
});
