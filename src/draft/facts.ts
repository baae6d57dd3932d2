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
 * - DEVELOPS: "VMware's VMsafe", "Citrix XenServer"; "X develops/builds/makes Y"; "X released (the
 *   final version of) Y" (lower); "X, which sells Y" (lower, with a review note); "X, the company
 *   behind Y" / "X, the maker of Y"; "X said that ... its Y" (the speaker's, lower, reviewed)
 * - CREATED: "X created/invented Y (in 2006)"
 *
 * The subject of a verb may be a pronoun in what an entity said: "Sun said on February 12 that it
 * had agreed to acquire X" reads as "Sun agreed to acquire X" (it: an organization; he/she: a
 * person); or the subject of an earlier predicate of the sentence: "X is based in Y and develops Z".
 * - PART_OF: "XenSource, a unit/division/subsidiary/part of Citrix"
 *
 * PARTICIPATED_IN and DISCUSSED come from the claims made at the article's event (draft.ts).
 */
import type { FactType } from '../model/vocabulary.ts';
import type { MentionAt } from './attributions.ts';
import { findDates } from './dates.ts';
import { titleAfter, titleEndingAt } from './entities.ts';
import {
  DEVELOPS_VERBS,
  MAKER_NOUNS,
  ORGANIZATION_NOUNS,
  REPORTING_VERBS,
  SELLING_VERBS,
  SHIPPING_VERBS,
} from './lexicon.ts';
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
    if (m.type === 'Organization' && a.tokens[m.last + 1]?.text === ',') {
      // "innotek, the German company behind VirtualBox", "X, the maker of Y"
      let k = m.last + 2;
      if (['the', 'a', 'an'].includes(lower(a.tokens[k]))) {
        k += 1;
        for (let n = 0; n < 3 && ['ADJ', 'PROPN'].includes(a.tokens[k]?.pos ?? ''); n++) k += 1;
        const head = lower(a.tokens[k]);
        const link = lower(a.tokens[k + 1]);
        if (
          (ORGANIZATION_NOUNS.has(head) && link === 'behind') ||
          (MAKER_NOUNS.has(head) && link === 'of')
        ) {
          const product = objectAfter(k + 2);
          if (is(product, 'Topic') && sameSentence(product.first))
            add('DEVELOPS', m, product, m.first, product.last, `X, the ${head} ${link} Y`, 0.7);
        }
      }
      // "Citrix, which sells the competing XenServer": a verb of its relative clause
      if (['which', 'that'].includes(lower(a.tokens[m.last + 2]))) verbFacts(m, m.last + 3, true);
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
      verbFacts(m, m.last + 1);
      reportedFacts(m);
      coordinatedFacts(m);
    }
  }

  /**
   * The mention an object starts with, after a determiner, up to three modifiers ("the competing
   * XenServer") and "version/release/edition of" ("the final version of Hyper-V").
   */
  function objectAfter(i: number): MentionAt | undefined {
    let k = i;
    if (['the', 'a', 'an', 'its', 'their'].includes(lower(a.tokens[k]))) k += 1;
    for (let n = 0; n < 3 && mentionAt[k]?.first !== k; n++) {
      const t = a.tokens[k];
      if (!t || !(t.pos === 'ADJ' || (t.pos === 'VERB' && /ing$/.test(t.text)))) break;
      k += 1;
    }
    const versions = ['version', 'release', 'edition', 'beta', 'update', 'preview'];
    // "the first beta version of"
    while (versions.includes(lower(a.tokens[k])) && versions.includes(lower(a.tokens[k + 1])))
      k += 1;
    if (versions.includes(lower(a.tokens[k])) && lower(a.tokens[k + 1]) === 'of') {
      k += 2;
      if (['the', 'its'].includes(lower(a.tokens[k]))) k += 1;
    }
    return mentionAt[k]?.first === k ? mentionAt[k] : undefined;
  }

  /**
   * "Sun said (on February 12) that it had agreed to acquire X": the pronoun is the speaker when
   * its type fits; "X said that ... its Y": Y is the speaker's (an organization), for review.
   */
  function reportedFacts(speaker: MentionAt) {
    let i = speaker.last + 1;
    while (a.tokens[i]?.pos === 'ADV') i += 1;
    const verb = a.tokens[i];
    // Any reporting verb for "its"; only a neutral one for the pronoun ("denied that it ...").
    if (!verb || verb.pos !== 'VERB' || !REPORTING_VERBS[verb.lemma]) return;
    const sentence = a.sentences[verb.sentence]!;
    // An adjunct before "that" ("on February 12", "in a statement"), no verb in it.
    let k = i + 1;
    while (
      k <= Math.min(sentence.last, i + 8) &&
      lower(a.tokens[k]) !== 'that' &&
      ['ADP', 'DET', 'NUM', 'PROPN', 'NOUN', 'ADJ', 'PUNCT'].includes(a.tokens[k]!.pos) &&
      !mentionAt[k]
    )
      k += 1;
    const that = lower(a.tokens[k]) === 'that' ? k : lower(a.tokens[i + 1]) === 'that' ? i + 1 : i;
    const pronoun = lower(a.tokens[that + 1]);
    const fits =
      REPORTING_VERBS[verb.lemma] === 'ASSERTS' &&
      ((pronoun === 'it' && speaker.type === 'Organization') ||
        (['he', 'she'].includes(pronoun) && speaker.type === 'Person'));
    if (fits) verbFacts(speaker, that + 2, false, speaker.first);
    if (speaker.type !== 'Organization' || that === i) return;
    // "its Y" in what the organization said, no other organization or person named before it.
    for (let j = that + 1; j < sentence.last; j++) {
      const m = mentionAt[j];
      if (m && m.first === j && (m.type === 'Organization' || m.type === 'Person')) break;
      if (lower(a.tokens[j]) !== 'its') continue;
      const product = mentionAt[j + 1];
      if (is(product, 'Topic') && product.first === j + 1) {
        add('DEVELOPS', speaker, product, speaker.first, product.last, 'X said ... its Y', 0.5, {
          review: '"its" read as the speaker\'s: check whose it is',
        });
      }
    }
  }

  /** "Innotek is based in Weinstadt, near Stuttgart, and develops VirtualBox". */
  function coordinatedFacts(subject: MentionAt) {
    const sentence = a.sentences[a.tokens[subject.first]!.sentence]!;
    const opens =
      subject.first === sentence.first ||
      (subject.first === sentence.first + 1 && lower(a.tokens[sentence.first]) === 'the');
    if (!opens || !['AUX', 'VERB'].includes(a.tokens[subject.last + 1]?.pos ?? '')) return;
    for (let j = subject.last + 2; j < sentence.last; j++) {
      const t = a.tokens[j]!;
      const m = mentionAt[j];
      if (m && (m.type === 'Organization' || m.type === 'Person')) return;
      if (['SCONJ', 'PRON'].includes(t.pos) || [';', ':', '"', '“'].includes(t.text)) return;
      if (lower(t) === 'and' && a.tokens[j + 1]?.pos === 'VERB') {
        verbFacts(subject, j + 1, false, subject.first);
        return;
      }
    }
  }

  /**
   * "X acquired/created/hosted/develops Y", the verb (with auxiliaries before it) from token
   * `from`; `relative`: in a relative clause after X ("X, which sells Y"), where selling counts.
   */
  function verbFacts(subject: MentionAt, from: number, relative = false, quoteFirst?: number) {
    let i = from;
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
    else if (
      DEVELOPS_VERBS.has(verb.lemma) ||
      SHIPPING_VERBS.has(verb.lemma) ||
      (relative && SELLING_VERBS.has(verb.lemma))
    )
      type = 'DEVELOPS';
    if (!type) return;
    const object = type === 'DEVELOPS' ? objectAfter(objectAt) : mentionFrom(objectAt);
    if (!object) return;
    const wanted =
      type === 'ACQUIRED'
        ? ['Organization']
        : type === 'CREATED' || type === 'DEVELOPS'
          ? ['Topic']
          : ['Event'];
    if (!wanted.includes(object.type)) return;
    let last = object.last;
    let date: string | undefined;
    if (type !== 'HOSTED' && type !== 'DEVELOPS') {
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
    const selling = type === 'DEVELOPS' && SELLING_VERBS.has(verb.lemma);
    const confidence =
      type !== 'DEVELOPS'
        ? plan
          ? 0.5
          : 0.75
        : selling
          ? 0.4
          : SHIPPING_VERBS.has(verb.lemma)
            ? 0.55
            : 0.7;
    const review = selling
      ? 'sold or offered: keep only if it also develops it'
      : plan && type !== 'DEVELOPS'
        ? 'announced or planned, not done: keep only if it happened'
        : undefined;
    add(type, subject, object, quoteFirst ?? subject.first, last, `X ${verb.lemma} Y`, confidence, {
      ...(date ? { date } : {}),
      ...(review ? { review } : {}),
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
