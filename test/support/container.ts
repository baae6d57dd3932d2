import { readFileSync } from 'node:fs';
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
