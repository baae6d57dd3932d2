import type { Database } from '../db/database.ts';

export interface Participant {
  id: string;
  name: string;
  role: string | null;
  representing: { id: string; name: string } | null;
  sources: string[];
}

export function eventRepository(db: Database) {
  return {
    /* eventParticipants: who took part, in what role, for which organization. */
    async participants(eventId: string): Promise<Participant[]> {
      const rows = await db.read(
        `MATCH (p:Node)-[r:PARTICIPATED_IN]->(:Event {id: $eventId})
         OPTIONAL MATCH (o:Organization {id: r.representing})
         RETURN p.id AS id, p.name AS name, r.role AS role,
                CASE WHEN o IS NULL THEN null ELSE {id: o.id, name: o.name} END AS representing,
                r.sources AS sources
         ORDER BY p.id`,
        { eventId },
      );
      return rows as unknown as Participant[];
    },
  };
}
