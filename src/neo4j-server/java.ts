import path from 'node:path';
import { UserError } from '../model/errors.ts';
import { run } from './distribution.ts';

export interface Java {
  executable: string;
  major: number;
}

/** Parses `java -version` output: `openjdk version "17.0.15"`, `"21"` or the old `"1.8.0_402"`. */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** Finds the Java to run Neo4j with: NEO4J_JAVA_HOME, else JAVA_HOME, else `java` on the PATH. */
export async function findJava(
  javaHome: string | undefined,
  minMajor: number,
  neo4jVersion: string,
): Promise<Java> {
  const executable = javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
  let output: string;
  try {
    output = await run(executable, ['-version']);
  } catch {
    throw new UserError(
      `Java was not found${javaHome ? ` at ${executable}` : ' on the PATH'}. The managed Neo4j ${neo4jVersion} needs Java ${minMajor} or newer: ` +
        `install a JDK (Debian/Ubuntu: apt-get install openjdk-${minMajor}-jre-headless) and set NEO4J_JAVA_HOME, ` +
        'or set NEO4J_URI to use a Neo4j you already run.',
      'JAVA_MISSING',
    );
  }
  const major = parseJavaMajor(output);
  if (major === undefined || major < minMajor) {
    throw new UserError(
      `Neo4j ${neo4jVersion} needs Java ${minMajor} or newer, but ${executable} is Java ${major ?? 'of an unknown version'}: ` +
        `set NEO4J_JAVA_HOME to a JDK ${minMajor}+ (for example /usr/lib/jvm/temurin-25-jdk-amd64), or set NEO4J_URI.`,
      'JAVA_TOO_OLD',
    );
  }
  return { executable, major };
}
