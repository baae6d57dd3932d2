/**
 * The words the drafting rules read: reporting verbs and the stance each suggests, cues in what was
 * said that suggest a stance, and the words that type a name (titles, suffixes of organizations,
 * events and venues, nouns of products). The README's "Drafting from text" prints the stance
 * tables; a word is added here, once.
 */
import type { Stance } from '../model/vocabulary.ts';
import { MONTHS } from './dates.ts';

/**
 * Reporting verbs, by lemma (or a two-word phrase, lemma + particle/noun): the stance they suggest.
 * `null`: the verb reports without taking a side ("characterize X as ..."), the cues decide.
 */
export const REPORTING_VERBS: Readonly<Record<string, Stance | null>> = {
  say: 'ASSERTS',
  tell: 'ASSERTS',
  state: 'ASSERTS',
  note: 'ASSERTS',
  add: 'ASSERTS',
  explain: 'ASSERTS',
  report: 'ASSERTS',
  respond: 'ASSERTS',
  reply: 'ASSERTS',
  answer: 'ASSERTS',
  remark: 'ASSERTS',
  comment: 'ASSERTS',
  observe: 'ASSERTS',
  write: 'ASSERTS',
  announce: 'ASSERTS',
  declare: 'ASSERTS',
  confirm: 'ASSERTS',
  agree: 'ASSERTS',
  acknowledge: 'ASSERTS',
  admit: 'ASSERTS',
  claim: 'ASSERTS',
  maintain: 'ASSERTS',
  insist: 'ASSERTS',
  contend: 'ASSERTS',
  assert: 'ASSERTS',
  argue: 'ASSERTS',
  stress: 'ASSERTS',
  point: 'ASSERTS',
  characterize: null,
  characterise: null,
  describe: null,
  call: null,
  predict: 'PREDICTS',
  forecast: 'PREDICTS',
  expect: 'PREDICTS',
  anticipate: 'PREDICTS',
  warn: 'PREDICTS',
  promise: 'PREDICTS',
  promote: 'PROMOTES',
  tout: 'PROMOTES',
  champion: 'PROMOTES',
  advocate: 'PROMOTES',
  recommend: 'PROMOTES',
  urge: 'PROMOTES',
  praise: 'PROMOTES',
  endorse: 'PROMOTES',
  pitch: 'PROMOTES',
  'put forward': 'PROMOTES',
  'make case': 'PROMOTES',
  support: 'SUPPORTS',
  back: 'SUPPORTS',
  welcome: 'SUPPORTS',
  defend: 'SUPPORTS',
  dispute: 'DISPUTES',
  deny: 'DISPUTES',
  reject: 'DISPUTES',
  refute: 'DISPUTES',
  contradict: 'DISPUTES',
  challenge: 'DISPUTES',
  question: 'DISPUTES',
  counter: 'DISPUTES',
  retort: 'DISPUTES',
  rebut: 'DISPUTES',
  doubt: 'DISPUTES',
  criticize: 'CRITICIZES',
  criticise: 'CRITICIZES',
  attack: 'CRITICIZES',
  blast: 'CRITICIZES',
  slam: 'CRITICIZES',
  fault: 'CRITICIZES',
  condemn: 'CRITICIZES',
  lambaste: 'CRITICIZES',
  deride: 'CRITICIZES',
  mock: 'CRITICIZES',
  dismiss: 'DISMISSES',
  downplay: 'DISMISSES',
  minimize: 'DISMISSES',
  minimise: 'DISMISSES',
  belittle: 'DISMISSES',
  scoff: 'DISMISSES',
  'shrug off': 'DISMISSES',
  'brush off': 'DISMISSES',
  'brush aside': 'DISMISSES',
  'play down': 'DISMISSES',
  'wave off': 'DISMISSES',
};

/**
 * Verbs of wanting, said of a company or a person ("VMware wants companies to adopt X"): an
 * attribution of a lower confidence, PROMOTES what follows.
 */
export const WANTING_VERBS: ReadonlySet<string> = new Set(['want', 'wish', 'hope']);

/**
 * Predicates of a deficiency, said of the target: CRITICIZES ("VMware said that Hyper-V lacked live
 * migration"). Negated ("does not lack") they are skipped like every cue.
 */
export const DEFICIENCY_CUES: readonly string[] = [
  'lacks',
  'lacked',
  'lacking',
  'does not support',
  "doesn't support",
  'did not support',
  "didn't support",
  'cannot support',
  "can't support",
  'fails to',
  'failed to',
  'falls short',
  'fell short',
];

/**
 * Verbs of a benefit to come, after "will" or "would": a speaker saying what a product will do
 * for its users ("would extend", "will bring", "will enable", "will cut costs") PROMOTES it. The
 * draft asks the editor when the product is not the speaker's (draft.ts).
 */
export const BENEFIT_VERBS: readonly string[] = [
  'extend',
  'bring',
  'enable',
  'cut',
  'reduce',
  'lower',
  'save',
  'simplify',
  'improve',
  'help',
  'speed',
  'boost',
  'expand',
  'strengthen',
  'make it easier',
];

/**
 * Reporting verbs that answer someone ("VMware countered that ..."): the verb's stance is the
 * fallback, a cue in what was said decides first ("countered that Hyper-V lacked ..." criticizes
 * Hyper-V).
 */
export const ANSWERING_VERBS: ReadonlySet<string> = new Set(['counter', 'retort']);

/**
 * Cues in what was said, lowercased, matched on word boundaries; the first one in the text of
 * the quote decides when the verb takes no side (ASSERTS or null). A cue right after "not",
 * "never" or "n't" is skipped, unless it is itself a negation ("no concern").
 */
export const STANCE_CUES: readonly (readonly [string, Stance])[] = [
  ['no concern', 'DISMISSES'],
  ['nothing to do with', 'DISMISSES'],
  ['only a', 'DISMISSES'],
  ['just a', 'DISMISSES'],
  ['merely', 'DISMISSES'],
  ['not a threat', 'DISMISSES'],
  ['no threat', 'DISMISSES'],
  ['not a real', 'DISMISSES'],
  ['overblown', 'DISMISSES'],
  ['overhyped', 'DISMISSES'],
  ['non-issue', 'DISMISSES'],
  ['not an issue', 'DISMISSES'],
  ['not worried', 'DISMISSES'],
  ['nothing to worry', 'DISMISSES'],
  ['irrelevant', 'DISMISSES'],
  ['red herring', 'DISMISSES'],
  ['be ignored', 'DISMISSES'],
  ['publicity stunt', 'CRITICIZES'],
  ['stunt', 'CRITICIZES'],
  ['irresponsible', 'CRITICIZES'],
  ['flawed', 'CRITICIZES'],
  ['a mistake', 'CRITICIZES'],
  ['failed', 'CRITICIZES'],
  ['poorly', 'CRITICIZES'],
  ['to get attention', 'CRITICIZES'],
  // A deficiency of the target: "Hyper-V lacked live migration", "it does not support X".
  ...DEFICIENCY_CUES.map((cue) => [cue, 'CRITICIZES'] as const),
  ['is wrong', 'DISPUTES'],
  ['was wrong', 'DISPUTES'],
  ['not true', 'DISPUTES'],
  ['untrue', 'DISPUTES'],
  ['false', 'DISPUTES'],
  ['incorrect', 'DISPUTES'],
  // A benefit to come ("would extend", "will cut costs"), before "will": PROMOTES, not PREDICTS.
  ...BENEFIT_VERBS.flatMap((verb) => [
    [`will ${verb}`, 'PROMOTES'] as const,
    [`would ${verb}`, 'PROMOTES'] as const,
  ]),
  ['will', 'PREDICTS'],
  ['would come', 'PREDICTS'],
  ['expected to', 'PREDICTS'],
  ['next release', 'PREDICTS'],
  ['next version', 'PREDICTS'],
  ['is going to', 'PREDICTS'],
  ['next year', 'PREDICTS'],
  ['next quarter', 'PREDICTS'],
  ['better than', 'PROMOTES'],
  ['cheaper', 'PROMOTES'],
  ['cost less', 'PROMOTES'],
  ['cost far less', 'PROMOTES'],
  ['the best', 'PROMOTES'],
  ['designed to', 'PROMOTES'],
  ['superior', 'PROMOTES'],
  ['innovative', 'PROMOTES'],
  ['easier', 'PROMOTES'],
  ['faster', 'PROMOTES'],
  ['to adopt', 'PROMOTES'],
  ['agree with', 'SUPPORTS'],
  ['is right', 'SUPPORTS'],
  ['was right', 'SUPPORTS'],
];

/** Words that make what follows negated ("did not dismiss", "never said"). */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', "n't", 'never', 'no']);

/** Job titles, lowercased; a title next to a name makes it a person and its organization known. */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'ceo',
  'cto',
  'cfo',
  'coo',
  'cio',
  'cso',
  'cmo',
  'vp',
  'svp',
  'evp',
  'founder',
  'co-founder',
  'cofounder',
  'president',
  'chairman',
  'chairwoman',
  'chair',
  'director',
  'principal',
  'analyst',
  'researcher',
  'engineer',
  'architect',
  'manager',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'head',
  'chief',
  'officer',
  'executive',
  'professor',
  'consultant',
  'partner',
  'fellow',
  'scientist',
  'strategist',
  'evangelist',
  'lead',
  'leader',
  'owner',
  'editor',
  'reporter',
  'developer',
]);

/** Words that may stand inside a title before its head ("senior director", "vice president"). */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set([
  'senior',
  'junior',
  'vice',
  'executive',
  'general',
  'managing',
  'chief',
  'technical',
  'technology',
  'security',
  'product',
  'marketing',
  'research',
  'principal',
  'lead',
  'global',
  'former',
  'deputy',
  'assistant',
  'associate',
  'regional',
  'interim',
  'acting',
]);

/** Capitalised words that are not names by themselves: titles, months, days, function words. */
export const NOT_NAMES: ReadonlySet<string> = new Set([
  ...TITLE_WORDS,
  'mr',
  'mrs',
  'ms',
  'dr',
  ...MONTHS,
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'pr',
  'it',
  'ip',
  'ok',
  'q1',
  'q2',
  'q3',
  'q4',
  'i',
]);

/** Last words of organization names. */
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'inc',
  'corp',
  'corporation',
  'company',
  'co',
  'ltd',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'group',
  'systems',
  'software',
  'technologies',
  'labs',
  'laboratories',
  'networks',
  'microsystems',
  'agency',
  'association',
  'foundation',
  'institute',
  'university',
  'consortium',
  'alliance',
  'partners',
  'capital',
  'ventures',
  'bank',
  'department',
  'commission',
  'council',
  'society',
  'project',
  'computing',
  'communications',
  // a company's part named as one: "the Server and Tools Business", "the Mobile Division"
  'business',
  'division',
]);

/** Words of event names (in a name, or the lowercase noun right after one: "N-Square dinner"). */
export const EVENT_WORDS: Readonly<Record<string, string>> = {
  conference: 'conference',
  summit: 'conference',
  forum: 'conference',
  expo: 'conference',
  symposium: 'conference',
  briefings: 'conference',
  convention: 'conference',
  congress: 'conference',
  workshop: 'meeting',
  meeting: 'meeting',
  meetup: 'meeting',
  dinner: 'dinner',
  keynote: 'presentation',
  show: 'conference',
  fair: 'conference',
  world: 'conference',
};

/** Nouns that make a name before them, in an apposition, an organization ("X, the German company"). */
export const ORGANIZATION_NOUNS: ReadonlySet<string> = new Set([
  'company',
  'firm',
  'maker',
  'vendor',
  'startup',
  'start-up',
  'supplier',
  'developer',
  'manufacturer',
  'agency',
  'group',
  'subsidiary',
]);

/** Verbs whose subject is (almost always) an organization: "Microsoft released ...". */
export const ORGANIZATION_VERBS: ReadonlySet<string> = new Set([
  'release',
  'ship',
  'launch',
  'sell',
  'acquire',
  'buy',
  'purchase',
  'license',
  'market',
]);

/** Verbs of making a product: "innotek develops VirtualBox" (DEVELOPS, the object a topic). */
export const DEVELOPS_VERBS: ReadonlySet<string> = new Set(['develop', 'build', 'make', 'design']);

/** Verbs of bringing a product out: "Microsoft released (the final version of) Hyper-V" (lower). */
export const SHIPPING_VERBS: ReadonlySet<string> = new Set(['release', 'ship', 'launch', 'unveil']);

/**
 * Verbs of selling, read as DEVELOPS only in a relative clause ("Citrix, which sells XenServer"),
 * with a low confidence and a review note: a reseller sells what others make.
 */
export const SELLING_VERBS: ReadonlySet<string> = new Set(['sell', 'market']);

/** Nouns of an apposition that name a maker with "of": "X, the maker of Y". */
export const MAKER_NOUNS: ReadonlySet<string> = new Set([
  'maker',
  'developer',
  'creator',
  'vendor',
  'publisher',
]);

/**
 * Nouns of an apposition that name a lowercase phrase before them a topic ("live migration, a
 * feature ..."), with the topic's kind.
 */
export const CONCEPT_NOUNS: Readonly<Record<string, string>> = {
  feature: 'technology',
  technology: 'technology',
  technique: 'technology',
  capability: 'technology',
  mechanism: 'technology',
  method: 'technology',
  protocol: 'technology',
};

/** Last words of venue names. */
export const VENUE_WORDS: ReadonlySet<string> = new Set([
  'restaurant',
  'hotel',
  'center',
  'centre',
  'hall',
  'arena',
  'stadium',
  'building',
  'campus',
  'museum',
  'club',
  'cafe',
  'theater',
  'theatre',
  'pavilion',
]);

/** Nouns after a name that make it a topic, and the topic's kind. */
export const TOPIC_NOUNS: Readonly<
  Record<string, 'product' | 'technology' | 'threat' | 'standard'>
> = {
  product: 'product',
  software: 'product',
  server: 'product',
  platform: 'product',
  suite: 'product',
  hypervisor: 'product',
  appliance: 'product',
  service: 'product',
  tool: 'product',
  release: 'product',
  edition: 'product',
  technology: 'technology',
  architecture: 'technology',
  protocol: 'standard',
  standard: 'standard',
  specification: 'standard',
  format: 'standard',
  rootkit: 'threat',
  kit: 'threat',
  malware: 'threat',
  virus: 'threat',
  worm: 'threat',
  exploit: 'threat',
  attack: 'threat',
  vulnerability: 'threat',
  trojan: 'threat',
};

/** Verbs of buying a company: "Citrix acquired XenSource", "XenSource was bought by Citrix". */
export const ACQUIRING_VERBS: ReadonlySet<string> = new Set(['acquire', 'buy', 'purchase']);

/** Nouns of buying a company: "Citrix's acquisition of XenSource". */
export const ACQUISITION_NOUNS: ReadonlySet<string> = new Set([
  'acquisition',
  'purchase',
  'takeover',
  'buyout',
]);

/**
 * Words before an acquisition noun that say the deal is not done ("the proposed acquisition of"):
 * proposed for review. Those that say it did not happen ("its failed bid") give no fact.
 */
export const PLANNED_DEAL_WORDS: ReadonlySet<string> = new Set([
  'proposed',
  'planned',
  'pending',
  'possible',
  'potential',
  'rumored',
  'rumoured',
  'expected',
  'announced',
]);
export const FAILED_DEAL_WORDS: ReadonlySet<string> = new Set([
  'failed',
  'abandoned',
  'aborted',
  'blocked',
  'cancelled',
  'canceled',
  'scrapped',
  'rejected',
  'collapsed',
]);

/**
 * Verbs of giving a person a post, by lemma: "VMware named/appointed Paul Smith (as) (its) CEO",
 * "X was appointed CTO of Y". Only "hire" reads without a title after it.
 */
export const APPOINTING_VERBS: ReadonlySet<string> = new Set([
  'name',
  'appoint',
  'hire',
  'promote',
  'elect',
  'tap',
  'pick',
  'recruit',
]);

/** Verbs of joining an organization: "X joined Y (as CTO) (in 2006)". */
export const JOINING_VERBS: ReadonlySet<string> = new Set(['join', 'rejoin']);

/**
 * Verbs of leaving a post or an organization: "X stepped down as CEO of Y", "X left Y in 2007",
 * "X resigned from Y". "step" counts only with "down".
 */
export const LEAVING_VERBS: ReadonlySet<string> = new Set([
  'leave',
  'resign',
  'quit',
  'retire',
  'depart',
  'step',
]);

/** Verbs of taking over someone's post: "X replaces/succeeds Z as CEO of Y". */
export const SUCCEEDING_VERBS: ReadonlySet<string> = new Set(['replace', 'succeed']);

/** Words before a title that say the post has ended: "Y's former CTO". */
export const FORMER_WORDS: ReadonlySet<string> = new Set(['former', 'ex', 'onetime', 'one-time']);

/** The last word of a company's part named as one: "the Server and Tools Business". */
export const UNIT_NAME_WORDS: ReadonlySet<string> = new Set(['business', 'division', 'unit']);

/** Nouns of an organization that belongs to another: "Citrix's XenSource unit", "X, a unit of Y". */
export const SUBSIDIARY_NOUNS: ReadonlySet<string> = new Set([
  'unit',
  'division',
  'subsidiary',
  'arm',
  'part',
]);

/**
 * Nouns of taking part in a project, with the word that links them to it: "a contributor to Xen",
 * "a maintainer of the Linux kernel" (CONTRIBUTES_TO).
 */
export const CONTRIBUTOR_NOUNS: Readonly<Record<string, string>> = {
  contributor: 'to',
  contributors: 'to',
  committer: 'to',
  committers: 'to',
  maintainer: 'of',
  maintainers: 'of',
};
