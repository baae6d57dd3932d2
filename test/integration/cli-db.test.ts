import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { instancePaths } from '../../src/neo4j-server/instance.ts';
import { isProcessAlive } from '../../src/neo4j-server/process.ts';
import { runKg, STACK_FRAME } from '../support/processes.ts';
import { childEnv, TEST_PORTS } from '../support/test-config.ts';

// A managed instance of its own (port 7689), so starting and stopping it leaves the test one alone.
const BOLT_PORT = TEST_PORTS.cliDbBolt;
const env = childEnv({ KG_NEO4J_INSTANCE: 'cli-test', NEO4J_BOLT_PORT: String(BOLT_PORT) });
const paths = instancePaths(loadConfig(env).managed);

afterAll(async () => {
  await runKg(['db', 'stop'], env);
});

const statusOf = async () => {
  const result = await runKg(['db', 'status', '--json'], env);
  return { code: result.code, status: JSON.parse(result.stdout) as Record<string, unknown> };
};

describe('kg db start | stop | status', () => {
  it('reports a stopped server, starts it once, and stops it', async () => {
    await runKg(['db', 'stop'], env);
    expect(await statusOf()).toMatchObject({ code: 3, status: { running: false, pid: null } });

    const start = await runKg(['db', 'start', '--json'], env);
    expect(start.stderr).not.toMatch(STACK_FRAME);
    expect(start.code).toBe(0);
    const started = JSON.parse(start.stdout) as { pid: number; started: boolean };
    expect(started).toMatchObject({
      started: true,
      running: true,
      boltUri: `bolt://127.0.0.1:${BOLT_PORT}`,
      dataDir: paths.data,
      logFile: paths.logFile,
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(isProcessAlive(started.pid)).toBe(true);

    const again = await runKg(['db', 'start', '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ started: false, pid: started.pid });

    const human = await runKg(['db', 'status'], env);
    expect(human.stdout).toContain('running');
    expect(human.stdout).toContain(String(started.pid));
    expect(await statusOf()).toMatchObject({
      code: 0,
      status: { running: true, pid: started.pid },
    });

    const stop = await runKg(['db', 'stop'], env);
    expect(stop.stdout).toContain(`Stopped the local Neo4j "cli-test" (pid ${started.pid})`);
    expect(isProcessAlive(started.pid)).toBe(false);
    expect(await statusOf()).toMatchObject({ code: 3, status: { running: false } });
  }, 240_000);

  it('detects a stale pid file and starts anyway', async () => {
    await fs.mkdir(paths.run, { recursive: true });
    const state = {
      pid: 2 ** 22 - 3,
      version: '5.26.0',
      boltPort: BOLT_PORT,
      database: 'neo4j',
      startedAt: '',
    };
    await fs.writeFile(paths.stateFile, JSON.stringify(state));
    expect(await statusOf()).toMatchObject({ code: 3, status: { running: false } });
    const start = await runKg(['db', 'start'], env);
    expect(start.code).toBe(0);
    expect(start.stderr).toContain(
      `Removed a stale pid file: process ${state.pid} is not running.`,
    );
    expect(start.stdout).toMatch(/^Started: /);
    await runKg(['db', 'stop'], env);
  }, 240_000);

  it('says what to install when Java is missing, in one line', async () => {
    const result = await runKg(['db', 'start'], { ...env, NEO4J_JAVA_HOME: '/nonexistent-jdk' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^kg: Java was not found at \/nonexistent-jdk\/bin\/java\..*NEO4J_URI/,
    );
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says what to install when Maven is missing, in one line', async () => {
    const home = await fs.mkdtemp(path.join(os.tmpdir(), 'kg-no-maven-'));
    try {
      const result = await runKg(['db', 'start'], {
        ...env,
        KG_NEO4J_HOME: home,
        PATH: '/nonexistent',
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(
        /^kg: Maven \(mvn\) is needed once.*apt-get install maven.*NEO4J_URI/,
      );
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await fs.rm(home, { recursive: true, force: true });
    }
  });

  it('prints help for every command', async () => {
    for (const args of [
      ['--help'],
      ['db', '--help'],
      ['db', 'start', '--help'],
      ['db', 'stop', '--help'],
      ['db', 'status', '--help'],
    ]) {
      const result = await runKg(args, env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: kg/);
    }
  });

  it('rejects an unknown command without a stack trace', async () => {
    const result = await runKg(['db', 'frobnicate'], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });
});
