import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseJdk,
  findJava,
  type InstalledJdk,
  installedJdks,
  parseReleaseFile,
} from '../../src/neo4j-server/java.ts';

/** A JDK folder as packages lay it out: a `release` file, and a bin/java that prints its version. */
async function fakeJdk(root: string, name: string, version: string): Promise<string> {
  const home = path.join(root, name);
  await fs.mkdir(path.join(home, 'bin'), { recursive: true });
  await fs.writeFile(path.join(home, 'release'), `IMPLEMENTOR="Test"\nJAVA_VERSION="${version}"\n`);
  const java = path.join(home, 'bin', 'java');
  await fs.writeFile(java, `#!/bin/sh\necho 'openjdk version "${version}" 2025-01-01' >&2\n`, {
    mode: 0o755,
  });
  return home;
}

let tmp: string;
/** Holds JDKs 17, 21.0.2, 21.0.5 (and a link to it), 25, and two folders that are no JDK. */
let jvm: string;
/** Holds only a JDK 17. */
let oldJvm: string;
let java17: string;

beforeAll(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'kg-jdks-')));
  jvm = path.join(tmp, 'jvm');
  oldJvm = path.join(tmp, 'old-jvm');
  java17 = path.join(await fakeJdk(jvm, 'java-17-openjdk-amd64', '17.0.15'), 'bin', 'java');
  await fakeJdk(jvm, 'jdk-21.0.2', '21.0.2');
  const jdk21 = await fakeJdk(jvm, 'temurin-21-jdk-amd64', '21.0.5');
  await fs.symlink(jdk21, path.join(jvm, 'java-21'));
  await fakeJdk(jvm, 'temurin-25-jdk-amd64', '25.0.3');
  await fs.mkdir(path.join(jvm, 'openjdk-17'), { recursive: true }); // Debian's link farm: no release
  await fs.mkdir(path.join(jvm, 'no-java', 'bin'), { recursive: true });
  await fs.writeFile(path.join(jvm, 'no-java', 'release'), 'JAVA_VERSION="22"\n');
  await fakeJdk(oldJvm, 'java-17-openjdk-amd64', '17.0.15');
});

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('finding a JDK for the managed Neo4j', () => {
  it('reads the version from a JDK release file', () => {
    expect(parseReleaseFile('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25.0.3"\n')).toEqual({
      major: 25,
      version: '25.0.3',
    });
    expect(parseReleaseFile('JAVA_VERSION="1.8.0_402"')).toEqual({
      major: 8,
      version: '1.8.0_402',
    });
    expect(parseReleaseFile('JAVA_VERSION=21\n')).toEqual({ major: 21, version: '21' });
    expect(parseReleaseFile('JAVA_RUNTIME_VERSION="21"')).toBeUndefined();
    expect(parseReleaseFile('')).toBeUndefined();
  });

  it('chooses the oldest major that is new enough, and of it the newest update', () => {
    const jdks: InstalledJdk[] = [
      { home: '/j/25', major: 25, version: '25.0.3' },
      { home: '/j/21a', major: 21, version: '21.0.2' },
      { home: '/j/17', major: 17, version: '17.0.15' },
      { home: '/j/21b', major: 21, version: '21.0.10' },
    ];
    expect(chooseJdk(jdks, 21)?.home).toBe('/j/21b');
    expect(chooseJdk(jdks, 17)?.home).toBe('/j/17');
    expect(chooseJdk(jdks, 22)?.home).toBe('/j/25');
    expect(chooseJdk(jdks, 26)).toBeUndefined();
    expect(chooseJdk([], 21)).toBeUndefined();
  });

  it('lists the JDKs under a folder once each, skipping folders that are no JDK', async () => {
    const jdks = await installedJdks([jvm, path.join(tmp, 'missing')]);
    expect(jdks.map((j) => j.version).sort()).toEqual(['17.0.15', '21.0.2', '21.0.5', '25.0.3']);
    expect(jdks.find((j) => j.major === 25)?.home).toBe(path.join(jvm, 'temurin-25-jdk-amd64'));
  });

  it('takes the java on the PATH when it is new enough', async () => {
    const java = await findJava(undefined, 17, '5.26.30', { pathJava: java17, jdkRoots: [jvm] });
    expect(java).toEqual({ executable: java17, major: 17, source: 'PATH' });
  });

  it('finds a JDK 21+ on disk when the java on the PATH or JAVA_HOME is too old', async () => {
    const fromPath = await findJava(undefined, 21, '2026.08.1', {
      pathJava: java17,
      jdkRoots: [jvm],
    });
    expect(fromPath).toEqual({
      executable: path.join(jvm, 'temurin-21-jdk-amd64', 'bin', 'java'),
      major: 21,
      source: 'discovered',
    });
    const fromJavaHome = await findJava(path.join(jvm, 'java-17-openjdk-amd64'), 21, '2026.08.1', {
      javaHomeFrom: 'JAVA_HOME',
      jdkRoots: [jvm],
    });
    expect(fromJavaHome.source).toBe('discovered');
    expect(fromJavaHome.major).toBe(21);
    const noJavaOnPath = await findJava(undefined, 21, '2026.08.1', {
      pathJava: path.join(tmp, 'nowhere', 'java'),
      jdkRoots: [jvm],
    });
    expect(noJavaOnPath.source).toBe('discovered');
  });

  it('obeys NEO4J_JAVA_HOME: too old is an error, even with a newer JDK on disk', async () => {
    const home = path.join(jvm, 'java-17-openjdk-amd64');
    await expect(
      findJava(home, 21, '2026.08.1', { javaHomeFrom: 'NEO4J_JAVA_HOME', jdkRoots: [jvm] }),
    ).rejects.toMatchObject({
      code: 'JAVA_TOO_OLD',
      message: expect.stringMatching(
        /^Neo4j 2026\.08\.1 needs Java 21 or newer, but .*java-17-openjdk-amd64\/bin\/java is Java 17: install a JDK 21\+/,
      ),
    });
    const chosen = await findJava(path.join(jvm, 'temurin-25-jdk-amd64'), 21, '2026.08.1', {
      javaHomeFrom: 'NEO4J_JAVA_HOME',
      jdkRoots: [jvm],
    });
    expect(chosen).toMatchObject({ major: 25, source: 'NEO4J_JAVA_HOME' });
  });

  it('says what to install when no JDK is new enough, naming where it looked', async () => {
    const error = await findJava(undefined, 21, '2026.08.1', {
      pathJava: java17,
      jdkRoots: [oldJvm],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JAVA_TOO_OLD' });
    const { message } = error as Error;
    expect(message).toContain('Neo4j 2026.08.1 needs Java 21 or newer');
    expect(message).toContain(`no JDK 21+ was found under ${oldJvm}`);
    expect(message).toContain('apt-get install openjdk-21-jre-headless');
    expect(message).toContain('NEO4J_JAVA_HOME');
    expect(message).not.toContain('\n');

    await expect(
      findJava(undefined, 21, '2026.08.1', {
        pathJava: path.join(tmp, 'nowhere', 'java'),
        jdkRoots: [oldJvm],
      }),
    ).rejects.toMatchObject({
      code: 'JAVA_MISSING',
      message: expect.stringMatching(/^Java was not found on the PATH nor under .*old-jvm\./),
    });
  });
});
