import { describe, expect, it } from 'vitest';
import { createConnectivity } from '../../src/db/connectivity.ts';

const after = <T>(ms: number, value?: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value as T), ms));
const never = () => new Promise<never>(() => {});

/** A Neo4j whose checks answer (planning) or never do (frozen). */
function neo4j(answers: boolean) {
  return createConnectivity({ ping: () => (answers ? after(5) : never()), probeMs: 100 });
}

describe('waiting for a plan past the time limit', () => {
  it('goes on while Neo4j answers checks: a plan that takes longer than the limit arrives', async () => {
    const connectivity = neo4j(true);
    try {
      await expect(connectivity.guard(() => after(400, 'planned'), 100, 5_000)).resolves.toBe(
        'planned',
      );
      expect(connectivity.up).toBe(true);
    } finally {
      connectivity.close();
    }
  });

  it('stops when Neo4j answers no check (frozen): SERVICE_UNAVAILABLE soon after the limit, and down', async () => {
    const connectivity = neo4j(false);
    try {
      const started = performance.now();
      await expect(connectivity.guard(never, 100, 60_000)).rejects.toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(connectivity.up).toBe(false);
    } finally {
      connectivity.close();
    }
  });

  it('stops at its own limit however long Neo4j keeps answering', async () => {
    const connectivity = neo4j(true);
    try {
      await expect(connectivity.guard(never, 100, 300)).rejects.toMatchObject({
        code: 'QUERY_TIMEOUT',
      });
    } finally {
      connectivity.close();
    }
  });
});
