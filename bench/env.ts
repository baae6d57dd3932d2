/**
 * Where the scale benchmark runs: its own managed Neo4j (instance "benchscale", Bolt port 7694,
 * data under the project's instance directory `.neo4j/instances/benchscale`), never the
 * development graph and never the other benchmarks' instance ("bench", 7692). GraphQL servers
 * listen on 4983-4986.
 */
import { benchEnv } from '../scripts/bench-support.ts';

export const PORTS = { ours: 4983, oursCached: 4984, neo4jGraphql: 4985, raw: 4986 } as const;

/** `--name value` from the command line, or `fallback`. */
export function argument(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** `--name` present on the command line. */
export const flag = (name: string): boolean => process.argv.slice(2).includes(`--${name}`);

/** This process's environment without NEO4J_* and KG_*, aimed at the benchscale instance. */
export function benchScaleEnv(extra: Record<string, string> = {}): Record<string, string> {
  return benchEnv({
    KG_NEO4J_INSTANCE: 'benchscale',
    NEO4J_BOLT_PORT: '7694',
    // The same for every contender. At 1M nodes the store outgrows a 1 GB page cache and the
    // raw baseline's batches a 2 GB heap (a run spent most of its time in garbage collection,
    // then Neo4j closed the connection), so the largest size gets 4 GB of each.
    NEO4J_HEAP: process.env.NEO4J_HEAP ?? (argument('size', '10k') === '1m' ? '4g' : '2g'),
    NEO4J_PAGECACHE:
      process.env.NEO4J_PAGECACHE ?? (argument('size', '10k') === '1m' ? '4g' : '1g'),
    KG_IMPORT_SEED: 'false',
    ...extra,
  });
}
