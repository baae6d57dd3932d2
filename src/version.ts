import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './config.ts';

export const apiVersion: string = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;
