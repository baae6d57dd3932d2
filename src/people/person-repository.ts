import type { Database } from '../db/database.ts';

export interface Role {
  title: string | null;
  organization: { id: string; name: string };
  validFrom: string | null;
  validTo: string | null;
  sources: string[];
}

export function personRepository(db: Database) {
  return {
    /**
     * personRolesAsOf: the roles a person held on a day. A role holds from the first day of
     * validFrom to the last day of validTo; a bound that no source gives is open.
     */
    async rolesAsOf(personId: string, day: string): Promise<Role[]> {
      const rows = await db.read(
        `MATCH (:Person {id: $personId})-[r:WORKS_FOR]->(o:Organization)
         WHERE (r.validFromDay IS NULL OR r.validFromDay <= $day)
           AND (r.validToDay IS NULL OR r.validToDay >= $day)
         RETURN r.role AS title, {id: o.id, name: o.name} AS organization,
                r.validFrom AS validFrom, r.validTo AS validTo, r.sources AS sources
         ORDER BY o.id, r.role`,
        { personId, day },
      );
      return rows as unknown as Role[];
    },
  };
}
