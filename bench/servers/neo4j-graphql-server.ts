/**
 * Contender C: `@neo4j/graphql` served by graphql-yoga on its own port, over the benchscale graph.
 * Started by bench/run.ts as a process of its own (so its CPU and memory are its own); prints
 * "ready" when it listens. Usage: tsx bench/servers/neo4j-graphql-server.ts <port>
 */
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { loadConfig } from '../../src/config.ts';
import { createDriver } from '../../src/db/driver.ts';
import { managedConnection } from '../../src/neo4j-server/instance.ts';
import { benchScaleEnv } from '../env.ts';
import { neo4jGraphqlSchema } from '../neo4j-graphql-schema.ts';

const port = Number(process.argv[2]);
const config = loadConfig(benchScaleEnv());
const driver = createDriver(await managedConnection(config.managed));
const yoga = createYoga({
  schema: await neo4jGraphqlSchema(driver),
  logging: false,
  graphiql: false,
});
const server = createServer(yoga);
server.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGINT', () => {
  server.close();
  void driver.close().then(() => process.exit(0));
});
