#!/usr/bin/env node
// The `kg` command. It runs the compiled code (dist/cli/kg.js) when `npm run build` built it from
// the sources beside it, and the sources themselves through tsx otherwise: in a checkout being
// edited, `kg` never runs code older than what is on disk, and needs no build step (checking
// costs milliseconds; building would cost 20 s on every edit). Without tsx (npm ci --omit=dev),
// the build is what there is.
import { existsSync } from 'node:fs';

process.setSourceMapsEnabled(true);
const compiled = new URL('../dist/cli/kg.js', import.meta.url);

async function builtIsCurrent() {
  if (!existsSync(compiled)) return false;
  const { serverState } = await import('../dist/build-state.js');
  return serverState() === 'fresh';
}

function hasTsx() {
  try {
    import.meta.resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

if ((await builtIsCurrent()) || !hasTsx()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/kg.ts');
}
