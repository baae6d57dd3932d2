import { beforeAll } from 'vitest';
import { openTestNeo4j, wipeTestGraph } from './neo4j.ts';

// Every integration test file starts from an empty graph (the schema stays).
beforeAll(async () => {
  const neo4j = openTestNeo4j();
  try {
    await wipeTestGraph(neo4j.db);
  } finally {
    await neo4j.close();
  }
});
