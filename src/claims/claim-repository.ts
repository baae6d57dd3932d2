import type { Database } from '../db/database.ts';

export interface ClaimSource {
  article: { id: string; title: string; publishedAt: string };
  quote: string | null;
}

export interface ClaimView {
  id: string;
  statement: string;
  stance: string;
  date: string | null;
  speakers: { id: string; name: string; role: string | null; organization: string | null }[];
  /** Every article that reports the claim, first report first. */
  sources: ClaimSource[];
}

/** The Cypher of claims: each query named, parameterised, and returning plain values. */
export function claimRepository(db: Database) {
  return {
    /* claimsAbout: claims about an entity, optionally with one stance towards it. */
    async listAbout({
      targetId,
      stance,
    }: {
      targetId: string;
      stance?: string;
    }): Promise<ClaimView[]> {
      const rows = await db.read(
        `MATCH (c:Claim)-[about:ABOUT]->(:Node {id: $targetId})
         WHERE $stance IS NULL OR about.stance = $stance
         CALL (c) {
           MATCH (s:Node)-[m:MADE]->(c)
           WITH s, m ORDER BY s.id
           RETURN collect({id: s.id, name: s.name, role: m.role, organization: m.organization}) AS speakers
         }
         CALL (c) {
           MATCH (c)-[r:REPORTED_IN]->(a:Article)
           WITH a, r ORDER BY a.publishedDay, a.id
           RETURN collect({article: {id: a.id, title: a.title, publishedAt: a.published}, quote: r.quote}) AS sources
         }
         RETURN c.id AS id, c.statement AS statement, c.stance AS stance, c.date AS date, speakers, sources
         ORDER BY c.id`,
        { targetId, stance: stance ?? null },
      );
      return rows as unknown as ClaimView[];
    },

    /* claimSources: where a claim comes from, first report first. */
    async sources(claimId: string): Promise<ClaimSource[]> {
      const rows = await db.read(
        `MATCH (:Claim {id: $claimId})-[r:REPORTED_IN]->(a:Article)
         RETURN {id: a.id, title: a.title, publishedAt: a.published} AS article, r.quote AS quote
         ORDER BY a.publishedDay, a.id`,
        { claimId },
      );
      return rows as unknown as ClaimSource[];
    },
  };
}
