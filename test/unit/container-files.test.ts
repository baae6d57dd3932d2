import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig, projectRoot } from '../../src/config.ts';
import { dockerfile, imageEnv } from '../support/container.ts';

/**
 * What the container files promise, read from the files themselves: no Docker engine runs here
 * (README, "Container", says what was run and what was not).
 */
const compose = parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
interface Service {
  image?: string;
  build?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

describe('docker-compose.yml', () => {
  const { neo4j, api } = compose.services;

  it('runs the API beside Neo4j, once Neo4j is healthy', () => {
    expect(api?.build).toBe('.');
    expect(api?.depends_on).toEqual({ neo4j: { condition: 'service_healthy' } });
    expect(neo4j?.healthcheck?.test.join(' ')).toContain('RETURN 1');
    expect(api?.environment?.NEO4J_URI).toBe('bolt://neo4j:7687');
  });

  it('binds every port to 127.0.0.1, GraphQL on 4000', () => {
    const ports = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(api?.ports).toContain('127.0.0.1:4000:4000');
  });

  it('takes the password from the environment and refuses to run without one', () => {
    const required = /^\$\{NEO4J_PASSWORD:\?[^}]+\}$/;
    expect(api?.environment?.NEO4J_PASSWORD).toMatch(required);
    expect(neo4j?.environment?.NEO4J_AUTH).toMatch(/^neo4j\/\$\{NEO4J_PASSWORD:\?[^}]+\}$/);
    // No secret is written in the file: every key comes from the environment, empty by default.
    for (const name of ['KG_WRITE_KEY', 'KG_API_KEYS', 'KG_JWT_SECRET']) {
      const value = api?.environment?.[name];
      if (value !== undefined) expect(value).toBe(`\${${name}:-}`);
    }
  });
});

describe('the API service as compose starts it', () => {
  it("is a configuration the server accepts: the image's ENV, then the service's environment", () => {
    // `${NAME:-default}` as compose fills it with nothing set, and the required password given.
    const filled = Object.fromEntries(
      Object.entries(compose.services.api?.environment ?? {}).map(([name, value]) => [
        name,
        String(value)
          .replace(/\$\{NEO4J_PASSWORD:\?[^}]*\}/, 'a-password-from-the-environment')
          .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
      ]),
    );
    expect(Object.values(filled).join(' ')).not.toContain('${');
    const config = loadConfig({ ...imageEnv(), ...filled });
    expect(config.neo4j?.uri).toBe('bolt://neo4j:7687');
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.server.port).toBe(4000);
    expect(config.apiKeys).toEqual([]);
    expect(config.exposure.graphiql).toBe(true);
  });
});

describe('Dockerfile', () => {
  const lines = dockerfile();
  const all = (instruction: string) => lines.filter((l) => l.instruction === instruction);

  it('builds in one stage and runs a slim Node LTS without dev dependencies in another', () => {
    const stages = all('FROM').map((l) => l.args);
    expect(stages).toEqual(['node:${NODE_VERSION}-slim AS build', 'node:${NODE_VERSION}-slim']);
    const version = all('ARG').find((l) => l.args.startsWith('NODE_VERSION='))?.args;
    expect(Number(version?.split('=')[1]) % 2).toBe(0); // an even major: an LTS line
    const runs = all('RUN').map((l) => l.args);
    expect(runs).toEqual([
      'npm ci',
      'npm run build',
      'npm ci --omit=dev && npm cache clean --force',
    ]);
    // The runtime stage takes only dist/ from the build stage.
    const fromBuild = all('COPY').filter((l) => l.args.startsWith('--from=build'));
    expect(fromBuild.map((l) => l.args)).toEqual(['--from=build /app/dist dist']);
  });

  it('runs as the unprivileged node user, on every interface, with a healthcheck on /ready', () => {
    const runtime = lines.slice(lines.findLastIndex((l) => l.instruction === 'FROM'));
    expect(runtime.find((l) => l.instruction === 'USER')?.args).toBe('node');
    const env = runtime.find((l) => l.instruction === 'ENV')?.args ?? '';
    expect(env).toContain('KG_HOST=0.0.0.0');
    expect(env).toContain('NODE_ENV=production');
    expect(all('EXPOSE').map((l) => l.args)).toEqual(['4000']);
    expect(all('HEALTHCHECK')[0]?.args).toMatch(/CMD \["node", "-e", ".*\/ready.*"\]$/);
    expect(all('CMD').at(-1)?.args).toBe('["node", "--enable-source-maps", "dist/main.js"]');
  });

  it('copies every file the server reads beside its code', () => {
    const copied = all('COPY').map((l) => l.args);
    for (const needed of ['schema.graphql', 'schema schema', 'seed seed', 'package.json']) {
      expect(copied.some((c) => c.includes(needed))).toBe(true);
    }
  });
});
