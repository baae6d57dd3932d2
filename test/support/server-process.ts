import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** Everything it wrote to stderr so far. */
  output(): string;
}

/** `npm start`'s entry point in one process (tsx's loader, not its CLI, which forks). */
export function spawnMain(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'main.ts')], {
    env,
    cwd: projectRoot,
  });
}

/** Runs `npm start`'s entry point until it prints that it is ready. */
export async function startMain(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnMain(env);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const deadline = Date.now() + 180_000;
  while (!stderr.includes('Press Ctrl-C to stop.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exited, output: () => stderr };
}
