import { describe, expect, it } from 'vitest';
import { normalizeName, normalizeQuoteText } from '../../src/model/names.ts';

describe('normalizeName', () => {
  it.each([
    ['Simon Crosby', 'simon crosby'],
    ['  SIMON   crosby ', 'simon crosby'],
    ['Citrix Systems, Inc.', 'citrix systems inc'],
    ['IRG (Internet Research Group)', 'irg internet research group'],
    ['N-Square', 'n square'],
    ["Ming's Restaurant", 'mings restaurant'],
    ['Ming’s Restaurant', 'mings restaurant'],
    ['Mings Restaurant', 'mings restaurant'],
    ['Crème Brûlée', 'creme brulee'],
    ['Łukasz Żółć', 'lukasz zolc'],
    ['Straße', 'strasse'],
    ['Ｘｅｎ', 'xen'],
    ['VMsafe™', 'vmsafe'],
    ['Citrix® XenServer', 'citrix xenserver'],
    ['AT&T', 'at t'],
    ['...', ''],
  ])('%s -> %s', (name, normalized) => {
    expect(normalizeName(name)).toBe(normalized);
  });

  it('never drops words', () => {
    expect(normalizeName('Citrix Systems')).not.toBe(normalizeName('Citrix'));
  });
});

describe('normalizeQuoteText', () => {
  it('straightens quotation marks and collapses whitespace, keeping letter case', () => {
    expect(normalizeQuoteText('  “Open”\n\tis ‘better’  ')).toBe(`"Open" is 'better'`);
  });
});
