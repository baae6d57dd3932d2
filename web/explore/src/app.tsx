import { useEffect, useRef } from 'preact/hooks';
import { About } from './api/operations.ts';
import { useQuery } from './api/use-query.ts';
import { ForgetKey, KeyForm } from './components/key-form.tsx';
import { Empty } from './components/states.tsx';
import { hrefs, interceptLinks, type Route, useRoute } from './router.ts';
import { ArticleView } from './views/article.tsx';
import { EntityView } from './views/entity.tsx';
import { HomeView } from './views/home.tsx';
import { PathView } from './views/path.tsx';
import { StanceView } from './views/stance.tsx';
import { TimelineView } from './views/timeline.tsx';
import { useTitle } from './views/use-title.ts';

export function App() {
  const route = useRoute();
  const shell = useRef<HTMLDivElement>(null);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => (shell.current ? interceptLinks(shell.current) : undefined), []);

  // After a navigation (not the first load), focus goes to the new view, as a page load would.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [route]);

  return (
    <div class="shell" ref={shell}>
      <a class="skip-link" href="#main">
        Skip to the content
      </a>
      <header class="site-head">
        <a class="brand" href={hrefs.home()}>
          Knowledge graph explorer
        </a>
        <nav aria-label="Explorer">
          <ul>
            <li>
              <a href={hrefs.home()} aria-current={route.view === 'home' ? 'page' : undefined}>
                Search
              </a>
            </li>
            <li>
              <a
                href={hrefs.path('', '')}
                aria-current={route.view === 'path' ? 'page' : undefined}
              >
                Path finder
              </a>
            </li>
          </ul>
        </nav>
        <ForgetKey />
      </header>
      <main id="main" ref={main} tabIndex={-1} data-view={route.view}>
        <KeyForm />
        <View route={route} />
      </main>
      <Footer />
    </div>
  );
}

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'home':
      return <HomeView />;
    case 'entity':
      return <EntityView key={`${route.id}?${route.nodes}`} id={route.id} nodes={route.nodes} />;
    case 'path':
      return <PathView key={`${route.from}>${route.to}`} from={route.from} to={route.to} />;
    case 'timeline':
      return <TimelineView key={route.id} id={route.id} />;
    case 'stance':
      return <StanceView key={route.id} id={route.id} />;
    case 'article':
      return <ArticleView key={route.id} id={route.id} />;
    case 'not-found':
      return <NotFound path={route.path} />;
  }
}

function NotFound({ path }: { path: string }) {
  useTitle('Not found');
  return (
    <>
      <h1 tabIndex={-1}>No such page</h1>
      <Empty>
        The explorer has no page at {path}. <a href={hrefs.home()}>Search the graph</a> instead.
      </Empty>
    </>
  );
}

/** Whether the server serves GraphiQL (index.html says when it does not). */
const GRAPHIQL =
  document.querySelector('meta[name="kg-graphiql"]')?.getAttribute('content') !== 'off';

function Footer() {
  const about = useQuery(About, {});
  return (
    <footer class="site-foot">
      <span>
        Every fact and claim links to the articles it comes from.{' '}
        {GRAPHIQL ? (
          <>
            Ask the API yourself in <a href="/graphql">GraphiQL</a>.
          </>
        ) : (
          <>
            Ask the API yourself: it answers GraphQL at <code>/graphql</code>.
          </>
        )}
      </span>
      {about.status === 'done' && (
        <span class="muted">
          API {about.data.about.apiVersion} · Neo4j {about.data.about.neo4jVersion}
        </span>
      )}
    </footer>
  );
}
