import type { Database } from '../db/database.ts';

export interface AssertedFact {
  type: string;
  from: string;
  to: string;
  role: string | null;
  quote: string;
  sources: string[];
}

export function articleRepository(db: Database) {
  return {
    /* articleAssertions: every fact and claim an article supports. */
    async assertions(articleId: string): Promise<{
      facts: AssertedFact[];
      claims: { id: string; statement: string; quote: string | null }[];
    }> {
      const facts = await db.read(
        `MATCH (:Article {id: $articleId})-[:MENTIONS]->(a)-[r]->(b)
         WHERE $articleId IN r.sources
         WITH DISTINCT a, r, b
         RETURN type(r) AS type, a.id AS from, b.id AS to, r.role AS role,
                r.quotes[[i IN range(0, size(r.sources) - 1) WHERE r.sources[i] = $articleId][0]] AS quote,
                r.sources AS sources
         ORDER BY type, from, to`,
        { articleId },
      );
      const claims = await db.read(
        `MATCH (c:Claim)-[r:REPORTED_IN]->(:Article {id: $articleId})
         RETURN c.id AS id, c.statement AS statement, r.quote AS quote
         ORDER BY id`,
        { articleId },
      );
      return {
        facts: facts as unknown as AssertedFact[],
        claims: claims as unknown as { id: string; statement: string; quote: string | null }[],
      };
    },

    /* singleSourced: facts and claims that rest on one article only. */
    async singleSourced(): Promise<{
      facts: AssertedFact[];
      claims: { id: string; article: string }[];
    }> {
      const facts = await db.read(
        `MATCH (a)-[r]->(b)
         WHERE r.sources IS NOT NULL AND size(r.sources) = 1
         RETURN type(r) AS type, a.id AS from, b.id AS to, r.role AS role, r.quotes[0] AS quote, r.sources AS sources
         ORDER BY type, from, to`,
      );
      const claims = await db.read(
        `MATCH (c:Claim)-[:REPORTED_IN]->(a:Article)
         WITH c, collect(a.id) AS articles
         WHERE size(articles) = 1
         RETURN c.id AS id, articles[0] AS article
         ORDER BY id`,
      );
      return {
        facts: facts as unknown as AssertedFact[],
        claims: claims as unknown as { id: string; article: string }[],
      };
    },
  };
}
