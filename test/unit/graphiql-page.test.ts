import { describe, expect, it } from 'vitest';
import { preferredEncoding, renderPage } from '../../src/http/graphiql-page.ts';

describe('preferredEncoding', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['GZIP', 'gzip'],
  ])('%j -> %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe('renderPage', () => {
  it("renders Yoga's GraphiQL through graphiql-tabs.js, which runs first", async () => {
    const html = await renderPage({ title: 'Test', defaultTabs: [{ query: '{ __typename }' }] });
    const mend = html.indexOf('window.kgGraphiQL = {');
    const call = html.indexOf('kgGraphiQL.render(YogaGraphiQL.renderYogaGraphiQL, ');
    expect(mend).toBeGreaterThan(0);
    expect(call).toBeGreaterThan(mend);
    expect(html).not.toContain('YogaGraphiQL.renderYogaGraphiQL(');
    expect(html).toContain('<style>.graphiql-tab { transform: none !important; }</style>');
    expect(html).toContain('"defaultTabs":[{"query":"{ __typename }"}]');
  });
});
