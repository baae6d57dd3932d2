import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  compareVersions,
  launchFacts,
  matchesVersion,
  mavenVersionSpec,
} from '../../src/neo4j-server/distribution.ts';
import { instancePaths } from '../../src/neo4j-server/instance.ts';
import { parseJavaMajor } from '../../src/neo4j-server/java.ts';
import { renderNeo4jConf } from '../../src/neo4j-server/neo4j-conf.ts';

describe('Neo4j versions', () => {
  it('turns a version prefix into a Maven range, and keeps an exact version', () => {
    expect(mavenVersionSpec('5.26')).toBe('[5.26.0,5.27)');
    expect(mavenVersionSpec('2026.08')).toBe('[2026.08.0,2026.09)');
    expect(mavenVersionSpec('2026.09')).toBe('[2026.09.0,2026.10)');
    expect(mavenVersionSpec('5.26.30')).toBe('5.26.30');
    // A year: the newest release of that year's line.
    expect(mavenVersionSpec('2026')).toBe('[2026.01.0,2027)');
  });

  it('launches 5.x with CommunityEntryPoint on Java 17, and the 2025+ line with Neo4jCommunity on Java 21', () => {
    expect(launchFacts('5.26.30')).toEqual({
      mainClass: 'org.neo4j.server.CommunityEntryPoint',
      minJava: 17,
    });
    expect(launchFacts('2026.08.1')).toEqual({
      mainClass: 'org.neo4j.server.Neo4jCommunity',
      minJava: 21,
    });
  });

  it('orders versions numerically and matches prefixes on dot boundaries', () => {
    expect(['5.26.9', '5.26.30', '5.26.10'].sort(compareVersions)).toEqual([
      '5.26.9',
      '5.26.10',
      '5.26.30',
    ]);
    expect(matchesVersion('5.26', '5.26.30')).toBe(true);
    expect(matchesVersion('5.2', '5.26.30')).toBe(false);
    expect(matchesVersion('5.26.30', '5.26.30')).toBe(true);
    expect(matchesVersion('2026', '2026.08.1')).toBe(true);
    expect(matchesVersion('2026', '2025.12.0')).toBe(false);
  });

  it('reads the Java major from java -version', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "25" 2025-09-16')).toBe(25);
    expect(parseJavaMajor('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajor('nonsense')).toBeUndefined();
  });
});

describe('neo4j.conf', () => {
  const config = loadConfig({
    KG_NEO4J_HOME: '/tmp/kg-home',
    NEO4J_BOLT_PORT: '7700',
    NEO4J_DATABASE: 'kgtest',
    NEO4J_HEAP: '768m',
  });
  const conf = renderNeo4jConf(config.managed, instancePaths(config.managed));

  it('listens on loopback only, with HTTP off and usage reporting off', () => {
    expect(conf).toContain('server.default_listen_address=127.0.0.1\n');
    expect(conf).toContain('server.bolt.listen_address=127.0.0.1:7700\n');
    expect(conf).toContain('server.http.enabled=false\n');
    expect(conf).toContain('dbms.usage_report.enabled=false\n');
    expect(conf).not.toMatch(/0\.0\.0\.0/);
  });

  it('sizes memory from the settings and keeps data in the instance folder', () => {
    expect(conf).toContain('server.memory.heap.max_size=768m\n');
    expect(conf).toContain('initial.dbms.default_database=kgtest\n');
    expect(conf).toContain('server.directories.data=/tmp/kg-home/instances/dev/data\n');
  });
});
