/**
 * Facts read off appositions, titles and simple patterns, each with the span it was read from:
 *
 * - WORKS_FOR: "Simon Crosby, the CTO of XenSource", "Nand Mulchandani, a senior director at
 *   VMware", "IRG principal Peter Christy", "VMware's CTO X", "X, VMware's CTO"; with dates:
 *   "Y named/appointed/hired X (as) (its) CEO (on <date>)", "X was named CEO of Y (in <date>)",
 *   "X was hired by Y", "X joined Y (as CTO) (in <date>)" (validFrom); "X stepped down/resigned/left
 *   as CEO of Y (in <date>)", "X left/resigned from Y", "X, who left Y in 2007" (validTo, ended);
 *   "X replaces/succeeds Z as CEO of Y (in <date>)": X from the date, Z's post ended (reviewed);
 *   "former CTO" (the role without "former", ended, reviewed: no validTo invented)
 * - ACQUIRED: "Citrix acquired/bought XenSource in October 2007" (with the date), "XenSource was
 *   acquired by Citrix", "XenSource, which Citrix acquired in 2007", "Citrix completed its
 *   acquisition of XenSource"; "Citrix's (2007) acquisition of XenSource" and "the acquisition of
 *   XenSource by Citrix" (lower, reviewed: a deal named may not have closed); "agreed to acquire",
 *   "will buy", "is to be acquired", "proposed acquisition" are proposed with a review note
 *   (announced, not done); "failed acquisition", "did not acquire" give nothing
 * - HOSTED: "the N-Square dinner hosted by the Internet Research Group", "X hosted Y"
 * - HELD_AT / LOCATED_IN: an event "at Ming's Restaurant in Palo Alto", "the RSA Conference in
 *   San Francisco"; "X (, which) is based/headquartered in Z", "Z-based X", "X, a Z-based company"
 * - DEVELOPS: "VMware's VMsafe", "Citrix XenServer"; "X develops/builds/makes Y"; "X released (the
 *   final version of) Y" (lower); "X, which sells Y" (lower, with a review note); "X, the company
 *   behind Y" / "X, the maker of Y"; "X said that ... its Y" (the speaker's, lower, reviewed)
 * - CREATED: "X created/invented Y (in 2006)"
 * - CONTRIBUTES_TO: "X contributes (code) to Y", "X, a (major) contributor to Y", "X, a maintainer
 *   of Y"
 *
 * A negated verb ("did not acquire", "never joined") gives no fact, nor does a question.
 * The subject of a verb may be a pronoun in what an entity said: "Sun said on February 12 that it
 * had agreed to acquire X" reads as "Sun agreed to acquire X" (it: an organization; he/she: a
 * person); or the subject of an earlier predicate of the sentence: "X is based in Y and develops Z";
 * or of a relative clause ("X, who joined Y in 2006").
 * - PART_OF: "XenSource, a unit/division/subsidiary/part of Citrix", "X, a wholly owned subsidiary
 *   of Y", "X, a Citrix subsidiary", "Citrix's XenSource unit"
 *
 * PARTICIPATED_IN and DISCUSSED come from the claims made at the article's event (draft.ts).
 */
import type { FactType } from '../model/vocabulary.ts';
import type { MentionAt } from './attributions.ts';
import { findDates } from './dates.ts';
import { titleAfter, titleEndingAt, titleStartingAt } from './entities.ts';
import {
  ACQUIRING_VERBS,
  ACQUISITION_NOUNS,
  APPOINTING_VERBS,
  CONTRIBUTOR_NOUNS,
  DEVELOPS_VERBS,
  FAILED_DEAL_WORDS,
  FORMER_WORDS,
  JOINING_VERBS,
  LEAVING_VERBS,
  MAKER_NOUNS,
  NEGATIONS,
  ORGANIZATION_NOUNS,
  PLANNED_DEAL_WORDS,
  REPORTING_VERBS,
  SELLING_VERBS,
  SHIPPING_VERBS,
  SUBSIDIARY_NOUNS,
  SUCCEEDING_VERBS,
  UNIT_NAME_WORDS,
} from './lexicon.ts';
import type { FactProposal } from './proposals.ts';
import type { AnalysedText, Token } from './text.ts';

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? '';

/** A post read after a verb or a name: "as its CEO", "CEO of Acme", "Acme's former CTO". */
interface Post {
  role: string;
  /** "former CTO". */
  ended: boolean;
  /** Written after "as". */
  as: boolean;
  /** "its CEO": the subject's. */
  its: boolean;
  org: MentionAt | undefined;
  last: number;
}
const POSSESSIVE = ["'s", "'", '’s', '’'];
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s"]);
/** Skipped words before a verb that make what follows not (yet) done: "will buy", "is to buy". */
const NOT_YET = new Set(['will', 'would', 'could', 'may', 'might', 'should', 'can', 'to', 'being']);
const ANNOUNCED = 'announced or planned, not done: keep only if it happened';
const DEAL_REVIEW = 'a deal named, not said to be done: keep only if it closed';

/** "former CTO" -> "CTO", ended; other titles as they are. */
function formerOf(title: string): { role: string; ended: boolean } {
  const [first, ...rest] = title.split(/\s+/);
  return FORMER_WORDS.has(first!.toLowerCase()) && rest.length > 0
    ? { role: rest.join(' '), ended: true }
    : { role: title, ended: false };
}

/** The role of a title, and for "former CTO" that the post has ended (no validTo invented). */
function roleOf(title: string): Partial<FactProposal> {
  const { role, ended } = formerOf(title);
  return ended
    ? { role, ended, review: '"former": the post has ended; add validTo if the text says when' }
    : { role };
}

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
    // A question asks, it does not state: "Did Citrix acquire XenSource?"
    const sentence = a.sentences[a.tokens[last]!.sentence]!;
    if (a.tokens[sentence.last]!.text === '?') return;
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
        // "the CTO of XenSource at Citrix": XenSource is part of Citrix, and the post is with
        // XenSource; "of the Server and Tools Business at Microsoft": a unit named as one, the
        // post is with the company.
        const outer =
          is(org, 'Organization') && ['at', 'of'].includes(lower(a.tokens[org.last + 1]))
            ? mentionFrom(org.last + 2)
            : undefined;
        if (is(org, 'Organization') && is(outer, 'Organization')) {
          add('PART_OF', org, outer, org.first, outer.last, 'X at Y, after a title', 0.6);
          if (UNIT_NAME_WORDS.has(lower(a.tokens[org.last]))) org = outer;
        }
        if (is(org, 'Organization')) {
          add('WORKS_FOR', m, org, m.first, org.last, 'name, title at/of organization', 0.8, {
            ...roleOf(after.title),
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
            ...roleOf(before.title),
          });
        }
      }
    }
    if (m.type === 'Person' && a.tokens[m.last + 1]?.text === ',') {
      // "Jane Doe, Acme's former CTO", "Jane Doe, a former Acme executive"
      let k = m.last + 2;
      if (['a', 'an', 'the'].includes(lower(a.tokens[k]))) k += 1;
      const former = FORMER_WORDS.has(lower(a.tokens[k]));
      if (former) k += 1;
      const org = mentionAt[k]?.first === k ? mentionAt[k] : undefined;
      if (is(org, 'Organization')) {
        let t = org.last + 1;
        if (POSSESSIVE.includes(a.tokens[t]?.text ?? '')) t += 1;
        const title = titleStartingAt(a, t);
        if (title && sameSentence(title.last) && !mentionAt[title.last + 1]) {
          const role = roleOf(title.title);
          add('WORKS_FOR', m, org, m.first, title.last, "name, organization's title", 0.75, {
            ...role,
            ...(former && !role.ended ? roleOf(`former ${title.title}`) : {}),
          });
        }
      }
      // "Jane Doe, who joined Acme in 2006,": the verb of its relative clause
      if (lower(a.tokens[m.last + 2]) === 'who') verbFacts(m, m.last + 3);
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
          ...roleOf(title.title),
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
      // "XenSource, a (wholly owned) unit of Citrix", "XenSource is now part of Citrix",
      // "XenSource, a Citrix subsidiary", "XenSource, Citrix's unit"
      if ([',', 'is', 'was', 'became'].includes(lower(a.tokens[m.last + 1]))) {
        let k = m.last + 2;
        if (lower(a.tokens[k]) === 'now') k += 1;
        if (['a', 'an'].includes(lower(a.tokens[k]))) k += 1;
        for (let n = 0; n < 4; n++) {
          const t = a.tokens[k];
          if (!t || SUBSIDIARY_NOUNS.has(lower(t)) || mentionAt[k]) break;
          if (
            !['ADV', 'ADJ'].includes(t.pos) &&
            t.text !== '-' &&
            !/^(?:owned|held)$/i.test(t.text)
          )
            break;
          k += 1;
        }
        const noun = lower(a.tokens[k]);
        const owner = mentionAt[k]?.first === k ? mentionAt[k] : undefined;
        if (SUBSIDIARY_NOUNS.has(noun) && lower(a.tokens[k + 1]) === 'of') {
          const parent = mentionFrom(k + 2);
          if (is(parent, 'Organization'))
            add('PART_OF', m, parent, m.first, parent.last, 'X, a unit of Y', 0.7);
        } else if (is(owner, 'Organization')) {
          let t = owner.last + 1;
          if (POSSESSIVE.includes(a.tokens[t]?.text ?? '')) t += 1;
          const unit = lower(a.tokens[t]);
          if (SUBSIDIARY_NOUNS.has(unit) && unit !== 'part' && a.tokens[t]!.pos === 'NOUN')
            add('PART_OF', m, owner, m.first, t, 'X, a Y unit', 0.65);
        }
      }
      if (POSSESSIVE.includes(a.tokens[m.last + 1]?.text ?? '')) {
        // "Citrix's XenSource unit"
        const unit = mentionAt[m.last + 2];
        const noun = unit ? a.tokens[unit.last + 1] : undefined;
        if (
          is(unit, 'Organization') &&
          unit.first === m.last + 2 &&
          noun?.pos === 'NOUN' &&
          SUBSIDIARY_NOUNS.has(lower(noun)) &&
          lower(noun) !== 'part'
        )
          add('PART_OF', unit, m, m.first, unit.last + 1, "Y's X unit", 0.7);
        // "Citrix's (2007) acquisition of XenSource"
        acquisitionNoun(m, m.last + 2);
      }
      // "the acquisition of XenSource by Citrix"
      let of = m.first - 1;
      if (lower(a.tokens[of]) === 'the') of -= 1;
      if (
        lower(a.tokens[of]) === 'of' &&
        ACQUISITION_NOUNS.has(lower(a.tokens[of - 1])) &&
        lower(a.tokens[m.last + 1]) === 'by'
      ) {
        const buyer = mentionFrom(m.last + 2);
        const before = [lower(a.tokens[of - 2]), lower(a.tokens[of - 3])];
        if (is(buyer, 'Organization') && !before.some((w) => FAILED_DEAL_WORDS.has(w))) {
          const planned = before.some((w) => PLANNED_DEAL_WORDS.has(w));
          const when = dateAfter(buyer.last);
          add(
            'ACQUIRED',
            buyer,
            m,
            of - 1,
            when?.last ?? buyer.last,
            'the acquisition of Y by X',
            planned ? 0.45 : 0.6,
            {
              ...(when ? { date: when.date } : {}),
              review: planned ? ANNOUNCED : DEAL_REVIEW,
            },
          );
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
      if (['which', 'that'].includes(lower(a.tokens[m.last + 2]))) {
        verbFacts(m, m.last + 3, true);
        boughtBy(m, m.last + 3);
      }
      // "XenSource, acquired by Citrix in 2007,"
      if (
        ACQUIRING_VERBS.has(a.tokens[m.last + 2]?.lemma ?? '') &&
        lower(a.tokens[m.last + 3]) === 'by'
      )
        verbFacts(m, m.last + 2);
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
    // "XenSource, which is based in Palo Alto", "innotek is now based in Weinstadt"
    if (m.type === 'Organization' || m.type === 'Event') {
      let k = m.last + 1;
      if (a.tokens[k]?.text === ',') {
        k += 1;
        if (['which', 'that'].includes(lower(a.tokens[k]))) k += 1;
      }
      if (['is', 'was', 'are', 'were'].includes(lower(a.tokens[k]))) k += 1;
      if (lower(a.tokens[k]) === 'now') k += 1;
      if (
        ['based', 'headquartered', 'located'].includes(lower(a.tokens[k])) &&
        lower(a.tokens[k + 1]) === 'in'
      ) {
        const place = mentionFrom(k + 2);
        if (is(place, 'Place'))
          add('LOCATED_IN', m, place, m.first, place.last, 'X based in place', 0.7);
      }
    }
    // "Berlin-based Widgetco Inc", "Widgetco Inc, a Berlin-based chip maker"
    if (
      m.type === 'Place' &&
      a.tokens[m.last + 1]?.text === '-' &&
      ['based', 'headquartered'].includes(lower(a.tokens[m.last + 2]))
    ) {
      let org: MentionAt | undefined;
      let last = m.last + 2;
      for (let k = m.last + 3; k < m.last + 8 && sameSentence(k); k++) {
        if (mentionAt[k]) {
          if (mentionAt[k]!.first === k && mentionAt[k]!.type === 'Organization')
            org = mentionAt[k];
          break;
        }
        if (!['ADJ', 'NOUN'].includes(a.tokens[k]!.pos)) break;
        last = k;
      }
      if (org) add('LOCATED_IN', org, m, m.first, org.last, 'place-based X', 0.7);
      else if (ORGANIZATION_NOUNS.has(lower(a.tokens[last]))) {
        // the organization the apposition or the copula is about
        let j = m.first - 1;
        if (['a', 'an', 'the'].includes(lower(a.tokens[j]))) j -= 1;
        const before = [',', 'is', 'was'].includes(lower(a.tokens[j]))
          ? mentionAt[j - 1]
          : undefined;
        if (is(before, 'Organization') && before.last === j - 1)
          add('LOCATED_IN', before, m, before.first, last, 'X, a place-based company', 0.65);
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
      contributorFacts(m);
    }
  }

  /** "Jane Doe, a maintainer of the Linux kernel", "IBM is a major contributor to Xen". */
  function contributorFacts(m: MentionAt) {
    let k = m.last + 1;
    if (![',', 'is', 'was', 'are', 'were', 'remains', 'became'].includes(lower(a.tokens[k])))
      return;
    k += 1;
    if (lower(a.tokens[k]) === 'one' && lower(a.tokens[k + 1]) === 'of') k += 2;
    if (['a', 'an', 'the'].includes(lower(a.tokens[k]))) k += 1;
    for (let n = 0; n < 2 && !(lower(a.tokens[k]) in CONTRIBUTOR_NOUNS); n++) {
      if (!['ADJ', 'NOUN'].includes(a.tokens[k]?.pos ?? '') || mentionAt[k]) return;
      k += 1;
    }
    const noun = lower(a.tokens[k]);
    const link = CONTRIBUTOR_NOUNS[noun];
    if (!link || lower(a.tokens[k + 1]) !== link) return;
    const topic = objectAfter(k + 2);
    if (is(topic, 'Topic'))
      add('CONTRIBUTES_TO', m, topic, m.first, topic.last, `X, a ${noun} ${link} Y`, 0.7);
  }

  /**
   * "Citrix's (2007) acquisition of XenSource", from token `k` after the possessive: reviewed
   * (the deal may be announced only); "proposed" or "pending" lower, "failed" nothing.
   */
  function acquisitionNoun(buyer: MentionAt, k: number) {
    let year: string | undefined;
    let planned = false;
    for (let n = 0; n < 5 && !ACQUISITION_NOUNS.has(lower(a.tokens[k])); n++) {
      const t = a.tokens[k];
      if (!t || FAILED_DEAL_WORDS.has(lower(t))) return;
      if (PLANNED_DEAL_WORDS.has(lower(t))) planned = true;
      else if (/^(?:19|20)\d\d$/.test(t.text) && a.tokens[k - 1]?.text !== '$') year = t.text;
      else if (!['ADJ', 'NUM', 'SYM', 'ADV'].includes(t.pos) && t.text !== '-') return;
      k += 1;
    }
    if (!ACQUISITION_NOUNS.has(lower(a.tokens[k])) || lower(a.tokens[k + 1]) !== 'of') return;
    const target = mentionFrom(k + 2);
    if (!is(target, 'Organization')) return;
    // "its purchase of Widgetco shares", "of Widgetco's chip unit": a part of it
    const next = a.tokens[target.last + 1];
    if (next && (POSSESSIVE.includes(next.text) || next.pos === 'NOUN')) return;
    const when = year ? undefined : dateAfter(target.last);
    const date = year ?? when?.date;
    add(
      'ACQUIRED',
      buyer,
      target,
      buyer.first,
      when?.last ?? target.last,
      "X's acquisition of Y",
      planned ? 0.45 : 0.6,
      {
        ...(date ? { date } : {}),
        review: planned ? ANNOUNCED : DEAL_REVIEW,
      },
    );
  }

  /** "XenSource, which Citrix acquired in 2007", from the token after "which". */
  function boughtBy(bought: MentionAt, k: number) {
    const buyer = mentionAt[k];
    if (!is(buyer, 'Organization') || buyer.first !== k) return;
    let i = buyer.last + 1;
    const skipped: string[] = [];
    while (['AUX', 'ADV', 'PART'].includes(a.tokens[i]?.pos ?? ''))
      skipped.push(lower(a.tokens[i++]));
    const verb = a.tokens[i];
    if (
      !verb ||
      !ACQUIRING_VERBS.has(verb.lemma) ||
      mentionAt[i + 1] ||
      lower(a.tokens[i + 1]) === 'by'
    )
      return;
    if (skipped.some((w) => NEGATIONS.has(w))) return;
    const plan = skipped.some((w) => NOT_YET.has(w));
    const when = dateAfter(i);
    add(
      'ACQUIRED',
      buyer,
      bought,
      bought.first,
      when?.last ?? i,
      'Y, which X acquired',
      plan ? 0.5 : 0.7,
      {
        ...(when ? { date: when.date } : {}),
        ...(plan ? { review: ANNOUNCED } : {}),
      },
    );
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
    const object = mentionAt[k]?.first === k ? mentionAt[k] : undefined;
    // "its Linux-based server": a modifier of the object, not the object
    if (
      object &&
      a.tokens[object.last + 1]?.text === '-' &&
      /^\p{Ll}+$/u.test(a.tokens[object.last + 2]?.text ?? '')
    )
      return undefined;
    return object;
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
   * The date stated right after token `after` ("in October 2007", "on March 11", ", in 2006"),
   * and the last token it takes, or undefined.
   */
  function dateAfter(after: number): { date: string; last: number } | undefined {
    const sentence = a.sentences[a.tokens[after]!.sentence]!;
    const rest = a.text.slice(a.tokens[after]!.end, sentence.end);
    const found = findDates(rest, articleYear).find(
      (d) =>
        /^\s*(?:,\s*)?(?:in|on)?\s*$/i.test(
          rest.slice(0, d.start).replace(/^\s*(?:in|on)\s+/i, ''),
        ) || d.start < 12,
    );
    if (!found) return undefined;
    let last = after;
    const end = a.tokens[after]!.end + found.end;
    while (a.tokens[last + 1] && a.tokens[last + 1]!.end <= end) last += 1;
    return { date: found.value, last };
  }

  /**
   * A post from token `k`: "(as) (its/the) (new) CEO (of/at Y)", "(as) Y's CEO", "a former Y
   * executive"; `its`: "its CEO" (the subject's). Undefined without a title.
   */
  function postAt(k: number): Post | undefined {
    const as = lower(a.tokens[k]) === 'as';
    if (as) k += 1;
    let its = false;
    if (['its', 'their'].includes(lower(a.tokens[k]))) {
      its = true;
      k += 1;
    } else if (['the', 'a', 'an', 'his', 'her'].includes(lower(a.tokens[k]))) k += 1;
    if (lower(a.tokens[k]) === 'new') k += 1;
    const lead = mentionAt[k]?.first === k ? mentionAt[k] : undefined;
    if (lead) {
      // "Y's CEO", "Y CEO"
      if (lead.type !== 'Organization') return undefined;
      let t = lead.last + 1;
      if (POSSESSIVE.includes(a.tokens[t]?.text ?? '')) t += 1;
      const title = titleStartingAt(a, t);
      if (!title || mentionAt[title.last + 1]) return undefined;
      return { ...formerOf(title.title), as, its, org: lead, last: title.last };
    }
    const title = titleStartingAt(a, k);
    if (!title || mentionAt[title.last + 1]) return undefined;
    // "CEO of Acme", "head of the Server Business at Acme": the organization closest after the
    // title, within the phrase; "CEO of the year" is no post.
    let org: MentionAt | undefined;
    if (['of', 'at', 'for', 'with'].includes(lower(a.tokens[title.last + 1]))) {
      for (let n = title.last + 1; n < title.last + 10; n++) {
        const t = a.tokens[n];
        if (!t || t.sentence !== a.tokens[title.last]!.sentence || [',', '.', ';'].includes(t.text))
          break;
        if (['VERB', 'AUX', 'PRON', 'SCONJ'].includes(t.pos)) break;
        if (!['of', 'at', 'for', 'with'].includes(lower(t))) continue;
        const found = mentionFrom(n + 1);
        if (is(found, 'Organization')) {
          org = found;
          break;
        }
      }
      if (!org) return undefined;
    }
    return { ...formerOf(title.title), as, its, org, last: org?.last ?? title.last };
  }

  /** The organization right after token `i` that is not the owner of what follows ("Y's board"). */
  function organizationAt(i: number): MentionAt | undefined {
    const org = mentionFrom(i);
    if (!is(org, 'Organization') || POSSESSIVE.includes(a.tokens[org.last + 1]?.text ?? ''))
      return undefined;
    return org;
  }

  /**
   * "X acquired/created/hosted/develops Y", the verb (with auxiliaries before it) from token
   * `from`; `relative`: in a relative clause after X ("X, which sells Y"), where selling counts.
   * Negated ("did not acquire") it gives nothing; "will", "is to", "agreed to" make it announced.
   * Also the verbs of posts (careerFacts) and "Y was acquired by X".
   */
  function verbFacts(subject: MentionAt, from: number, relative = false, quoteFirst?: number) {
    let i = from;
    const skipped: string[] = [];
    const skip = () => {
      while (['AUX', 'ADV', 'PART'].includes(a.tokens[i]?.pos ?? ''))
        skipped.push(lower(a.tokens[i++]));
    };
    skip();
    let plan = false;
    if (
      ['agreed', 'plans', 'planned', 'agrees', 'intends', 'is', 'was'].includes(
        lower(a.tokens[i]),
      ) &&
      lower(a.tokens[i + 1]) === 'to'
    ) {
      plan = true;
      i += 2;
      skip();
    }
    if (skipped.some((w) => NEGATIONS.has(w))) return;
    if (skipped.some((w) => NOT_YET.has(w))) plan = true;
    const verb = a.tokens[i];
    if (!verb || verb.sentence !== a.tokens[subject.last]!.sentence) return;
    const passive = skipped.some((w) => BE.has(w));
    const q = quoteFirst ?? subject.first;
    if (careerFacts(subject, i, passive, plan, q)) return;
    // "XenSource was acquired by Citrix (in October 2007)", "XenSource, acquired by Citrix"
    if (ACQUIRING_VERBS.has(verb.lemma) && lower(a.tokens[i + 1]) === 'by') {
      const buyer = mentionFrom(i + 2);
      if (subject.type !== 'Organization' || !is(buyer, 'Organization')) return;
      const when = dateAfter(buyer.last);
      add(
        'ACQUIRED',
        buyer,
        subject,
        q,
        when?.last ?? buyer.last,
        'Y was acquired by X',
        plan ? 0.5 : 0.75,
        {
          ...(when ? { date: when.date } : {}),
          ...(plan ? { review: ANNOUNCED } : {}),
        },
      );
      return;
    }
    let objectAt = i + 1;
    let type: FactType | undefined;
    if (ACQUIRING_VERBS.has(verb.lemma)) type = 'ACQUIRED';
    else if (
      verb.lemma === 'complete' &&
      ['its', 'the'].includes(lower(a.tokens[i + 1])) &&
      ACQUISITION_NOUNS.has(lower(a.tokens[i + 2])) &&
      lower(a.tokens[i + 3]) === 'of'
    ) {
      type = 'ACQUIRED';
      objectAt = i + 4;
    } else if (['create', 'invent'].includes(verb.lemma)) type = 'CREATED';
    else if (verb.lemma === 'host') type = 'HOSTED';
    else if (verb.lemma === 'contribute') {
      // "X contributes (code) to Y": up to three words of what is given before "to"
      let k = i + 1;
      while (k < i + 4 && ['DET', 'ADJ', 'NOUN', 'NUM'].includes(a.tokens[k]?.pos ?? '')) k += 1;
      if (lower(a.tokens[k]) !== 'to' || mentionAt[k - 1]) return;
      type = 'CONTRIBUTES_TO';
      objectAt = k + 1;
    } else if (
      DEVELOPS_VERBS.has(verb.lemma) ||
      SHIPPING_VERBS.has(verb.lemma) ||
      (relative && SELLING_VERBS.has(verb.lemma))
    )
      type = 'DEVELOPS';
    if (!type) return;
    const object =
      type === 'DEVELOPS' || type === 'CONTRIBUTES_TO'
        ? objectAfter(objectAt)
        : mentionFrom(objectAt);
    if (!object) return;
    const wanted =
      type === 'ACQUIRED' ? ['Organization'] : type === 'HOSTED' ? ['Event'] : ['Topic'];
    if (!wanted.includes(object.type)) return;
    // "bought Widgetco's chip unit", "bought Widgetco shares": a part of it, not the company
    if (
      type === 'ACQUIRED' &&
      (POSSESSIVE.includes(a.tokens[object.last + 1]?.text ?? '') ||
        a.tokens[object.last + 1]?.pos === 'NOUN')
    )
      return;
    let last = object.last;
    let date: string | undefined;
    if (type === 'ACQUIRED' || type === 'CREATED') {
      const when = dateAfter(object.last);
      if (when) ({ date, last } = when);
    }
    const selling = type === 'DEVELOPS' && SELLING_VERBS.has(verb.lemma);
    const confidence =
      type === 'CONTRIBUTES_TO'
        ? 0.65
        : type !== 'DEVELOPS'
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
        ? ANNOUNCED
        : undefined;
    add(
      type,
      subject,
      object,
      q,
      last,
      type === 'CONTRIBUTES_TO' ? 'X contributes to Y' : `X ${verb.lemma} Y`,
      confidence,
      {
        ...(date ? { date } : {}),
        ...(review ? { review } : {}),
      },
    );
  }

  /**
   * Posts given, taken and left, the verb at token `i`; true when the verb is one of them:
   * - "Y named/appointed/hired X (as) (its) CEO (on <date>)", "X was named CEO of Y (in <date>)",
   *   "X was hired by Y (as CTO)": WORKS_FOR from the date;
   * - "X joined Y (as CTO) (in <date>)": WORKS_FOR from the date;
   * - "X stepped down/resigned/left as CEO of Y (in <date>)", "X left Y in 2007", "X resigned from
   *   Y": WORKS_FOR up to the date, ended;
   * - "X replaces/succeeds Z as CEO of Y (in <date>)": X from the date; Z's post ended (reviewed).
   */
  function careerFacts(
    subject: MentionAt,
    i: number,
    passive: boolean,
    plan: boolean,
    q: number,
  ): boolean {
    const verb = a.tokens[i]!;
    const lemma = verb.lemma;
    const planned = plan ? { review: ANNOUNCED } : {};
    const sure = (c: number) => (plan ? 0.5 : c);
    const post = (p: Post | undefined) => (p ? { role: p.role } : {});
    const propose = (
      person: MentionAt,
      org: MentionAt,
      last: number,
      rule: string,
      confidence: number,
      p: Post | undefined,
      end: 'validFrom' | 'validTo',
      extra: Partial<FactProposal> = {},
    ) => {
      const when = dateAfter(last);
      const ended = end === 'validTo' || Boolean(p?.ended);
      add('WORKS_FOR', person, org, q, when?.last ?? last, rule, sure(confidence), {
        ...post(p),
        ...(when ? { [end]: when.date } : {}),
        ...(ended ? { ended: true } : {}),
        ...planned,
        ...extra,
      });
    };
    if (APPOINTING_VERBS.has(lemma) && subject.type === 'Organization' && !passive) {
      // "Acme named Jane Doe (as) (its) CEO"
      const person = mentionAt[i + 1];
      if (!is(person, 'Person') || person.first !== i + 1) return true;
      const p = postAt(person.last + 1);
      const org = p?.org ?? subject;
      if (p && !p.ended) propose(person, org, p.last, `Y ${lemma} X title`, 0.75, p, 'validFrom');
      else if (!p && lemma === 'hire')
        propose(person, subject, person.last, 'Y hired X', 0.6, undefined, 'validFrom');
      return true;
    }
    if (subject.type !== 'Person') return false;
    if (APPOINTING_VERBS.has(lemma) && passive) {
      // "Jane Doe was named CEO of Acme", "Jane Doe was hired by Acme (as CTO)"
      if (lower(a.tokens[i + 1]) === 'by') {
        const org = organizationAt(i + 2);
        if (!org) return true;
        const p = postAt(org.last + 1);
        const withRole = p?.as && !p.org && !p.its ? p : undefined;
        const rule = `X was ${verb.text} by Y`;
        propose(subject, org, withRole?.last ?? org.last, rule, 0.7, withRole, 'validFrom');
        return true;
      }
      const p = postAt(i + 1);
      if (p?.org && !p.ended)
        propose(subject, p.org, p.last, `X was ${verb.text} title of Y`, 0.75, p, 'validFrom');
      return true;
    }
    if (JOINING_VERBS.has(lemma) && !passive) {
      // "Jane Doe joined Acme (as CTO) (in 2006)"
      const org = organizationAt(i + 1);
      if (!org) return true;
      const p = postAt(org.last + 1);
      const withRole = p?.as && !p.org && !p.its && !p.ended ? p : undefined;
      propose(
        subject,
        org,
        withRole?.last ?? org.last,
        'X joined Y',
        withRole ? 0.7 : 0.6,
        withRole,
        'validFrom',
      );
      return true;
    }
    if (LEAVING_VERBS.has(lemma) && !passive) {
      // "Jane Doe stepped down as CEO of Acme", "left Acme in 2007", "resigned from Acme"
      let k = i + 1;
      if (lemma === 'step') {
        if (lower(a.tokens[k]) !== 'down') return true;
        k += 1;
      }
      if (lower(a.tokens[k]) === 'as') {
        const p = postAt(k);
        if (p?.org)
          propose(
            subject,
            p.org,
            p.last,
            `X ${lemma === 'step' ? 'stepped down' : verb.text} as title of Y`,
            0.7,
            p,
            'validTo',
          );
        return true;
      }
      const org =
        lower(a.tokens[k]) === 'from'
          ? organizationAt(k + 1)
          : ['leave', 'quit'].includes(lemma)
            ? organizationAt(k)
            : undefined;
      if (!org) return true;
      const p = postAt(org.last + 1);
      const withRole = p?.as && !p.org && !p.its ? p : undefined;
      propose(
        subject,
        org,
        withRole?.last ?? org.last,
        `X ${verb.text} Y`,
        0.65,
        withRole,
        'validTo',
      );
      return true;
    }
    if (SUCCEEDING_VERBS.has(lemma) && !passive) {
      // "Jane Doe replaces John Smith as CEO of Acme"
      const before = mentionAt[i + 1];
      if (!is(before, 'Person') || before.first !== i + 1) return true;
      const p = postAt(before.last + 1);
      if (!p?.as || !p.org || p.ended) return true;
      propose(subject, p.org, p.last, `X ${lemma}s Z as title of Y`, 0.7, p, 'validFrom');
      propose(before, p.org, p.last, `X ${lemma}s Z as title of Y: Z's post`, 0.55, p, 'validTo', {
        ended: true,
        review: `${before.id} was ${lemma}d in the post: check that it ended then${plan ? `; ${ANNOUNCED}` : ''}`,
      });
      return true;
    }
    return false;
  }

  return dedupe(facts);
}

/**
 * One proposal per (type, from, to, role), the surest; another of them stays when it gives a date
 * the surest lacks ("Jane Doe, the CEO of Acme" and "Acme named Jane Doe CEO in 2006").
 */
function dedupe(facts: FactProposal[]): FactProposal[] {
  const groups = new Map<string, FactProposal[]>();
  for (const f of facts) {
    const key = `${f.type} ${f.from} ${f.to} ${f.role ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const dates = (f: FactProposal) => `${f.date ?? ''} ${f.validFrom ?? ''} ${f.validTo ?? ''}`;
  const kept: FactProposal[] = [];
  for (const group of groups.values()) {
    const sorted = [...group].sort((x, y) => y.confidence - x.confidence);
    const seen = new Set<string>();
    for (const f of sorted) {
      const known = dates(f);
      if (seen.size > 0 && (known.trim() === '' || seen.has(known))) continue;
      seen.add(known);
      kept.push(f);
    }
  }
  return kept;
}
