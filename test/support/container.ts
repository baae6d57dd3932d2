import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';

export interface Instruction {
  instruction: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments left out. */
export function dockerfile(): Instruction[] {
  const text = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    .map((line) => {
      const [instruction = '', ...rest] = line.trim().split(/\s+/);
      return { instruction: instruction.toUpperCase(), args: rest.join(' ') };
    });
}

/** The runtime stage's ENV, as variables. */
export function imageEnv(): Record<string, string> {
  const lines = dockerfile();
  const runtime = lines.slice(lines.findLastIndex((l) => l.instruction === 'FROM'));
  const env: Record<string, string> = {};
  for (const { args } of runtime.filter((l) => l.instruction === 'ENV')) {
    for (const pair of args.split(/\s+/)) {
      const [name = '', value = ''] = pair.split('=');
      env[name] = value;
    }
  }
  return env;
}

/** The argv of an exec-form instruction (`CMD ["node", ...]`, `HEALTHCHECK ... CMD [...]`). */
export function execForm(instruction: 'CMD' | 'HEALTHCHECK'): string[] {
  const line = dockerfile().findLast((l) => l.instruction === instruction);
  const json = line?.args.slice(line.args.indexOf('['));
  if (!json) throw new Error(`the Dockerfile has no ${instruction} in exec form`);
  return JSON.parse(json) as string[];
}

/**
 * A folder holding what the image's runtime stage holds, and nothing else: each of its COPY
 * instructions done from this checkout (`--from=build` from the build in dist/), and this
 * checkout's node_modules linked in place of its `npm ci --omit=dev` (the caller refuses dev
 * dependencies). A file the server reads at run time that the Dockerfile leaves out is missing
 * here too.
 */
export function stageImage(): string {
  const lines = dockerfile();
  const runtime = lines.slice(lines.findLastIndex((l) => l.instruction === 'FROM'));
  const root = mkdtempSync(path.join(os.tmpdir(), 'kg-image-'));
  for (const { args } of runtime.filter((l) => l.instruction === 'COPY')) {
    const parts = args.split(/\s+/).filter((a) => !a.startsWith('--'));
    const fromBuild = args.includes('--from=build');
    const target = parts.pop()!;
    for (const source of parts) {
      const from = fromBuild
        ? path.join(projectRoot, path.relative('/app', source))
        : path.join(projectRoot, source);
      const to = target === './' ? path.join(root, path.basename(source)) : path.join(root, target);
      cpSync(from, to, { recursive: true });
    }
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}
