import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { ManagedNeo4jConfig, Neo4jConnection } from '../config.ts';
import { UserError } from '../model/errors.ts';
import { type Distribution, ensureDistribution, exists } from './distribution.ts';
import { findJava } from './java.ts';
import { withLock } from './lock.ts';
import { renderNeo4jConf } from './neo4j-conf.ts';
import { isProcessAlive } from './process.ts';

/** Where one managed server keeps its configuration, data, logs and bookkeeping. */
export interface InstancePaths {
  dir: string;
  conf: string;
  data: string;
  logs: string;
  logFile: string;
  consoleLog: string;
  run: string;
  pidFile: string;
  stateFile: string;
  passwordFile: string;
  lockFile: string;
}

export function instancePaths(config: ManagedNeo4jConfig): InstancePaths {
  const dir = path.join(config.home, 'instances', config.instance);
  const logs = path.join(dir, 'logs');
  const run = path.join(dir, 'run');
  return {
    dir,
    conf: path.join(dir, 'conf'),
    data: path.join(dir, 'data'),
    logs,
    logFile: path.join(logs, 'neo4j.log'),
    consoleLog: path.join(logs, 'console.log'),
    run,
    pidFile: path.join(run, 'kg-neo4j.pid'),
    stateFile: path.join(run, 'kg-neo4j.json'),
    passwordFile: path.join(dir, 'password'),
    lockFile: path.join(dir, 'kg.lock'),
  };
}

export interface InstanceStatus {
  instance: string;
  running: boolean;
  pid: number | null;
  version: string | null;
  boltUri: string;
  database: string;
  dataDir: string;
  logFile: string;
}

interface RunState {
  pid: number;
  version: string;
  boltPort: number;
  database: string;
  startedAt: string;
}

const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;

export function boltUri(port: number): string {
  return `bolt://127.0.0.1:${port}`;
}

/** How clients connect to a managed server that is running (its password is generated on first start). */
export async function managedConnection(config: ManagedNeo4jConfig): Promise<Neo4jConnection> {
  const paths = instancePaths(config);
  const state = await readState(paths);
  const password = await fs.readFile(paths.passwordFile, 'utf8').catch(() => undefined);
  if (!password) {
    throw new UserError(
      `The managed Neo4j "${config.instance}" has never been started: run \`kg db start\`.`,
      'NEO4J_NOT_STARTED',
    );
  }
  return {
    uri: boltUri(state?.boltPort ?? config.boltPort),
    user: 'neo4j',
    password: password.trim(),
    database: state?.database ?? config.database,
  };
}

export async function status(config: ManagedNeo4jConfig): Promise<InstanceStatus> {
  const paths = instancePaths(config);
  const state = await readState(paths);
  const running = state !== undefined && (await isOurProcess(state.pid, paths.dir));
  return {
    instance: config.instance,
    running,
    pid: running ? state.pid : null,
    version: state?.version ?? null,
    boltUri: boltUri(state?.boltPort ?? config.boltPort),
    database: state?.database ?? config.database,
    dataDir: paths.data,
    logFile: paths.logFile,
  };
}

export interface StartResult {
  status: InstanceStatus;
  /** False when the server was already running: a second start changes nothing. */
  started: boolean;
  notes: string[];
}

/**
 * Starts the managed server unless it already runs, and returns once Bolt answers a query.
 * Concurrent starts (two terminals, the server and the CLI) are serialised by a lock file.
 */
export async function start(
  config: ManagedNeo4jConfig,
  options: { update?: boolean; log?: (line: string) => void } = {},
): Promise<StartResult> {
  const log = options.log ?? (() => {});
  const paths = instancePaths(config);
  await fs.mkdir(paths.run, { recursive: true });
  return withLock(paths.lockFile, async () => {
    const notes: string[] = [];
    const state = await readState(paths);
    if (state) {
      if (await isOurProcess(state.pid, paths.dir)) {
        return { status: await status(config), started: false, notes };
      }
      notes.push(`Removed a stale pid file: process ${state.pid} is not running.`);
      await fs.rm(paths.stateFile, { force: true });
      await fs.rm(paths.pidFile, { force: true });
    }
    if (await portAnswers(config.boltPort)) {
      throw new UserError(
        `Port ${config.boltPort} is already taken by another program, so the managed Neo4j cannot use it: ` +
          'stop that program, set NEO4J_BOLT_PORT to a free port, or set NEO4J_URI to use that server.',
        'PORT_TAKEN',
      );
    }
    const dist = await ensureDistribution(config, { update: options.update, log });
    const java = await findJava(config.javaHome, dist.minJava, dist.version, {
      javaHomeFrom: config.javaHomeFrom,
    });
    if (java.source === 'discovered') {
      log(
        `Neo4j ${dist.version} needs Java ${dist.minJava}+: using Java ${java.major} at ${java.executable} (set NEO4J_JAVA_HOME to choose another)`,
      );
    }
    await prepareFolders(config, paths);
    const pid = await launch(config, paths, dist, java.executable);
    const runState: RunState = {
      pid,
      version: dist.version,
      boltPort: config.boltPort,
      database: config.database,
      startedAt: new Date().toISOString(),
    };
    await fs.writeFile(paths.pidFile, `${pid}\n`);
    await fs.writeFile(paths.stateFile, `${JSON.stringify(runState, null, 2)}\n`);
    log(`Starting Neo4j ${dist.version} (pid ${pid}), log: ${paths.logFile}`);
    try {
      await waitUntilReady(config, paths, pid);
    } catch (error) {
      await stopProcess(pid, paths.dir);
      await fs.rm(paths.stateFile, { force: true });
      await fs.rm(paths.pidFile, { force: true });
      throw error;
    }
    return { status: await status(config), started: true, notes };
  });
}

/** Stops the managed server if it runs: SIGTERM, then SIGKILL if it has not exited within a minute. */
export async function stop(
  config: ManagedNeo4jConfig,
): Promise<{ wasRunning: boolean; pid: number | null }> {
  const paths = instancePaths(config);
  const state = await readState(paths);
  let wasRunning = false;
  if (state && (await isOurProcess(state.pid, paths.dir))) {
    wasRunning = true;
    await stopProcess(state.pid, paths.dir);
  }
  await fs.rm(paths.stateFile, { force: true });
  await fs.rm(paths.pidFile, { force: true });
  return { wasRunning, pid: state?.pid ?? null };
}

async function prepareFolders(config: ManagedNeo4jConfig, paths: InstancePaths): Promise<void> {
  for (const dir of [
    paths.conf,
    paths.data,
    paths.logs,
    paths.run,
    path.join(paths.dir, 'import'),
    path.join(paths.dir, 'plugins'),
  ]) {
    await fs.mkdir(dir, { recursive: true });
  }
  await fs.writeFile(path.join(paths.conf, 'neo4j.conf'), renderNeo4jConf(config, paths));
}

async function launch(
  config: ManagedNeo4jConfig,
  paths: InstancePaths,
  dist: Distribution,
  java: string,
): Promise<number> {
  const out = await fs.open(paths.consoleLog, 'a');
  try {
    // The options Neo4j's own launcher passes to the JVM.
    const args = [
      `-Xms${config.heap}`,
      `-Xmx${config.heap}`,
      '-XX:+UseG1GC',
      '-XX:-OmitStackTraceInFastThrow',
      '-XX:+ExitOnOutOfMemoryError',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
      '--enable-native-access=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-Dfile.encoding=UTF-8',
      '-cp',
      `${dist.libDir}${path.sep}*`,
      dist.mainClass,
      `--home-dir=${paths.dir}`,
      `--config-dir=${paths.conf}`,
    ];
    // Detached, in its own process group: a Ctrl-C in the terminal reaches our process, which then
    // decides whether to stop Neo4j (see src/main.ts), instead of killing both at once.
    const child = spawn(java, args, {
      cwd: paths.dir,
      detached: true,
      stdio: ['ignore', out.fd, out.fd],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid ?? -1));
    });
    child.unref();
    return pid;
  } finally {
    await out.close();
  }
}

/** Ready means Bolt answers a query with our password; on first start the password is set first. */
async function waitUntilReady(
  config: ManagedNeo4jConfig,
  paths: InstancePaths,
  pid: number,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const uri = boltUri(config.boltPort);
  let password = await fs
    .readFile(paths.passwordFile, 'utf8')
    .then((p) => p.trim())
    .catch(() => undefined);
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) {
      throw new UserError(
        `Neo4j exited during start-up. ${await logTail(paths)}See ${paths.logFile} and ${paths.consoleLog}.`,
        'NEO4J_START_FAILED',
      );
    }
    try {
      if (password === undefined) password = await setInitialPassword(uri, paths);
      await queryOnce(uri, 'neo4j', password, config.database);
      return;
    } catch (error) {
      if ((error as { code?: string }).code === 'Neo.ClientError.Security.Unauthorized') {
        throw new UserError(
          `The managed Neo4j at ${paths.dir} does not accept the password recorded in ${paths.passwordFile}: ` +
            `stop it with \`kg db stop\` and delete ${paths.dir} to start afresh.`,
          'NEO4J_UNAUTHORIZED',
        );
      }
      lastError = error;
    }
    await sleep(250);
  }
  throw new UserError(
    `Neo4j did not answer on ${uri} within ${READY_TIMEOUT_MS / 1000}s (${(lastError as Error)?.message ?? 'no answer'}). See ${paths.logFile}.`,
    'NEO4J_START_TIMEOUT',
  );
}

/** A new server accepts neo4j/neo4j only to change the password; we set a random one and keep it beside the data. */
async function setInitialPassword(uri: string, paths: InstancePaths): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), {
    connectionTimeout: 2_000,
  });
  try {
    const session = driver.session({ database: 'system' });
    try {
      await session.run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', {
        old: 'neo4j',
        new: password,
      });
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
  await fs.writeFile(paths.passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

async function queryOnce(
  uri: string,
  user: string,
  password: string,
  database: string,
): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), { connectionTimeout: 2_000 });
  try {
    const session = driver.session({ database });
    try {
      await session.run('RETURN 1');
    } finally {
      await session.close();
    }
  } finally {
    await driver.close();
  }
}

async function stopProcess(pid: number, instanceDir: string): Promise<void> {
  if (!(await isOurProcess(pid, instanceDir))) return;
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return;
    await sleep(200);
  }
  signal(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await sleep(100);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** A pid file can outlive its process, and the pid can be reused: check it is our Neo4j. */
async function isOurProcess(pid: number, instanceDir: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (cmdline === undefined) return true; // No /proc (macOS): trust a live pid.
  return cmdline.includes(`--home-dir=${instanceDir}`);
}

async function readState(paths: InstancePaths): Promise<RunState | undefined> {
  if (!(await exists(paths.stateFile))) return undefined;
  try {
    return JSON.parse(await fs.readFile(paths.stateFile, 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

async function logTail(paths: InstancePaths): Promise<string> {
  const text = await fs.readFile(paths.logFile, 'utf8').catch(() => '');
  const errors = text
    .split('\n')
    .filter((l) => /\b(ERROR|Exception)\b/.test(l))
    .slice(-3);
  return errors.length ? `Last errors: ${errors.join(' | ')}. ` : '';
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
