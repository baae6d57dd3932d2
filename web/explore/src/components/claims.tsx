import { useState } from 'preact/hooks';
import type { ClaimFieldsFragment, Stance } from '../generated/graphql.ts';
import { hrefs, nodeHref } from '../router.ts';
import { formatDate, STANCES } from '../vocabulary.ts';
import { StanceBadge } from './badges.tsx';
import { SourceList } from './sources.tsx';
import { Empty } from './states.tsx';

/** A claim, seen with a stance: its own, or its stance towards the entity whose page lists it. */
export interface ClaimItem {
  stance: Stance;
  claim: ClaimFieldsFragment;
}

/**
 * Claims grouped by stance (a DISMISSES group, an ASSERTS group...), in the vocabulary's order,
 * oldest first within a group, with a filter that shows one stance only.
 */
export function ClaimGroups({
  items,
  heading,
  idPrefix,
  emptyText,
}: {
  items: readonly ClaimItem[];
  heading: string;
  idPrefix: string;
  emptyText: string;
}) {
  const [only, setOnly] = useState<Stance | ''>('');
  const present = STANCES.filter((stance) => items.some((item) => item.stance === stance));
  const shown = present.filter((stance) => !only || stance === only);
  return (
    <section class="claims" aria-labelledby={`${idPrefix}-heading`} data-claims={idPrefix}>
      <div class="section-head">
        <h2 id={`${idPrefix}-heading`}>
          {heading} <span class="count">({items.length})</span>
        </h2>
        {present.length > 1 && (
          <label class="filter">
            Stance{' '}
            <select
              value={only}
              onChange={(event) => setOnly((event.currentTarget.value as Stance | '') ?? '')}
            >
              <option value="">All stances</option>
              {present.map((stance) => (
                <option key={stance} value={stance}>
                  {stance} ({items.filter((item) => item.stance === stance).length})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {items.length === 0 && <Empty>{emptyText}</Empty>}
      {shown.map((stance) => {
        const group = items.filter((item) => item.stance === stance);
        const groupId = `${idPrefix}-${stance.toLowerCase()}`;
        return (
          <section key={stance} class="stance-group" data-stance={stance} aria-labelledby={groupId}>
            <h3 id={groupId}>
              <StanceBadge stance={stance} />{' '}
              <span>
                {group.length} {group.length === 1 ? 'claim' : 'claims'}
              </span>
            </h3>
            <ul class="claim-list">
              {group.map((item) => (
                <li key={item.claim.id}>
                  <ClaimCard claim={item.claim} stance={item.stance} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

/** One claim: who said it (in the role they held), about what, where, when, and its sources. */
export function ClaimCard({ claim, stance }: { claim: ClaimFieldsFragment; stance?: Stance }) {
  const first = new Set(claim.firstReport.sources.map((s) => s.article.id));
  return (
    <article class="claim" data-claim-id={claim.id}>
      <p class="statement">
        <StanceBadge stance={stance ?? claim.stance} /> {claim.statement}
      </p>
      <dl class="claim-facts">
        <dt>Said by</dt>
        <dd>
          <ul class="speakers">
            {claim.attributions.map((a) => (
              <li key={a.speaker.id} class="speaker">
                <a href={nodeHref(a.speaker)} class="speaker-name">
                  {a.speaker.name}
                </a>
                {a.role && <span class="role">, {a.role}</span>}
                {a.organization && (
                  <span>
                    {' '}
                    for <a href={hrefs.entity(a.organization.id)}>{a.organization.name}</a>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </dd>
        <dt>About</dt>
        <dd>
          <ul class="targets">
            {claim.targets.map((t) => (
              <li key={t.entity.id}>
                <a href={nodeHref(t.entity)}>{t.entity.name}</a>
                {t.stance !== claim.stance && (
                  <>
                    {' '}
                    <StanceBadge stance={t.stance} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </dd>
        {claim.event && (
          <>
            <dt>At</dt>
            <dd>
              <a href={hrefs.entity(claim.event.id)}>{claim.event.name}</a>
            </dd>
          </>
        )}
        {claim.date && (
          <>
            <dt>When</dt>
            <dd>
              <time dateTime={claim.date.value}>{formatDate(claim.date.value)}</time>
            </dd>
          </>
        )}
      </dl>
      <details class="claim-sources" open>
        <summary>
          Sources ({claim.sources.length}){claim.firstReport.tie ? ', first report uncertain' : ''}
        </summary>
        <SourceList sources={claim.sources} first={first} tie={claim.firstReport.tie} />
      </details>
    </article>
  );
}
