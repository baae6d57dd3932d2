/*
 * Runs in the GraphiQL page before GraphiQL starts (src/http/graphiql-page.ts puts it there).
 * It mends two faults of GraphiQL 5 as @graphql-yoga/render-graphiql bundles it:
 *
 * 1. GraphiQL fills the variables and headers editors from its `initialVariables` and
 *    `initialHeaders` props, or from storage, never from the tab it opens on
 *    (graphql/graphiql#3392). Our example tabs came up with empty variables, and Run answered
 *    `Variable "$topic" of required type "ID!" was not provided.` So we hand GraphiQL the
 *    values of the tab it will open on: the tab the page's `?query=` names, else the stored
 *    active tab, else the first example.
 *
 * 2. A tab did not switch when clicked with a real mouse. The tabs are framer-motion drag items
 *    constrained to the tab list; when the list resizes (as its font arrives) framer-motion moves
 *    each tab's drag offset to the far right of the list. GraphiQL's CSS hides that offset only
 *    while the tab holds no focus, so pressing a tab focused it, it jumped hundreds of pixels
 *    away from the pointer, and the release landed on the tab list: no click. A drag began from
 *    the same wrong offset and swapped tabs at the first few pixels. The page's CSS now never
 *    shows a tab's offset, and a press on a tab no longer starts a drag: tabs switch on click and
 *    are not reordered by dragging.
 *
 * Besides, tabs stored by an earlier version of the server may hold its examples (with empty
 * variables, as that version left them): when the examples change, the stored example tabs are
 * replaced by the current ones, keeping their headers (API keys go there); the user's own tabs
 * stay.
 */
(function () {
  'use strict';

  // Where GraphiQL keeps its tabs (its storage namespace and key).
  var TAB_STATE = 'graphiql:tabState';
  // The examples the stored tabs were last brought up to date with (their JSON).
  var EXAMPLES = 'kg:graphiql-examples';

  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null; // storage turned off: GraphiQL starts from the examples every time
    }
  }

  // The shape GraphiQL checks before it uses a stored tab (its isTabState).
  function isTab(tab) {
    return (
      tab !== null &&
      typeof tab === 'object' &&
      typeof tab.id === 'string' &&
      typeof tab.title === 'string' &&
      ['query', 'variables', 'headers', 'operationName', 'response'].every(function (key) {
        return typeof tab[key] === 'string' || tab[key] === null;
      })
    );
  }

  function readTabState(store) {
    try {
      var state = JSON.parse(store.getItem(TAB_STATE));
      if (
        state &&
        typeof state.activeTabIndex === 'number' &&
        Array.isArray(state.tabs) &&
        state.tabs.every(isTab)
      ) {
        return state;
      }
    } catch {
      // unreadable: GraphiQL starts from the examples, as it would
    }
    return null;
  }

  // The operation name GraphiQL titles a tab with (its fuzzyExtractOperationName).
  function operationName(query) {
    var match = /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query || '');
    return match ? match[2] : null;
  }

  function exampleTab(example, headers) {
    var name = operationName(example.query);
    return {
      id: 'kg-' + Math.random().toString(16).slice(2) + Date.now().toString(16),
      hash: null,
      title: name || '<untitled>',
      query: example.query,
      variables: example.variables || null,
      headers: headers || null,
      operationName: name,
      response: null,
    };
  }

  /** Replaces stored example tabs of other examples than these by these, once per change. */
  function bringUpToDate(store, examples) {
    var current = JSON.stringify(examples);
    if (store.getItem(EXAMPLES) === current) return;
    var state = readTabState(store);
    if (state) {
      var names = examples.map(function (example) {
        return operationName(example.query);
      });
      var headersOf = {};
      var own = state.tabs.filter(function (tab) {
        var isExample = tab.operationName !== null && names.indexOf(tab.operationName) !== -1;
        if (isExample && tab.headers && !headersOf[tab.operationName]) {
          headersOf[tab.operationName] = tab.headers;
        }
        return !isExample;
      });
      var tabs = examples.map(function (example, i) {
        return exampleTab(example, headersOf[names[i]]);
      });
      store.setItem(TAB_STATE, JSON.stringify({ tabs: tabs.concat(own), activeTabIndex: 0 }));
    }
    store.setItem(EXAMPLES, current);
  }

  /** The tab GraphiQL will open on, as its getDefaultTabState chooses it. */
  function openingTab(store, examples) {
    var state = store && readTabState(store);
    if (!state) return examples[0] || {};
    var linked = new URL(window.location.href).searchParams.get('query');
    var active = state.tabs[state.activeTabIndex];
    if (linked && !(active && active.query === linked)) {
      active =
        state.tabs.find(function (tab) {
          return tab.query === linked;
        }) || active;
    }
    return active || {};
  }

  // A press on a tab starts no drag: framer-motion listens on the tab itself, after this.
  document.addEventListener(
    'pointerdown',
    function (event) {
      if (event.target instanceof Element && event.target.closest('.graphiql-tab')) {
        event.stopPropagation();
      }
    },
    true,
  );

  window.kgGraphiQL = {
    /** Renders GraphiQL (Yoga's renderYogaGraphiQL) opening on a tab with its own values. */
    render: function (renderYogaGraphiQL, root, options) {
      var examples = options.defaultTabs || [];
      var store = storage();
      if (store) bringUpToDate(store, examples);
      var tab = openingTab(store, examples);
      return renderYogaGraphiQL(
        root,
        Object.assign({}, options, {
          // Yoga hands these to GraphiQL as initialQuery and initialVariables (a ?query= in the
          // address still wins); initialHeaders goes through as it is.
          query: tab.query || undefined,
          variables: tab.variables || '',
          initialHeaders: tab.headers || '',
        }),
      );
    },
  };
})();
