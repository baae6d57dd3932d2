import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { OFF_THREAD_BYTES, offThreadValidator } from '../../src/ingest/validate-off-thread.ts';
import { validateArticleText } from '../../src/ingest/validate.ts';

/** A valid article whose text makes it `bytes` long or so. */
const article = (bytes: number) =>
  stringify({
    format: 'kg-article/1',
    article: {
      id: 'article-off-thread',
      title: 'Off the event loop',
      publishedAt: '2008-03',
      text: `Crosby works for XenSource. ${'A sentence to make the text long. '.repeat(bytes / 34)}`,
    },
    entities: [{ id: 'simon-crosby', type: 'Person', name: 'Simon Crosby' }],
    facts: [{ type: 'WORKS_FOR', from: 'simon-crosby', to: 'xensource', role: 'CTO' }],
  });

const validators = [offThreadValidator(), offThreadValidator({ timeoutMs: 1 })];
afterAll(() => Promise.all(validators.map((v) => v.close())));

describe('validation off the event loop', () => {
  it('gives what validation on the event loop gives, positions of the graph checks included', async () => {
    for (const bytes of [1024, 4 * OFF_THREAD_BYTES]) {
      const text = article(bytes);
      const here = validateArticleText(text, 'a.yaml');
      const there = await validators[0]!.validate(text, 'a.yaml');
      expect(there.ok && here.ok).toBe(true);
      if (!there.ok || !here.ok) return;
      expect(there.article).toEqual(here.article);
      expect(there.references).toEqual(['xensource']);
      expect(there.locate(['facts', 0, 'to'])).toEqual(here.locate(['facts', 0, 'to']));
    }
    const refused = await validators[0]!.validate(
      `${article(4 * OFF_THREAD_BYTES)}- x\n`,
      'b.yaml',
    );
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.errors.map((e) => [e.file, e.code])).toContainEqual([
      'b.yaml',
      'SYNTAX_ERROR',
    ]);
  }, 60_000);

  it('a worker out of time is ended, its text refused, and the next text gets a new one', async () => {
    const slow = validators[1]!;
    const text = article(4 * OFF_THREAD_BYTES);
    for (let round = 0; round < 2; round++) {
      expect(await slow.validate(text, 'slow.yaml')).toEqual({
        ok: false,
        errors: [
          {
            file: 'slow.yaml',
            path: '(file)',
            message: 'the document took more than 0.001 s to parse and check',
            code: 'TOO_COSTLY_TO_PARSE',
          },
        ],
      });
    }
    // Small texts are validated at once, without a worker.
    expect((await slow.validate(article(1024), 'small.yaml')).ok).toBe(true);
  }, 60_000);

  it('refuses texts beyond its queue with SERVER_BUSY', async () => {
    const busy = offThreadValidator({ workers: 1, queue: 1 });
    validators.push(busy);
    const text = article(4 * OFF_THREAD_BYTES);
    const first = busy.validate(text, 'one.yaml');
    const second = busy.validate(text, 'two.yaml');
    await expect(busy.validate(text, 'three.yaml')).rejects.toMatchObject({ code: 'SERVER_BUSY' });
    expect((await first).ok && (await second).ok).toBe(true);
  }, 60_000);
});
