/**
 * Contender A: the raw driver running each question's hand-written Cypher, behind the smallest
 * HTTP endpoint node:http allows (POST /<question key> with the parameters as JSON; /floor answers
 * without Neo4j). It exists so that the raw figures pay HTTP and JSON like the GraphQL servers do.
 * Usage: tsx bench/servers/raw-server.ts <port>
 */
import { createServer } from 'node:http';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../src/config.ts';
import { managedConnection } from '../../src/neo4j-server/instance.ts';
import { benchScaleEnv } from '../env.ts';
import { QUESTIONS } from '../questions.ts';

const port = Number(process.argv[2]);
const config = loadConfig(benchScaleEnv());
const connection = await managedConnection(config.managed);
const driver = neo4j.driver(
  connection.uri,
  neo4j.auth.basic(connection.user, connection.password),
  {
    disableLosslessIntegers: true,
  },
);
const cypher = new Map(QUESTIONS.map((q) => [`/${q.key}`, q.raw.cypher]));

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (c: Buffer) => chunks.push(c));
  request.on('end', () => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/floor') return send(200, { data: { __typename: 'Query' } });
    const statement = cypher.get(request.url ?? '');
    if (!statement) return send(404, { error: 'unknown question' });
    const params = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>;
    driver
      .executeQuery(statement, params, {
        database: connection.database,
        routing: neo4j.routing.READ,
      })
      .then((result) => send(200, { rows: result.records.map((r) => r.toObject()) }))
      .catch((error: Error) => send(500, { error: error.message }));
  });
});
server.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGINT', () => {
  server.close();
  void driver.close().then(() => process.exit(0));
});
