/**
 * Facts read off appositions, titles and simple patterns, each with the span it was read from:
 *
 * - WORKS_FOR: "Simon Crosby, the CTO of XenSource", "Nand Mulchandani, a senior director at
 *   VMware", "IRG principal Peter Christy", "VMware's CTO X"
 * - ACQUIRED: "Citrix acquired XenSource in October 2007" (with the date); "agreed to acquire" and
 *   "will buy" are proposed with a review note (announced, not done)
 * - HOSTED: "the N-Square dinner hosted by the Internet Research Group", "X hosted Y"
 * - HELD_AT / LOCATED_IN: an event "at Ming's Restaurant in Palo Alto", "the RSA Conference in
 *   San Francisco"
 * - DEVELOPS: "VMware's VMsafe", "Citrix XenServer"; CREATED: "X created/invented Y (in 2006)"
 * - PART_OF: "XenSource, a unit/division/subsidiary/part of Citrix"
 *
 * PARTICIPATED_IN and DISCUSSED come from the claims made at the article's event (draft.ts).
 */
import type { FactType } from '../model/vocabulary.ts';
import type { MentionAt } from './attributions.ts';
import { findDates } from './dates.ts';
import { titleAfter, titleEndingAt } from './entities.ts';
import type { FactProposal } from './proposals.ts';
import type { AnalysedText, Token } from './text.ts';

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';

export function findFacts(
  a: AnalysedText,
  mentions: readonly MentionAt[],
  mentionAt: readonly (MentionAt | undefined)[],
  articleYear: string | undefined,
): FactProposal[] {
  const facts: FactProposal[] = [];
  const span = (first: number, last: number) => {
    const start = a.tokens[first]!.start;
    const end = a.tokens[last]!.end;
    return { start, end, text: a.text.slice(start, end) };
  };
  const add = (
    type: FactType,
    from: MentionAt,
    to: MentionAt,
    first: number,
    last: number,
    rule: string,
    confidence: number,
    extra: Partial<FactProposal> = {},
  ) => {
    if (from.id === to.id) return;
    facts.push({
      type,
      from: from.id,
      to: to.id,
      quote: span(first, last),
      rule,
      confidence,
      ...extra,
    });
  };
  /** The mention starting at i, after an optional article. */
  const mentionFrom = (i: number) =>
    mentionAt[i]?.first === i
      ? mentionAt[i]
      : ['the', 'a', 'an'].includes(lower(a.tokens[i])) && mentionAt[i + 1]?.first === i + 1
        ? mentionAt[i + 1]
        : undefined;
  const is = (m: MentionAt | undefined, ...types: string[]): m is MentionAt =>
    m !== undefined && types.includes(m.type);

  for (const m of mentions) {
    const sentence = a.tokens[m.first]!.sentence;
    const sameSentence = (i: number) => a.tokens[i]?.sentence === sentence;
    if (m.type === 'Person') {
      // "Simon Crosby, the CTO of XenSource" / "Nand Mulchandani, a senior director at VMware"
      const run = { first: m.first, last: m.last, text: '', key: '', sentence, weak: false };
      const after = titleAfter(a, run);
      if (after && ['at', 'of', 'with', 'for'].includes(lower(a.tokens[after.last + 1]))) {
        // The organization closest after the title: "senior vice president of the Server and
        // Tools Business at Microsoft" reads on to "at Microsoft", within the apposition.
        let org = mentionFrom(after.last + 2);
        for (let k = after.last + 1; !is(org, 'Organization') && k < after.last + 12; k++) {
          const t = a.tokens[k];
          if (!t || t.sentence !== sentence || t.text === ',' || t.text === '.') break;
          if (['at', 'of', 'with', 'for'].includes(lower(t))) org = mentionFrom(k + 1);
        }
        if (is(org, 'Organization')) {
          add('WORKS_FOR', m, org, m.first, org.last, 'name, title at/of organization', 0.8, {
            role: after.title,
          });
        }
      }
      // "IRG principal Peter Christy", "VMware's CTO X", "IRG (Internet Research Group) principal"
      const before = titleEndingAt(a, m.first - 1);
      if (before) {
        let k = before.first - 1;
        if (a.tokens[k]?.text === "'s" || a.tokens[k]?.text === ')') k -= 1;
        let org = mentionAt[k];
        if (a.tokens[before.first - 1]?.text === ')' && !is(org, 'Organization')) {
          const open = a.tokens
            .slice(0, k + 1)
            .map((t) => t.text)
            .lastIndexOf('(');
          org = open > 0 ? mentionAt[open - 1] : undefined;
        }
        if (is(org, 'Organization') && sameSentence(org.first)) {
          add('WORKS_FOR', m, org, org.first, m.last, 'organization title name', 0.8, {
            role: before.title,
          });
        }
      }
    }
    // "the CTO of XenSource, Simon Crosby"
    if (m.type === 'Organization' && a.tokens[m.last + 1]?.text === ',') {
      const person = mentionAt[m.last + 2];
      const of = m.first - 1;
      const title = ['of', 'at'].includes(lower(a.tokens[of]))
        ? titleEndingAt(a, of - 1)
        : undefined;
      if (title && is(person, 'Person') && person.first === m.last + 2) {
        add('WORKS_FOR', person, m, title.first, person.last, 'title of organization, name', 0.8, {
          role: title.title,
        });
      }
    }
    if (m.type === 'Organization') {
      // "VMware's VMsafe", "Citrix XenServer"
      const possessive = a.tokens[m.last + 1]?.text === "'s";
      const product = possessive ? mentionAt[m.last + 2] : mentionAt[m.last + 1];
      if (is(product, 'Topic') && product.first === m.last + (possessive ? 2 : 1)) {
        add(
          'DEVELOPS',
          m,
          product,
          m.first,
          product.last,
          possessive ? "organization's product" : 'organization product',
          0.7,
        );
      }
      // "XenSource, a unit of Citrix"
      if (a.tokens[m.last + 1]?.text === ',') {
        let k = m.last + 2;
        if (['a', 'an', 'now'].includes(lower(a.tokens[k]))) k += 1;
        if (
          ['unit', 'division', 'subsidiary', 'part', 'arm'].includes(lower(a.tokens[k])) &&
          lower(a.tokens[k + 1]) === 'of'
        ) {
          const parent = mentionFrom(k + 2);
          if (is(parent, 'Organization'))
            add('PART_OF', m, parent, m.first, parent.last, 'X, a unit of Y', 0.7);
        }
      }
    }
    if (m.type === 'Event') {
      // "the N-Square dinner hosted by the Internet Research Group"
      if (lower(a.tokens[m.last + 1]) === 'hosted' || lower(a.tokens[m.last + 1]) === 'organized') {
        if (lower(a.tokens[m.last + 2]) === 'by') {
          const host = mentionFrom(m.last + 3);
          if (is(host, 'Organization', 'Person'))
            add('HOSTED', host, m, m.first, host.last, 'event hosted by X', 0.8);
        }
      }
      // "... at Ming's Restaurant in Palo Alto", "the RSA Conference in San Francisco"
      const end = a.sentences[sentence]!.last;
      for (let i = m.last + 1; i < end; i++) {
        if (mentionAt[i] && mentionAt[i]!.type === 'Event') break;
        if (!['at', 'in'].includes(lower(a.tokens[i]))) continue;
        const place = mentionFrom(i + 1);
        if (!is(place, 'Place')) continue;
        add(
          'HELD_AT',
          m,
          place,
          i === m.last + 1 ? m.first : i,
          place.last,
          'event at/in place',
          0.7,
        );
        break;
      }
    }
    // "innotek is based in Weinstadt", "XenSource, headquartered in Palo Alto"
    if (m.type === 'Organization' || m.type === 'Event') {
      let k = m.last + 1;
      if (['is', 'was', ','].includes(lower(a.tokens[k]))) k += 1;
      if (
        ['based', 'headquartered', 'located'].includes(lower(a.tokens[k])) &&
        lower(a.tokens[k + 1]) === 'in'
      ) {
        const place = mentionFrom(k + 2);
        if (is(place, 'Place'))
          add('LOCATED_IN', m, place, m.first, place.last, 'X based in place', 0.7);
      }
    }
    if (m.type === 'Place' && lower(a.tokens[m.last + 1]) === 'in') {
      const larger = mentionFrom(m.last + 2);
      if (is(larger, 'Place'))
        add('LOCATED_IN', m, larger, m.first, larger.last, 'place in place', 0.7);
    }
    if (m.type === 'Organization' || m.type === 'Person') {
      verbFacts(m);
    }
  }

  function verbFacts(subject: MentionAt) {
    let i = subject.last + 1;
    while (['AUX', 'ADV', 'PART'].includes(a.tokens[i]?.pos ?? '')) i += 1;
    let plan = false;
    if (
      ['agreed', 'plans', 'planned', 'agrees', 'intends', 'is', 'was'].includes(
        lower(a.tokens[i]),
      ) &&
      lower(a.tokens[i + 1]) === 'to'
    ) {
      plan = true;
      i += 2;
    }
    if (a.tokens[i - 1] && ['will', 'would'].includes(lower(a.tokens[i - 1]))) plan = true;
    const verb = a.tokens[i];
    if (!verb) return;
    const sentence = a.sentences[verb.sentence]!;
    let objectAt = i + 1;
    let type: FactType | undefined;
    if (['acquire', 'buy', 'purchase'].includes(verb.lemma)) type = 'ACQUIRED';
    else if (
      verb.lemma === 'complete' &&
      ['its', 'the'].includes(lower(a.tokens[i + 1])) &&
      ['acquisition', 'purchase'].includes(lower(a.tokens[i + 2])) &&
      lower(a.tokens[i + 3]) === 'of'
    ) {
      type = 'ACQUIRED';
      objectAt = i + 4;
    } else if (['create', 'invent'].includes(verb.lemma)) type = 'CREATED';
    else if (verb.lemma === 'host') type = 'HOSTED';
    if (!type) return;
    const object = mentionFrom(objectAt);
    if (!object) return;
    const wanted =
      type === 'ACQUIRED' ? ['Organization'] : type === 'CREATED' ? ['Topic'] : ['Event'];
    if (!wanted.includes(object.type)) return;
    let last = object.last;
    let date: string | undefined;
    if (type !== 'HOSTED') {
      const rest = a.text.slice(a.tokens[object.last]!.end, sentence.end);
      const found = findDates(rest, articleYear).find(
        (d) =>
          /^\s*(?:,\s*)?(?:in|on)?\s*$/i.test(
            rest.slice(0, d.start).replace(/^\s*(?:in|on)\s+/i, ''),
          ) || d.start < 12,
      );
      if (found) {
        date = found.value;
        const end = a.tokens[object.last]!.end + found.end;
        while (a.tokens[last + 1] && a.tokens[last + 1]!.end <= end) last += 1;
      }
    }
    add(type, subject, object, subject.first, last, `X ${verb.lemma} Y`, plan ? 0.5 : 0.75, {
      ...(date ? { date } : {}),
      ...(plan ? { review: 'announced or planned, not done: keep only if it happened' } : {}),
    });
  }

  return dedupe(facts);
}

function dedupe(facts: FactProposal[]): FactProposal[] {
  const seen = new Map<string, FactProposal>();
  for (const f of facts) {
    const key = `${f.type} ${f.from} ${f.to} ${f.role ?? ''}`;
    const before = seen.get(key);
    if (!before || f.confidence > before.confidence) seen.set(key, f);
  }
  return [...seen.values()];
}
