import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../model/errors.ts';
import { run } from './distribution.ts';

export interface Java {
  executable: string;
  major: number;
  /** Where it was found, for the start-up log: a setting, the PATH, or a JDK found on disk. */
  source: 'NEO4J_JAVA_HOME' | 'JAVA_HOME' | 'PATH' | 'discovered';
}

/** A JDK on disk, as its `release` file describes it. */
export interface InstalledJdk {
  home: string;
  major: number;
  /** The full version, such as 21.0.5, to prefer the newest update of one major. */
  version: string;
}

/** Where JDKs are installed: Debian and Ubuntu packages and Temurin's, other Linux layouts, macOS. */
export const JDK_ROOTS: readonly string[] = [
  '/usr/lib/jvm',
  '/usr/java',
  '/opt/java',
  '/Library/Java/JavaVirtualMachines',
];

/** Parses `java -version` output: `openjdk version "17.0.15"`, `"21"` or the old `"1.8.0_402"`. */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** Reads a JDK's `release` file: `JAVA_VERSION="25.0.3"` gives 25.0.3 (major 25); 1.8.0_402 gives 8. */
export function parseReleaseFile(
  text: string,
): Pick<InstalledJdk, 'major' | 'version'> | undefined {
  const version = /^JAVA_VERSION="?([^"\s]+)"?\s*$/m.exec(text)?.[1];
  if (!version) return undefined;
  const major = parseJavaMajor(`version "${version}"`);
  return major === undefined ? undefined : { major, version };
}

/**
 * Of the JDKs found, the one to run a Neo4j that needs `minMajor`: the oldest major that is new
 * enough (the one Neo4j is built for, rather than a newer one it may not support yet), and of it
 * the newest update. Undefined when none is new enough.
 */
export function chooseJdk(
  jdks: readonly InstalledJdk[],
  minMajor: number,
): InstalledJdk | undefined {
  const fit = jdks.filter((jdk) => jdk.major >= minMajor);
  const byUpdate = (a: InstalledJdk, b: InstalledJdk) => {
    const pa = a.version.split(/[._+-]/).map((p) => Number(p) || 0);
    const pb = b.version.split(/[._+-]/).map((p) => Number(p) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pb[i] ?? 0) - (pa[i] ?? 0);
      if (d !== 0) return d;
    }
    return a.home.localeCompare(b.home);
  };
  return fit.sort((a, b) => a.major - b.major || byUpdate(a, b))[0];
}

/**
 * The JDKs installed under `roots`: each folder (or macOS bundle, `<name>/Contents/Home`) with a
 * `release` file and a `bin/java`, by its real path: links to the same JDK are listed once.
 */
export async function installedJdks(roots: readonly string[] = JDK_ROOTS): Promise<InstalledJdk[]> {
  const found = new Map<string, InstalledJdk>();
  for (const root of roots) {
    const entries = await fs.readdir(root).catch(() => [] as string[]);
    for (const entry of entries.sort()) {
      for (const home of [path.join(root, entry), path.join(root, entry, 'Contents', 'Home')]) {
        const release = await fs.readFile(path.join(home, 'release'), 'utf8').catch(() => '');
        const parsed = parseReleaseFile(release);
        if (!parsed) continue;
        const executable = path.join(home, 'bin', 'java');
        if (!(await isExecutable(executable))) continue;
        // A link (Debian's java-1.17.0-openjdk-amd64) names the same JDK as the folder it points to.
        const real = await fs.realpath(home).catch(() => home);
        if (!found.has(real)) found.set(real, { home: real, ...parsed });
      }
    }
  }
  return [...found.values()];
}

export interface FindJavaOptions {
  /** Which setting named `javaHome`: NEO4J_JAVA_HOME is obeyed strictly; JAVA_HOME is a default. */
  javaHomeFrom?: 'NEO4J_JAVA_HOME' | 'JAVA_HOME';
  /** Where to look for a JDK when the one at hand is too old (tests point it elsewhere). */
  jdkRoots?: readonly string[];
  /** The `java` to try when no home is set (tests point it elsewhere). */
  pathJava?: string;
}

/**
 * Finds the Java to run Neo4j with. NEO4J_JAVA_HOME, when set, is the one: too old or missing is
 * an error. Otherwise JAVA_HOME's java, else `java` on the PATH, when it is new enough; else the
 * best JDK installed under /usr/lib/jvm and the like (see `chooseJdk`), so that the 2025+ line,
 * which needs Java 21, runs on a machine whose default Java is 17 but that has a newer JDK beside
 * it. None: an error that says what to install.
 */
export async function findJava(
  javaHome: string | undefined,
  minMajor: number,
  neo4jVersion: string,
  options: FindJavaOptions = {},
): Promise<Java> {
  const from = javaHome ? (options.javaHomeFrom ?? 'NEO4J_JAVA_HOME') : 'PATH';
  const executable = javaHome ? path.join(javaHome, 'bin', 'java') : (options.pathJava ?? 'java');
  const major = await javaMajor(executable);
  if (major !== undefined && major !== 'unknown' && major >= minMajor) {
    return { executable, major, source: from };
  }
  if (from === 'NEO4J_JAVA_HOME') {
    if (major === undefined) throw javaMissing(neo4jVersion, minMajor, executable);
    throw javaTooOld(neo4jVersion, minMajor, `${executable} is ${describeMajor(major)}`);
  }
  const roots = options.jdkRoots ?? JDK_ROOTS;
  const jdk = chooseJdk(await installedJdks(roots), minMajor);
  if (jdk) {
    const found = path.join(jdk.home, 'bin', 'java');
    const foundMajor = await javaMajor(found);
    if (typeof foundMajor === 'number' && foundMajor >= minMajor) {
      return { executable: found, major: foundMajor, source: 'discovered' };
    }
  }
  const at = from === 'PATH' ? `\`${executable}\` on the PATH` : `JAVA_HOME's ${executable}`;
  if (major === undefined && from === 'PATH') {
    throw javaMissing(neo4jVersion, minMajor, undefined, roots);
  }
  throw javaTooOld(
    neo4jVersion,
    minMajor,
    `${at} is ${major === undefined ? 'missing' : describeMajor(major)} and no JDK ${minMajor}+ was found under ${roots.join(', ')}`,
  );
}

/** The major of the Java at `executable`; undefined when it does not run. */
async function javaMajor(executable: string): Promise<number | 'unknown' | undefined> {
  try {
    return parseJavaMajor(await run(executable, ['-version'])) ?? 'unknown';
  } catch {
    return undefined;
  }
}

const describeMajor = (major: number | 'unknown') =>
  major === 'unknown' ? 'Java of an unknown version' : `Java ${major}`;

const INSTALL_HINT = (minMajor: number) =>
  `install a JDK ${minMajor}+ (Debian 13, Ubuntu 24.04: apt-get install openjdk-${minMajor}-jre-headless; ` +
  'elsewhere a Temurin JDK) and set NEO4J_JAVA_HOME to it, or set NEO4J_URI to use a Neo4j you already run';

function javaMissing(
  neo4jVersion: string,
  minMajor: number,
  executable: string | undefined,
  roots?: readonly string[],
): UserError {
  const where = executable
    ? ` at ${executable}`
    : ` on the PATH${roots ? ` nor under ${roots.join(', ')}` : ''}`;
  return new UserError(
    `Java was not found${where}. The managed Neo4j ${neo4jVersion} needs Java ${minMajor} or newer: ${INSTALL_HINT(minMajor)}.`,
    'JAVA_MISSING',
  );
}

function javaTooOld(neo4jVersion: string, minMajor: number, what: string): UserError {
  return new UserError(
    `Neo4j ${neo4jVersion} needs Java ${minMajor} or newer, but ${what}: ${INSTALL_HINT(minMajor)}.`,
    'JAVA_TOO_OLD',
  );
}

async function isExecutable(file: string): Promise<boolean> {
  return fs.access(file, fs.constants.X_OK).then(
    () => true,
    () => false,
  );
}
