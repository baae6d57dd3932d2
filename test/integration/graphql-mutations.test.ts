import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exportLines, followUpArticle, SEED_ARTICLE_ID } from '../support/articles.ts';
import {
  apiKey,
  bearer,
  dataOf,
  errorOf,
  graphqlClient,
  loadSeed,
  type GraphQLErrorShape,
  type GraphQLResult,
} from '../support/graphql.ts';
import { openTestNeo4j, wipeTestGraph } from '../support/neo4j.ts';

const neo4j = openTestNeo4j();
afterAll(() => neo4j.close());
beforeEach(() => wipeTestGraph(neo4j.db));

const WRITE_KEY = 'test-write-key-5f1c9a0e';
const auth = bearer(WRITE_KEY);
// Merging needs an admin: the write key is an editor's.
const ADMIN_KEY = 'test-admin-key-7d2e4b1f';
const ADMIN = apiKey('the-admin', 'admin', ADMIN_KEY);
const adminAuth = bearer(ADMIN_KEY);

const IMPORT = `mutation Import($document: JSONObject, $source: String) {
  importArticle(document: $document, source: $source) {
    status
    article { id title }
    entitiesCreated
    entitiesMatched { declaredAs by entity { id name } }
    facts
    claims
  }
}`;
const RETRACT = `mutation Retract($id: ID!) {
  retractArticle(id: $id) { articleId entitiesDeleted claimsDeleted }
}`;
const MERGE = `mutation Merge($keep: ID!, $remove: ID!) {
  mergeEntities(keep: $keep, remove: $remove) {
    entity { __typename id name aliases }
    removedId
    relationshipsMoved
  }
}`;

interface ImportPayload {
  status: string;
  article: { id: string; title: string };
  entitiesCreated: string[];
  entitiesMatched: { declaredAs: string; by: string; entity: { id: string; name: string } }[];
  facts: number;
  claims: number;
}
interface RetractPayload {
  articleId: string;
  entitiesDeleted: string[];
  claimsDeleted: string[];
}
interface MergePayload {
  entity: { __typename: string; id: string; name: string; aliases: string[] };
  removedId: string;
  relationshipsMoved: number;
}

/** A deep copy that can be broken in ways the import format's types do not allow. */
function editable(document: unknown): {
  claims: Record<string, unknown>[];
  facts: Record<string, unknown>[];
  [key: string]: unknown;
} {
  return JSON.parse(JSON.stringify(document)) as ReturnType<typeof editable>;
}

/** The problems a BAD_USER_INPUT error lists in `extensions.issues`. */
function issuesOf(error: GraphQLErrorShape): { path: unknown; message: unknown }[] {
  const issues = error.extensions?.issues;
  expect(Array.isArray(issues)).toBe(true);
  const list = (Array.isArray(issues) ? issues : []) as unknown[];
  expect(list.length).toBeGreaterThan(0);
  return list.map((issue) => {
    expect(typeof issue).toBe('object');
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    expect(typeof message).toBe('string');
    return { path, message };
  });
}

function expectNoInternals(error: GraphQLErrorShape) {
  const json = JSON.stringify(error);
  expect(json).not.toMatch(/\n\s*at\s/);
  expect(json).not.toMatch(/node_modules|Neo4jError|Neo\.ClientError|Neo\.DatabaseError/);
  expect(json).not.toContain(WRITE_KEY);
  for (const key of ['stack', 'stacktrace', 'exception', 'originalError']) {
    expect(error.extensions ?? {}).not.toHaveProperty(key);
  }
}

const fieldOf = <T>(result: GraphQLResult<Record<string, T>>, field: string) =>
  result.data?.[field] ?? null;

describe('writing without a configured write key', () => {
  it('refuses every mutation with FORBIDDEN, saying writing is disabled, and writes nothing', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db);
    const { about } = dataOf(
      await client.query<{ about: { writable: boolean } }>('{ about { writable } }'),
    );
    expect(about.writable).toBe(false);

    const before = await exportLines(neo4j.db);
    for (const headers of [{}, auth]) {
      const imported = await client.query(IMPORT, { document: followUpArticle() }, headers);
      const error = errorOf(imported, 'FORBIDDEN');
      expect(error.message).toMatch(/writ/i);
      expect(error.message).toMatch(/disabled/i);
      expectNoInternals(error);
      expect(fieldOf(imported, 'importArticle')).toBeNull();

      const retracted = await client.query(RETRACT, { id: SEED_ARTICLE_ID }, headers);
      expect(errorOf(retracted, 'FORBIDDEN').message).toMatch(/disabled/i);
      const merged = await client.query(MERGE, { keep: 'citrix', remove: 'vmware' }, headers);
      expect(errorOf(merged, 'FORBIDDEN').message).toMatch(/disabled/i);
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });
});

describe('writing with a write key', () => {
  it('answers UNAUTHENTICATED to a missing or wrong key and writes nothing; reads need no key', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
    const { about } = dataOf(
      await client.query<{ about: { writable: boolean } }>('{ about { writable } }'),
    );
    expect(about.writable).toBe(true);

    const before = await exportLines(neo4j.db);
    const refused: Record<string, string>[] = [
      {},
      bearer('not-the-key'),
      bearer(`${WRITE_KEY}x`),
      { authorization: WRITE_KEY }, // the key without the Bearer scheme
    ];
    for (const headers of refused) {
      const imported = await client.query(IMPORT, { document: followUpArticle() }, headers);
      expectNoInternals(errorOf(imported, 'UNAUTHENTICATED'));
      expect(fieldOf(imported, 'importArticle')).toBeNull();
      errorOf(await client.query(RETRACT, { id: SEED_ARTICLE_ID }, headers), 'UNAUTHENTICATED');
      errorOf(
        await client.query(MERGE, { keep: 'citrix', remove: 'vmware' }, headers),
        'UNAUTHENTICATED',
      );
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('round trip: import a document, query what it brought, import again, retract, query', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
    const before = await exportLines(neo4j.db);
    const followUp = followUpArticle();
    const articleId = followUp.article.id;

    const created = dataOf(
      await client.query<{ importArticle: ImportPayload }>(IMPORT, { document: followUp }, auth),
    ).importArticle;
    expect(created).toEqual({
      status: 'CREATED',
      article: { id: articleId, title: followUp.article.title },
      entitiesCreated: ['xenserver-4-1'],
      entitiesMatched: [
        { declaredAs: 'citrix-systems', by: 'NAME', entity: { id: 'citrix', name: 'Citrix' } },
      ],
      facts: followUp.facts!.length,
      claims: followUp.claims!.length,
    });

    const READ = `query ($id: ID!) {
      article(id: $id) {
        id title publisher
        published { value precision }
        claims { id stance }
        facts { type from { id } to { id } role sources { quote article { id } } }
        mentions { id }
      }
      topic(id: "xenserver-4-1") { id name kind relations { type from { id } to { id } } }
      organization(id: "citrix") { aliases }
      claim(id: "crosby-dismisses-blue-pill") { sources { quote article { id } } }
    }`;
    interface Read {
      article: {
        id: string;
        title: string;
        publisher: string | null;
        published: { value: string; precision: string } | null;
        claims: { id: string; stance: string }[];
        facts: {
          type: string;
          from: { id: string };
          to: { id: string };
          role: string | null;
          sources: { quote: string | null; article: { id: string } }[];
        }[];
        mentions: { id: string }[];
      } | null;
      topic: {
        id: string;
        name: string;
        kind: string | null;
        relations: { type: string; from: { id: string }; to: { id: string } }[];
      } | null;
      organization: { aliases: string[] } | null;
      claim: { sources: { quote: string | null; article: { id: string } }[] } | null;
    }
    const during = dataOf(await client.query<Read>(READ, { id: articleId }));
    expect(during.article).toMatchObject({
      id: articleId,
      title: followUp.article.title,
      publisher: followUp.article.publisher,
      published: { value: followUp.article.publishedAt, precision: 'DAY' },
      claims: [{ id: 'crosby-dismisses-blue-pill', stance: 'DISMISSES' }],
    });
    expect(during.article?.facts).toHaveLength(followUp.facts!.length);
    expect(during.article?.facts).toContainEqual(
      expect.objectContaining({
        type: 'DEVELOPS',
        from: { id: 'citrix' }, // citrix-systems attached to Citrix by name
        to: { id: 'xenserver-4-1' },
        sources: expect.arrayContaining([
          { quote: 'Citrix Systems now ships XenServer 4.1', article: { id: articleId } },
        ]),
      }),
    );
    expect(during.article?.facts).toContainEqual(
      expect.objectContaining({
        type: 'WORKS_FOR',
        from: { id: 'simon-crosby' },
        to: { id: 'xensource' },
        role: 'CTO',
      }),
    );
    expect(during.article?.mentions.map((m) => m.id)).toEqual(
      expect.arrayContaining(['citrix', 'xenserver-4-1']),
    );
    expect(during.topic).toMatchObject({
      id: 'xenserver-4-1',
      name: 'XenServer 4.1',
      kind: 'product',
    });
    expect(during.topic?.relations).toContainEqual({
      type: 'DEVELOPS',
      from: { id: 'citrix' },
      to: { id: 'xenserver-4-1' },
    });
    expect(during.organization?.aliases).toEqual(
      expect.arrayContaining(['CTXS', 'Citrix Systems']),
    );
    expect(during.claim?.sources.map((s) => s.article.id)).toEqual([SEED_ARTICLE_ID, articleId]);

    // The same document again, as an object, as YAML text and as JSON text, changes nothing.
    const afterImport = await exportLines(neo4j.db);
    for (const variables of [
      { document: followUp },
      { source: stringify(followUp) },
      { source: JSON.stringify(followUp) },
    ]) {
      const again = dataOf(
        await client.query<{ importArticle: ImportPayload }>(IMPORT, variables, auth),
      ).importArticle;
      expect(again.status).toBe('UNCHANGED');
      expect(again.article.id).toBe(articleId);
      expect(again.entitiesCreated).toEqual([]);
    }
    expect(await exportLines(neo4j.db)).toEqual(afterImport);

    const retracted = dataOf(
      await client.query<{ retractArticle: RetractPayload }>(RETRACT, { id: articleId }, auth),
    ).retractArticle;
    expect(retracted).toEqual({
      articleId,
      entitiesDeleted: ['xenserver-4-1'],
      claimsDeleted: [], // the seed article still reports Crosby's claim
    });

    const after = dataOf(await client.query<Read>(READ, { id: articleId }));
    expect(after.article).toBeNull();
    expect(after.topic).toBeNull();
    expect(after.organization?.aliases).not.toContain('CTXS');
    expect(after.claim?.sources.map((s) => s.article.id)).toEqual([SEED_ARTICLE_ID]);
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('imports YAML text through `source`, and retracting it deletes its claim and entity', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
    const before = await exportLines(neo4j.db);
    const document = {
      format: 'kg-article/1',
      article: {
        id: 'article-graphql-source-2008',
        title: 'Crosby on the next hypervisor',
        publishedAt: '2008-05-01',
        text: 'Crosby said that Test Hypervisor X is the future of XenSource.',
      },
      entities: [
        { id: 'test-hypervisor-x', type: 'Topic', name: 'Test Hypervisor X', kind: 'product' },
      ],
      facts: [{ type: 'DEVELOPS', from: 'xensource', to: 'test-hypervisor-x' }],
      claims: [
        {
          id: 'crosby-promotes-test-hypervisor-x',
          statement: 'Test Hypervisor X is where XenSource is going.',
          stance: 'PROMOTES',
          speakers: [{ id: 'simon-crosby', role: 'CTO', organization: 'xensource' }],
          targets: ['test-hypervisor-x'],
          date: '2008-05-01',
          quote: 'Test Hypervisor X is the future of XenSource',
        },
      ],
    };

    const created = dataOf(
      await client.query<{ importArticle: ImportPayload }>(
        IMPORT,
        { source: stringify(document) },
        auth,
      ),
    ).importArticle;
    expect(created).toMatchObject({
      status: 'CREATED',
      article: { id: document.article.id, title: document.article.title },
      entitiesCreated: ['test-hypervisor-x'],
      entitiesMatched: [],
      facts: 1,
      claims: 1,
    });

    const CLAIM = `query {
      claim(id: "crosby-promotes-test-hypervisor-x") {
        statement stance date { value }
        speakers { id }
        attributions { speaker { id } role organization { id } }
        targets { stance entity { id } }
        sources { quote article { id } }
      }
    }`;
    const { claim } = dataOf(await client.query<{ claim: unknown }>(CLAIM));
    expect(claim).toEqual({
      statement: document.claims[0]!.statement,
      stance: 'PROMOTES',
      date: { value: '2008-05-01' },
      speakers: [{ id: 'simon-crosby' }],
      attributions: [
        { speaker: { id: 'simon-crosby' }, role: 'CTO', organization: { id: 'xensource' } },
      ],
      targets: [{ stance: 'PROMOTES', entity: { id: 'test-hypervisor-x' } }],
      sources: [{ quote: document.claims[0]!.quote, article: { id: document.article.id } }],
    });

    const again = dataOf(
      await client.query<{ importArticle: ImportPayload }>(
        IMPORT,
        { source: JSON.stringify(document) },
        auth,
      ),
    ).importArticle;
    expect(again.status).toBe('UNCHANGED');

    const retracted = dataOf(
      await client.query<{ retractArticle: RetractPayload }>(
        RETRACT,
        { id: document.article.id },
        auth,
      ),
    ).retractArticle;
    expect(retracted).toEqual({
      articleId: document.article.id,
      entitiesDeleted: ['test-hypervisor-x'],
      claimsDeleted: ['crosby-promotes-test-hypervisor-x'],
    });
    expect(dataOf(await client.query<{ claim: unknown }>(CLAIM)).claim).toBeNull();
    expect(
      dataOf(
        await client.query<{ article: unknown }>(`query ($id: ID!) { article(id: $id) { id } }`, {
          id: document.article.id,
        }),
      ).article,
    ).toBeNull();
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('a document that fails validation answers BAD_USER_INPUT with its issues and writes nothing', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
    const before = await exportLines(neo4j.db);

    const badStance = editable(followUpArticle());
    badStance.claims[0]!.stance = 'LOVES';
    const dangling = editable(followUpArticle());
    dangling.facts[1]!.from = 'nobody-we-know';
    const cases: { variables: Record<string, unknown>; path?: string }[] = [
      { variables: { document: badStance }, path: 'claims[0].stance' },
      { variables: { source: stringify(badStance) }, path: 'claims[0].stance' },
      { variables: { document: dangling }, path: 'facts[1].from' },
      { variables: { source: 'format: kg-article/1\narticle: [not, closed\n' } },
    ];
    for (const { variables, path } of cases) {
      const result = await client.query(IMPORT, variables, auth);
      const error = errorOf(result, 'BAD_USER_INPUT');
      expectNoInternals(error);
      expect(fieldOf(result, 'importArticle')).toBeNull();
      const issues = issuesOf(error);
      if (path) expect(issues.map((i) => i.path)).toContain(path);
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('both `document` and `source`, or neither, is BAD_USER_INPUT', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY });
    const before = await exportLines(neo4j.db);
    const followUp = followUpArticle();
    for (const variables of [{ document: followUp, source: stringify(followUp) }, {}]) {
      const result = await client.query(IMPORT, variables, auth);
      expectNoInternals(errorOf(result, 'BAD_USER_INPUT'));
      expect(fieldOf(result, 'importArticle')).toBeNull();
    }
    expect(await exportLines(neo4j.db)).toEqual(before);
  });

  it('mergeEntities: the removed id answers with the kept entity, which has its relations', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY, apiKeys: [ADMIN] });
    const duplicate = {
      format: 'kg-article/1',
      article: { id: 'article-citrix-inc', title: 'Citrix Inc. notes', publishedAt: '2008-05' },
      entities: [{ id: 'citrix-inc', type: 'Organization', name: 'Citrix Incorporated' }],
      facts: [
        { type: 'ACQUIRED', from: 'citrix-inc', to: 'xensource', date: '2007-10' },
        { type: 'DEVELOPS', from: 'citrix-inc', to: 'xenserver' },
        { type: 'HOSTED', from: 'citrix-inc', to: 'rsa-conference-2008' },
      ],
      claims: [
        {
          id: 'citrix-inc-promotes-xenserver',
          statement: 'XenServer is ready.',
          stance: 'PROMOTES',
          speakers: ['citrix-inc'],
          targets: ['xenserver'],
        },
      ],
    };
    const imported = dataOf(
      await client.query<{ importArticle: ImportPayload }>(IMPORT, { document: duplicate }, auth),
    ).importArticle;
    expect(imported.status).toBe('CREATED');
    expect(imported.entitiesCreated).toContain('citrix-inc');

    const ORG = `query ($id: ID!) {
      node(id: $id) {
        __typename
        id
        ... on Organization {
          name
          aliases
          relations { type from { id } to { id } sources { article { id } } }
          claimsMade { id }
          mentionedIn { id }
        }
      }
      organization(id: $id) { id }
    }`;
    interface Org {
      node: {
        __typename: string;
        id: string;
        name: string;
        aliases: string[];
        relations: {
          type: string;
          from: { id: string };
          to: { id: string };
          sources: { article: { id: string } }[];
        }[];
        claimsMade: { id: string }[];
        mentionedIn: { id: string }[];
      } | null;
      organization: { id: string } | null;
    }
    const removed = dataOf(await client.query<Org>(ORG, { id: 'citrix-inc' })).node!;
    expect(removed.id).toBe('citrix-inc');
    expect(removed.relations.length).toBe(duplicate.facts.length);
    expect(removed.claimsMade.map((c) => c.id)).toEqual(['citrix-inc-promotes-xenserver']);

    const byEditor = await client.query(MERGE, { keep: 'citrix', remove: 'citrix-inc' }, auth);
    expect(errorOf(byEditor, 'FORBIDDEN').message).toBe(
      'This needs the role admin: the key "write-key" is an editor.',
    );
    const merged = dataOf(
      await client.query<{ mergeEntities: MergePayload }>(
        MERGE,
        { keep: 'citrix', remove: 'citrix-inc' },
        adminAuth,
      ),
    ).mergeEntities;
    expect(merged.entity).toMatchObject({
      __typename: 'Organization',
      id: 'citrix',
      name: 'Citrix',
    });
    expect(merged.entity.aliases).toEqual(
      expect.arrayContaining(['Citrix Incorporated', 'Citrix Systems']),
    );
    expect(merged.removedId).toBe('citrix-inc');
    expect(merged.relationshipsMoved).toBeGreaterThan(0);

    const answer = dataOf(await client.query<Org>(ORG, { id: 'citrix-inc' }));
    const kept = answer.node!;
    expect(kept.__typename).toBe('Organization');
    expect(kept.id).toBe('citrix');
    expect(kept.name).toBe('Citrix');
    expect(answer.organization).toEqual({ id: 'citrix' });
    const renamed = (id: string) => (id === 'citrix-inc' ? 'citrix' : id);
    for (const relation of removed.relations) {
      const match = kept.relations.find(
        (r) =>
          r.type === relation.type &&
          r.from.id === renamed(relation.from.id) &&
          r.to.id === renamed(relation.to.id),
      );
      expect(match, `${relation.type} ${relation.from.id} -> ${relation.to.id}`).toBeDefined();
      expect(match?.sources.map((s) => s.article.id)).toEqual(
        expect.arrayContaining(relation.sources.map((s) => s.article.id)),
      );
    }
    expect(kept.claimsMade.map((c) => c.id)).toContain('citrix-inc-promotes-xenserver');
    expect(kept.mentionedIn.map((a) => a.id)).toEqual(
      expect.arrayContaining(['article-citrix-inc', SEED_ARTICLE_ID]),
    );

    const more = dataOf(
      await client.query<{
        nodes: ({ id: string } | null)[];
        claim: { speakers: { id: string }[] } | null;
      }>(`query {
        nodes(ids: ["citrix-inc", "citrix"]) { id }
        claim(id: "citrix-inc-promotes-xenserver") { speakers { id } }
      }`),
    );
    expect(more.nodes).toEqual([{ id: 'citrix' }, { id: 'citrix' }]);
    expect(more.claim?.speakers).toEqual([{ id: 'citrix' }]);
  });

  it('unknown ids: retract and merge answer NOT_FOUND; merging across types is BAD_USER_INPUT', async () => {
    await loadSeed(neo4j.db);
    const client = graphqlClient(neo4j.db, { writeKey: WRITE_KEY, apiKeys: [ADMIN] });
    const before = await exportLines(neo4j.db);

    const retracted = await client.query(RETRACT, { id: 'article-that-never-was' }, auth);
    expectNoInternals(errorOf(retracted, 'NOT_FOUND'));
    expect(fieldOf(retracted, 'retractArticle')).toBeNull();

    const unknown = await client.query(MERGE, { keep: 'citrix', remove: 'no-such-org' }, adminAuth);
    expectNoInternals(errorOf(unknown, 'NOT_FOUND'));
    const acrossTypes = await client.query(
      MERGE,
      { keep: 'citrix', remove: 'simon-crosby' },
      adminAuth,
    );
    expectNoInternals(errorOf(acrossTypes, 'BAD_USER_INPUT'));
    const itself = await client.query(MERGE, { keep: 'citrix', remove: 'citrix' }, adminAuth);
    expectNoInternals(errorOf(itself, 'BAD_USER_INPUT'));

    expect(await exportLines(neo4j.db)).toEqual(before);
  });
});
