import type { ManagedNeo4jConfig } from '../config.ts';
import type { InstancePaths } from './instance.ts';

/**
 * Our neo4j.conf for a managed server: Bolt on loopback only, HTTP off, memory sized for a small
 * (2-core) machine, no usage reporting. Written anew at every start, so changing a setting
 * (NEO4J_HEAP, NEO4J_BOLT_PORT) takes effect on the next start. The keys are the same on the 5.x
 * and the calendar-versioned (2025+) lines.
 */
export function renderNeo4jConf(
  config: ManagedNeo4jConfig,
  paths: Pick<InstancePaths, 'data' | 'logs' | 'run' | 'dir'>,
): string {
  const lines = [
    '# Written by the project (src/neo4j-server/neo4j-conf.ts) at every start: edits here are lost.',
    `initial.dbms.default_database=${config.database}`,
    'server.default_listen_address=127.0.0.1',
    'server.default_advertised_address=127.0.0.1',
    `server.bolt.listen_address=127.0.0.1:${config.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${config.boltPort}`,
    'server.bolt.enabled=true',
    'server.http.enabled=false',
    'server.https.enabled=false',
    `server.memory.heap.initial_size=${config.heap}`,
    `server.memory.heap.max_size=${config.heap}`,
    `server.memory.pagecache.size=${config.pageCache}`,
    'dbms.memory.transaction.total.max=0',
    'dbms.usage_report.enabled=false',
    `server.directories.data=${paths.data}`,
    `server.directories.logs=${paths.logs}`,
    `server.directories.run=${paths.run}`,
    `server.directories.import=${paths.dir}/import`,
    `server.directories.plugins=${paths.dir}/plugins`,
    'db.tx_log.rotation.retention_policy=2 files',
    'server.threads.worker_count=8',
  ];
  return `${lines.join('\n')}\n`;
}
