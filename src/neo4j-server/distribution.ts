import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ManagedNeo4jConfig } from '../config.ts';
import { projectRoot } from '../config.ts';
import { UserError } from '../model/errors.ts';

/** A Neo4j server's jars on disk, and how to launch them. */
export interface Distribution {
  version: string;
  libDir: string;
  mainClass: string;
  /** The oldest Java major this version runs on. */
  minJava: number;
}

const COMPLETE_MARKER = '.complete';
const POM = path.join(projectRoot, 'neo4j', 'pom.xml');
const VERSION_POM = path.join(projectRoot, 'neo4j', 'resolve-version.pom.xml');

/** 5.26 -> [5.26.0,5.27); 2026.08 -> [2026.08.0,2026.09); 2026 -> [2026.01.0,2027); 5.26.30 -> 5.26.30. */
export function mavenVersionSpec(version: string): string {
  const parts = version.split('.');
  if (parts.length >= 3) return version;
  if (parts.length === 1) return `[${version}.01.0,${Number(version) + 1})`;
  const [major, minor] = parts as [string, string];
  const next = String(Number(minor) + 1).padStart(minor.length, '0');
  return `[${major}.${minor}.0,${major}.${next})`;
}

/** The 5.x line starts from CommunityEntryPoint on Java 17+; the calendar-versioned line (2025.01+) from Neo4jCommunity on Java 21+. */
export function launchFacts(version: string): Pick<Distribution, 'mainClass' | 'minJava'> {
  const major = Number(version.split('.')[0]);
  return major >= 2025
    ? { mainClass: 'org.neo4j.server.Neo4jCommunity', minJava: 21 }
    : { mainClass: 'org.neo4j.server.CommunityEntryPoint', minJava: 17 };
}

/** Compares dotted numeric versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether an exact version (5.26.30) belongs to a configured one (5.26, or 5.26.30 itself). */
export function matchesVersion(configured: string, exact: string): boolean {
  return exact === configured || exact.startsWith(`${configured}.`);
}

/**
 * Returns the jars of the configured version, fetching them from Maven Central the first time.
 * A version prefix (5.26) uses the newest patch already on disk, so later starts need no network;
 * `kg db start --update` asks Maven for a newer patch.
 */
export async function ensureDistribution(
  config: ManagedNeo4jConfig,
  options: { update?: boolean; log?: (line: string) => void } = {},
): Promise<Distribution> {
  const log = options.log ?? (() => {});
  const distRoot = path.join(config.home, 'dist');
  if (!options.update) {
    const local = await newestLocal(distRoot, config.version);
    if (local) return describe(distRoot, local);
  }
  await requireMaven();
  let version = config.version;
  if (version.split('.').length < 3) {
    log(`Resolving the newest Neo4j ${config.version}.x on Maven Central...`);
    version = await resolveNewest(config.version);
  }
  const target = path.join(distRoot, version);
  if (!(await exists(path.join(target, COMPLETE_MARKER)))) {
    log(`Fetching Neo4j ${version} from Maven Central into ${target} (once; about 125 MB)...`);
    const staging = `${target}.partial-${process.pid}`;
    await fs.rm(staging, { recursive: true, force: true });
    await maven(POM, [
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-Dneo4j.version=${version}`,
      `-DoutputDirectory=${path.join(staging, 'lib')}`,
    ]);
    await fs.writeFile(path.join(staging, COMPLETE_MARKER), `${version}\n`);
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(staging, target);
  }
  return describe(distRoot, version);
}

function describe(distRoot: string, version: string): Distribution {
  return { version, libDir: path.join(distRoot, version, 'lib'), ...launchFacts(version) };
}

async function newestLocal(distRoot: string, configured: string): Promise<string | undefined> {
  const entries = await fs.readdir(distRoot).catch(() => [] as string[]);
  const complete: string[] = [];
  for (const entry of entries) {
    if (!/^\d+\.\d+\.\d+$/.test(entry) || !matchesVersion(configured, entry)) continue;
    if (await exists(path.join(distRoot, entry, COMPLETE_MARKER))) complete.push(entry);
  }
  return complete.sort(compareVersions).at(-1);
}

/**
 * Asks Maven which version a prefix resolves to. The pom excludes every transitive dependency, so
 * Maven reads one small pom per candidate version instead of the whole tree of each.
 */
async function resolveNewest(prefix: string): Promise<string> {
  const output = await maven(VERSION_POM, [
    'dependency:list',
    `-Dneo4j.version=${mavenVersionSpec(prefix)}`,
    '-DincludeGroupIds=org.neo4j',
    '-DincludeArtifactIds=neo4j',
  ]);
  const match = /org\.neo4j:neo4j:jar:(\d+\.\d+\.\d+)/.exec(output);
  if (!match?.[1]) {
    throw new UserError(
      `Maven found no Neo4j version matching ${prefix}: check NEO4J_VERSION.`,
      'NEO4J_VERSION_NOT_FOUND',
    );
  }
  return match[1];
}

async function requireMaven(): Promise<void> {
  try {
    await run('mvn', ['--version']);
  } catch {
    throw new UserError(
      'Maven (mvn) is needed once, to fetch the Neo4j server from Maven Central, and was not found. ' +
        'Install Maven (Debian/Ubuntu: apt-get install maven; macOS: brew install maven), ' +
        'or set NEO4J_URI to use a Neo4j you already run.',
      'MAVEN_MISSING',
    );
  }
}

async function maven(pom: string, args: string[]): Promise<string> {
  try {
    return await run('mvn', ['-B', '-f', pom, ...args]);
  } catch (error) {
    const output = (error as { output?: string }).output ?? '';
    const reason =
      output
        .split('\n')
        .filter((l) => l.startsWith('[ERROR]'))
        .slice(0, 3)
        .join(' ')
        .replace(/\s+/g, ' ') || (error as Error).message;
    throw new UserError(`Maven could not fetch Neo4j: ${reason}`, 'MAVEN_FAILED', { cause: error });
  }
}

/** Runs a command, resolving with its output; rejects with the output attached. */
export function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(Object.assign(new Error(`${command} exited with ${code}`), { output }));
    });
  });
}

export async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
