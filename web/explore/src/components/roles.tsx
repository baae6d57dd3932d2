import type { ExploreParticipationFragment, ExploreRoleFragment } from '../generated/graphql.ts';
import { hrefs } from '../router.ts';
import { formatDate } from '../vocabulary.ts';
import { SourceList } from './sources.tsx';
import { Empty } from './states.tsx';

/** Roles over time, earliest first: a person's at organizations, or an organization's people. */
export function Roles({
  roles,
  person,
}: {
  roles: readonly ExploreRoleFragment[];
  person: boolean;
}) {
  const sorted = [...roles].sort((a, b) =>
    (a.validFrom?.value ?? '9999').localeCompare(b.validFrom?.value ?? '9999'),
  );
  return (
    <section class="roles" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{person ? 'Roles over time' : 'People'}</h2>
      {sorted.length === 0 ? (
        <Empty>No role in the graph.</Empty>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="roles-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{person ? 'Organization' : 'Person'}</th>
                <th scope="col">Role</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((role, i) => {
                const other = person ? role.organization : role.person;
                return (
                  <tr key={`${other.id}-${role.title ?? ''}-${i}`} class="role">
                    <td>
                      <a href={hrefs.entity(other.id)}>{other.name}</a>
                    </td>
                    <td class="role-title">{role.title ?? <span class="muted">not given</span>}</td>
                    <td class="role-from">
                      {role.validFrom ? (
                        <time dateTime={role.validFrom.value}>
                          {formatDate(role.validFrom.value)}
                        </time>
                      ) : (
                        <span class="muted">not given</span>
                      )}
                    </td>
                    <td class="role-to">
                      {role.validTo ? (
                        <time dateTime={role.validTo.value}>{formatDate(role.validTo.value)}</time>
                      ) : (
                        <span class="muted">not given</span>
                      )}
                    </td>
                    <td>
                      <SourceList sources={role.sources} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Participations({
  items,
  heading,
}: {
  items: readonly ExploreParticipationFragment[];
  heading: string;
}) {
  if (items.length === 0) return null;
  return (
    <section class="participations" aria-labelledby="participations-heading">
      <h2 id="participations-heading">{heading}</h2>
      <ul class="plain">
        {items.map((p, i) => (
          <li key={`${p.participant.id}-${p.event.id}-${i}`}>
            <a href={hrefs.entity(p.participant.id)}>{p.participant.name}</a> at{' '}
            <a href={hrefs.entity(p.event.id)}>{p.event.name}</a>
            {p.event.startDate && (
              <span class="muted"> ({formatDate(p.event.startDate.value)})</span>
            )}
            {p.role && <span>, {p.role}</span>}
            {p.representing && (
              <span>
                , for <a href={hrefs.entity(p.representing.id)}>{p.representing.name}</a>
              </span>
            )}
            <SourceList sources={p.sources} />
          </li>
        ))}
      </ul>
    </section>
  );
}
