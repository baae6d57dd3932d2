import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { runKg, runNode, STACK_FRAME } from '../support/processes.ts';
import { childEnv, TEST_BOLT_PORT, TEST_PORTS, TEST_SCHEME } from '../support/test-config.ts';

const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const main = path.join(projectRoot, 'src', 'main.ts');

const expectOneLine = (stderr: string, pattern: RegExp) => {
  expect(stderr).not.toMatch(STACK_FRAME);
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
};

describe('a wrong password or an unreachable URI', () => {
  const { uri } = inject('neo4j');

  it('kg db status: a wrong password is one clear line', async () => {
    const result = await runKg(
      ['db', 'status'],
      childEnv({ NEO4J_URI: uri, NEO4J_PASSWORD: 'not-the-password' }),
    );
    expect(result.code).toBe(1);
    expectOneLine(
      result.stderr,
      new RegExp(
        `^kg: Neo4j at ${TEST_SCHEME}://127\\.0\\.0\\.1:${TEST_BOLT_PORT} rejected the credentials of user "neo4j": check NEO4J_USER and NEO4J_PASSWORD\\.$`,
      ),
    );
  });

  it('kg db status: an unreachable URI is one clear line', async () => {
    const result = await runKg(
      ['db', 'status'],
      childEnv({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' }),
    );
    expect(result.code).toBe(1);
    expectOneLine(
      result.stderr,
      /^kg: Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED .*\): is it running/,
    );
  });

  it('npm start: a wrong password is one clear line', async () => {
    const result = await runNode(
      [tsx, main],
      childEnv({
        NEO4J_URI: uri,
        NEO4J_PASSWORD: 'not-the-password',
        PORT: String(TEST_PORTS.connectionErrorsHttp[0]),
      }),
    );
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /^Cannot start: Neo4j at .* rejected the credentials/);
  });

  it('npm start: an unreachable neo4j:// URI is one clear line', async () => {
    const result = await runNode(
      [tsx, main],
      childEnv({
        NEO4J_URI: 'neo4j://127.0.0.1:1',
        NEO4J_PASSWORD: 'x',
        PORT: String(TEST_PORTS.connectionErrorsHttp[1]),
      }),
    );
    expect(result.code).toBe(1);
    expectOneLine(result.stderr, /^Cannot start: Cannot reach Neo4j at neo4j:\/\/127\.0\.0\.1:1/);
  });

  it('npm start: bad configuration lists every problem', async () => {
    const result = await runNode([tsx, main], childEnv({ NEO4J_URI: 'http://x', PORT: '99999' }));
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).toContain('NEO4J_URI must start with one of bolt://');
    expect(result.stderr).toContain('PORT must be between 1 and 65535 (got "99999")');
    expect(result.stderr).toContain('NEO4J_PASSWORD is required when NEO4J_URI is set');
  });
});
