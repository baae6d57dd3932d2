import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { rmSync } from 'node:fs';
import { execForm, imageEnv, stageImage } from '../support/container.ts';
import { STACK_FRAME } from '../support/processes.ts';
import { childEnv, TEST_PORTS } from '../support/test-config.ts';

const PORT = String(TEST_PORTS.compiledHttp);
const WRITE_KEY = 'compiled-server-test-write-key';

/**
 * The build as the container image runs it: the Dockerfile's CMD, with its ENV, against the test
 * Neo4j (instead of the compose file's), and its HEALTHCHECK command, run as Docker would run it.
 * A resolve hook refuses every dev dependency, as an image without them would.
 */
const DEV_DEPENDENCIES = ['tsx', 'vite', 'typescript', 'esbuild', 'vitest', '@neo4j/graphql'];
const refuseDevDependencies = `data:text/javascript,${encodeURIComponent(`
  import { register } from 'node:module';
  register('data:text/javascript,' + encodeURIComponent(\`
    const dev = ${JSON.stringify(DEV_DEPENDENCIES)};
    export async function resolve(specifier, context, next) {
      if (dev.some((d) => specifier === d || specifier.startsWith(d + '/')))
        throw new Error('a dev dependency was loaded: ' + specifier);
      return next(specifier, context);
    }\`));
`)}`;

function healthcheck(env: Record<string, string>): number | null {
  const [command = '', ...args] = execForm('HEALTHCHECK');
  return spawnSync(command === 'node' ? process.execPath : command, args, { env }).status;
}

describe('the compiled server, as the image runs it', () => {
  beforeAll(() => {
    // What `npm start` does first: build when dist/ is missing or stale (about 20 s).
    const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
      cwd: projectRoot,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stderr}`);
    image = stageImage();
  }, 240_000);

  /** The image's files (see stageImage): the server runs there, not in this checkout. */
  let image = '';
  let stop: (() => void) | undefined;
  afterAll(() => {
    stop?.();
    if (image) rmSync(image, { recursive: true, force: true });
  });

  it("serves GraphQL under the Dockerfile's CMD and ENV, passes its HEALTHCHECK, and stops on SIGTERM", async () => {
    const { uri, password } = inject('neo4j');
    const env = childEnv({
      ...imageEnv(),
      PORT,
      NEO4J_URI: uri,
      NEO4J_PASSWORD: password,
      NEO4J_DATABASE: 'kgtest',
      KG_WRITE_KEY: WRITE_KEY,
    });
    // Before the server runs, the healthcheck fails: it can tell.
    expect(healthcheck(env)).toBe(1);
    const [command, ...args] = execForm('CMD');
    expect(command).toBe('node');
    const child = spawn(process.execPath, ['--import', refuseDevDependencies, ...args], {
      cwd: image,
      env,
    });
    stop = () => child.kill('SIGKILL');
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 120_000;
    while (!stderr.includes('Press Ctrl-C to stop.')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(stderr);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stderr).toContain(`Listening on        0.0.0.0:${PORT}`);
    expect(stderr).toMatch(/imported 7 seed articles/);
    const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ search(text: "Crosby", directOnly: true) { id } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { search: [{ id: 'simon-crosby' }] } });
    expect((await fetch(`http://127.0.0.1:${PORT}/explore`)).status).toBe(200);
    // A text over 32 KB is validated by the worker thread, a bundle of its own.
    const large = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_KEY}` },
      body: JSON.stringify({
        query: 'mutation ($source: String) { importArticle(source: $source) { status } }',
        variables: { source: `${'# padding\n'.repeat(4000)}formatVersion: 1\n` },
      }),
    });
    const refused = (await large.json()) as {
      errors?: { extensions?: { code?: string; issues?: { code: string }[] } }[];
    };
    // Refused for what the text says, not for a worker that could not start (TOO_COSTLY_TO_PARSE).
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const codes = refused.errors?.[0]?.extensions?.issues?.map((i) => i.code) ?? [];
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('TOO_COSTLY_TO_PARSE');
    expect(healthcheck(env)).toBe(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain('dev dependency');
  }, 180_000);

  it('kg (bin/kg.js) runs the compiled command', () => {
    const kg = spawnSync(
      process.execPath,
      ['--import', refuseDevDependencies, path.join(image, 'bin', 'kg.js'), '--help'],
      { cwd: image, encoding: 'utf8', env: childEnv({}) },
    );
    expect(kg.stderr).not.toContain('dev dependency');
    expect(kg.status).toBe(0);
    expect(kg.stdout).toContain('import');
  });
});
