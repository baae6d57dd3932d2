import { spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `kg` as a user would (bin/kg.js), with the given environment (and standard input). */
export function runKg(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<RunResult> {
  return runNode([path.join(projectRoot, 'bin', 'kg.js'), ...args], env, input);
}

export function runNode(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd: projectRoot });
    if (input !== undefined) {
      // A child that exits before reading all of it closes the pipe: that is its answer.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A line that looks like a stack frame: what a user must never see. */
export const STACK_FRAME = /^\s+at\s.+(\(|:\d+)/m;
