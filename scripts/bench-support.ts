/**
 * What the benchmark scripts share: their numeric command-line options, and the environment of
 * the managed Neo4j they use (instance "bench", Bolt port 7692), never the development graph.
 */

/** `--name 42` from the command line, or `fallback`. */
export function option(name: string, fallback: number): number {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) || fallback : fallback;
}

/** This process's environment without NEO4J_* and KG_*, aimed at the bench instance. */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('NEO4J_') && !k.startsWith('KG_')) env[k] = v;
  }
  return {
    ...env,
    KG_NEO4J_INSTANCE: 'bench',
    NEO4J_BOLT_PORT: '7692',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** A request that nests six levels deep: what a front end drawing a claim's context asks. */
export const DEEP: { name: string; query: string; variables?: Record<string, unknown> } = {
  name: 'Deep (6 levels)',
  query: `query Deep {
    claims(where: { speaker: "simon-crosby" }, first: 20) {
      edges { node { id statement
        speakers { id name ... on Person { roles { title organization { id name people { person { id name } } } } } }
        targets { stance entity { id name mentionedIn { id title } } }
        sources { quote article { id title mentions { id name } } } } }
    }
  }`,
};
