import neo4j from 'neo4j-driver';

/**
 * Turns what the driver returns into plain JSON-ready values: Neo4j integers become numbers
 * (strings past 2^53, so that nothing is silently rounded), temporals become ISO strings,
 * nodes and relationships become their properties. Nothing driver-specific leaves src/db.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    return value.inSafeRange() ? value.toNumber() : value.toString();
  }
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (neo4j.isPoint(value)) {
    return { srid: toPlain(value.srid), x: value.x, y: value.y, z: value.z ?? null };
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) {
    return toPlain(value.properties);
  }
  if (neo4j.isPath(value)) {
    return value.segments.map((s) => ({
      start: toPlain(s.start),
      relationship: toPlain(s.relationship),
      end: toPlain(s.end),
    }));
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = toPlain(v);
    return out;
  }
  return value;
}

/**
 * The inverse of toPlain for property values read from JSON (a restore): whole numbers become
 * Neo4j integers, in lists too, since the driver would send every JavaScript number as a float.
 * Strings stay strings, whatever they look like (the graph stores dates as strings).
 */
export function toNeo4jProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    out[key] = Array.isArray(value) ? value.map(toNeo4jNumber) : toNeo4jNumber(value);
  }
  return out;
}

function toNeo4jNumber(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? neo4j.int(value) : value;
}
