import { describe, expect, it } from 'vitest';
import { quoteRanges } from '../../web/explore/src/quotes.ts';
import { DRAWING, hrefs, parseRoute } from '../../web/explore/src/routes.ts';
import { formatDate } from '../../web/explore/src/vocabulary.ts';

const at = (url: string) => {
  const { pathname, search } = new URL(url, 'http://localhost');
  return parseRoute({ pathname, search });
};

describe("the explorer's URLs", () => {
  it('name every view, and read back as the view they name', () => {
    expect(at('/explore')).toEqual({ view: 'home' });
    expect(at('/explore/')).toEqual({ view: 'home' });
    expect(at(hrefs.entity('simon-crosby'))).toEqual({
      view: 'entity',
      id: 'simon-crosby',
      nodes: DRAWING.default,
    });
    expect(at(hrefs.entity('hub', 500))).toEqual({ view: 'entity', id: 'hub', nodes: 500 });
    expect(at(hrefs.path('joanna-rutkowska', 'citrix'))).toEqual({
      view: 'path',
      from: 'joanna-rutkowska',
      to: 'citrix',
    });
    expect(at(hrefs.path('', ''))).toEqual({ view: 'path', from: '', to: '' });
    expect(at(hrefs.timeline('citrix'))).toEqual({ view: 'timeline', id: 'citrix' });
    expect(at(hrefs.stance('blue-pill'))).toEqual({ view: 'stance', id: 'blue-pill' });
    expect(at(hrefs.article('a-1'))).toEqual({ view: 'article', id: 'a-1' });
  });

  it('keep odd ids whole, and bound the drawing to what the API gives', () => {
    expect(at(hrefs.entity('a/b c'))).toEqual({ view: 'entity', id: 'a/b c', nodes: 100 });
    expect(at('/explore/entity/x?nodes=5000')).toMatchObject({ nodes: DRAWING.most });
    expect(at('/explore/entity/x?nodes=-3')).toMatchObject({ nodes: DRAWING.default });
    expect(at('/explore/entity/x?nodes=abc')).toMatchObject({ nodes: DRAWING.default });
  });

  it('say when no view is there', () => {
    expect(at('/explore/entity')).toEqual({ view: 'not-found', path: '/explore/entity' });
    expect(at('/explore/entity/a/b')).toMatchObject({ view: 'not-found' });
    expect(at('/explore/nothing/x')).toMatchObject({ view: 'not-found' });
  });
});

describe('quotes in an article', () => {
  const text =
    'Crosby, Mulchandani and Christy responded\nthat the concern should be of no concern.';

  it('are found where spaces and line breaks differ, and overlapping ones are merged', () => {
    expect(quoteRanges(text, ['Christy responded that the concern'])).toEqual([[24, 58]]);
    expect(quoteRanges(text, ['Mulchandani and Christy', 'Christy responded'])).toEqual([[8, 41]]);
    expect(quoteRanges(text, ['not in the text', '', '(regex?'])).toEqual([]);
  });
});

describe('dates as people read them', () => {
  it('keep their precision', () => {
    expect(formatDate('2008')).toBe('2008');
    expect(formatDate('2008-03')).toBe('March 2008');
    expect(formatDate('2008-03-11')).toBe('11 March 2008');
    expect(formatDate(null)).toBe('');
  });
});
