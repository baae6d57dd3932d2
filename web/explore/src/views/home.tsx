import { Home } from '../api/operations.ts';
import { useQuery } from '../api/use-query.ts';
import { SearchBox } from '../components/search-box.tsx';
import { Empty, ErrorState, Loading } from '../components/states.tsx';
import { hrefs, navigate, nodeHref } from '../router.ts';
import { formatDate } from '../vocabulary.ts';
import { useTitle } from './use-title.ts';

/** `/explore`: the search box, and the graph's topics and newest articles as places to start. */
export function HomeView() {
  useTitle('Search');
  const home = useQuery(Home, {});
  return (
    <div class="home">
      <h1 tabIndex={-1}>Explore the knowledge graph</h1>
      <p class="lead">
        Who is connected to whom, who said what about what, and the articles it all comes from.
      </p>
      <SearchBox
        label="Search the graph"
        onSelect={(entity) => navigate(nodeHref(entity))}
        autoFocus
      />
      <p class="muted">
        Or find how two entities are connected with the <a href={hrefs.path('', '')}>path finder</a>
        .
      </p>
      {home.status === 'loading' && <Loading what="the topics and articles" />}
      {home.status === 'error' && <ErrorState error={home.error} onRetry={home.reload} />}
      {home.status === 'done' && (
        <div class="columns">
          <section aria-labelledby="topics-heading">
            <h2 id="topics-heading">Topics</h2>
            {home.data.topics.edges.length === 0 ? (
              <Empty>No topic yet: import articles with kg import.</Empty>
            ) : (
              <ul class="chips">
                {home.data.topics.edges.map(({ node }) => (
                  <li key={node.id}>
                    <a href={hrefs.entity(node.id)}>{node.name}</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="articles-heading">
            <h2 id="articles-heading">Newest articles</h2>
            {home.data.articles.edges.length === 0 ? (
              <Empty>No article yet: import some with kg import.</Empty>
            ) : (
              <ul class="plain">
                {home.data.articles.edges.map(({ node }) => (
                  <li key={node.id}>
                    <a href={hrefs.article(node.id)}>{node.title}</a>
                    <span class="muted">
                      {[node.publisher, formatDate(node.published?.value)]
                        .filter(Boolean)
                        .map((p) => ` · ${p}`)
                        .join('')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  );
}
