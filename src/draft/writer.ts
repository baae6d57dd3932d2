/**
 * A draft as a kg-article/1 file: what the rules propose, each item with a comment giving its
 * confidence, the rule that found it and, where the editor must decide, `review:`. Entities the
 * graph already holds are referenced by id, not declared again, and listed at the top with the
 * name that matched. What the draft cannot know is written as a value `kg validate` refuses
 * (`publishedAt: FILL-IN`, `targets: []`), so an unreviewed draft cannot be imported by mistake.
 */
import { Document, isMap, isSeq, type Node } from 'yaml';
import { FORMAT } from '../ingest/format.ts';
import type { ClaimProposal, Draft, EntityProposal, FactProposal } from './proposals.ts';

export const FILL_IN = 'FILL-IN';

const confidence = (c: number) => `confidence ${c.toFixed(2)}`;

function entityComment(e: EntityProposal): string {
  const seen = `${e.mentions.length} mention${e.mentions.length === 1 ? '' : 's'}`;
  return [
    `${confidence(e.confidence)}: ${e.type} by ${e.evidence}; ${seen}, first at character ${e.mentions[0]?.start ?? 0}`,
    ...(e.review ? [`review: ${e.review}`] : []),
  ].join('\n');
}

function factComment(f: FactProposal): string {
  return [
    `${confidence(f.confidence)}: ${f.rule}`,
    ...(f.review ? [`review: ${f.review}`] : []),
  ].join('\n');
}

function claimComment(c: ClaimProposal): string {
  return [
    `${confidence(c.confidence)}: ${c.rule}; stance from ${c.stanceCue}`,
    `review: the statement is the article's words; restate it in your own${c.review ? `; ${c.review}` : ''}`,
  ].join('\n');
}

function entityValue(e: EntityProposal): Record<string, unknown> {
  return {
    id: e.id,
    type: e.type,
    name: e.name,
    ...(e.aliases.length > 0 ? { aliases: e.aliases } : {}),
    ...(e.kind ? { kind: e.kind } : {}),
    ...(e.type === 'Event' ? { startDate: e.startDate ?? FILL_IN } : {}),
  };
}

function factValue(f: FactProposal): Record<string, unknown> {
  return {
    type: f.type,
    from: f.from,
    to: f.to,
    ...(f.role ? { role: f.role } : {}),
    ...(f.representing ? { representing: f.representing } : {}),
    ...(f.date ? { date: f.date } : {}),
    ...(f.validFrom ? { validFrom: f.validFrom } : {}),
    ...(f.validTo ? { validTo: f.validTo } : {}),
    quote: f.quote.text,
  };
}

function claimValue(c: ClaimProposal): Record<string, unknown> {
  return {
    id: c.id,
    statement: c.statement,
    stance: c.stance,
    speakers: c.speakers.map((s) => (s.role || s.organization ? s : s.id)),
    targets: c.targets,
    ...(c.event ? { event: c.event } : {}),
    ...(c.date ? { date: c.date } : {}),
    quote: c.quote.text,
  };
}

function header(draft: Draft): string {
  const known = draft.entities.filter((e) => e.known);
  const lines = [
    ` Draft made by \`kg draft\` from the article's text: every item was read from the span its`,
    ` quote gives. Review each one, correct it or delete it, fill what says ${FILL_IN} or is empty,`,
    ` then \`kg validate\` and \`kg import\`.`,
  ];
  if (known.length > 0) {
    lines.push(' Known to the graph (referenced by id, not declared again):');
    for (const e of known) {
      lines.push(
        `   ${e.id}: "${e.mentions[0]?.text ?? ''}" matched by ${e.known!.by} "${e.known!.matched}"`,
      );
    }
  }
  if (draft.unclassified.length > 0) {
    lines.push(
      ` Names the rules could not type (not proposed): ${[...new Set(draft.unclassified.map((u) => u.text))].join(', ')}`,
    );
  }
  return lines.join('\n');
}

export function writeDraft(draft: Draft): string {
  const declared = draft.entities.filter((e) => !e.known);
  const value = {
    format: FORMAT,
    article: {
      id: draft.article.id,
      title: draft.article.title,
      publishedAt: draft.article.publishedAt ?? FILL_IN,
      language: 'en',
      text: draft.article.text,
    },
    entities: declared.map(entityValue),
    facts: draft.facts.map(factValue),
    claims: draft.claims.map(claimValue),
  };
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = header(draft);
  const comment = (key: string, comments: string[]) => {
    const seq = doc.get(key, true) as Node | undefined;
    if (!isSeq(seq)) return;
    seq.items.forEach((item, i) => {
      if (isMap(item)) item.commentBefore = comments[i]!.replace(/^/gm, ' ');
    });
  };
  comment('entities', declared.map(entityComment));
  comment('facts', draft.facts.map(factComment));
  comment('claims', draft.claims.map(claimComment));
  return doc.toString({ lineWidth: 100, blockQuote: 'literal' });
}
