// The report panel's one script (loaded from the extension under the panel's CSP nonce).
// It turns the pickers and buttons into messages, keeps the panel's state (repository, scroll
// position, focused control) across re-renders and restarts, and tells the extension what it
// shows once rendered (and again when it gives focus back later): the integration tests compare
// that with the report's numbers.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  // A panel restored after a restart gets its saved focus and scroll from the extension, once.
  const body = document.body.dataset;
  const restored = { focus: body.restoreFocus, scrollY: body.restoreScroll ? Number(body.restoreScroll) : undefined };
  const state = Object.assign({}, restored, vscode.getState() || {});
  const save = (patch) => vscode.setState(Object.assign(state, patch));
  const text = (el) => (el && el.textContent ? el.textContent.trim() : '');
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const status = document.getElementById('status');
  const busy = (message) => {
    if (status) status.textContent = message;
    document.body.setAttribute('aria-busy', 'true');
  };

  save({ repository: document.body.dataset.repository });
  const range = /** @type {HTMLSelectElement | null} */ (document.getElementById('range'));
  const measure = /** @type {HTMLSelectElement | null} */ (document.getElementById('measure'));
  const compare = /** @type {HTMLInputElement | null} */ (document.getElementById('compare'));
  const repository = /** @type {HTMLSelectElement | null} */ (document.getElementById('repository'));
  if (range) save({ range: range.value });
  if (measure) save({ measure: measure.value });

  // The controls act on change and click; the form itself never submits anywhere.
  document.addEventListener('submit', (event) => event.preventDefault());

  document.addEventListener('change', (event) => {
    const target = /** @type {HTMLSelectElement} */ (event.target);
    if (target === range) vscode.postMessage({ type: 'setRange', range: target.value });
    else if (repository && target === repository) vscode.postMessage({ type: 'setRepository', repository: target.value });
    else if (target === measure) vscode.postMessage({ type: 'setMeasure', measure: target.value });
    else if (compare && target === compare) vscode.postMessage({ type: 'setCompare', compare: compare.checked });
    else return;
    save({ focus: target.id });
    busy('Updating the report…');
  });

  document.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('button[data-action]') : null);
    if (!button) return;
    const action = button.dataset.action;
    save({ focus: button.id });
    if (action === 'tag' || action === 'open') vscode.postMessage({ type: action, branch: button.dataset.branch });
    else vscode.postMessage({ type: action });
    if (action === 'refresh') busy('Updating the report…');
  });

  // Whatever the reader moved focus to (Tab included) gets it back after a re-render or a restart.
  document.addEventListener('focusin', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target && target.id) save({ focus: target.id });
  });

  let scrollTimer;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => save({ scrollY: Math.round(window.scrollY) }), 150);
  });

  // Back where the reader was: the page its scroll position, the control they used its focus.
  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);

  // Focus comes back only while the panel itself has focus. VS Code loads every page (a restored
  // panel's, each re-render's) in a hidden frame that does not have focus: focus() there sometimes
  // does nothing and sometimes pulls the workbench's focus out of wherever the reader is (the
  // Explorer, the commit box). Once the page is shown, VS Code focuses its window if the panel had
  // focus, and does so again when the reader returns to the panel: the saved control gets it then,
  // once per page, unless the reader already put focus somewhere in the page.
  let focusRestored = false;
  /** @param {boolean} announce tell the extension (the page was already posted) */
  const restoreFocus = (announce) => {
    if (focusRestored || !document.hasFocus()) return;
    focusRestored = true;
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    const control = state.focus && document.getElementById(state.focus);
    if (!control) return;
    control.focus({ preventScroll: typeof state.scrollY === 'number' });
    if (announce && document.activeElement === control) post();
  };
  window.addEventListener('focus', () => restoreFocus(true));

  function post() {
    vscode.postMessage({ type: 'rendered', shown: shown() });
  }
  function shown() {
    return {
      title: text(document.querySelector('h1')),
      summary: text(document.getElementById('summary')),
      range: range ? range.value : null,
      repository: repository ? repository.value : null,
      repositories: all('table.repositories tbody tr').map((row) => Array.from(row.children).map(text)),
      measure: measure ? measure.value : null,
      options: {
        range: range ? Array.from(range.options).map((o) => o.value) : [],
        repository: repository ? Array.from(repository.options).map((o) => o.value) : [],
        measure: measure ? Array.from(measure.options).map((o) => o.value) : [],
      },
      compare: compare ? compare.checked : null,
      comparison: document.querySelector('section.compare')
        ? {
            title: text(document.getElementById('compare-h')),
            rows: all('table.comparison tbody tr').map((row) => Array.from(row.children).map(text)),
            summary: all('.compare-summary li').map(text),
          }
        : null,
      cards: all('[data-card]').map((card) => ({
        id: card.getAttribute('data-card'),
        value: text(card.querySelector('.value')),
        label: text(card.querySelector('.label')),
      })),
      shareRows: all('.share-chart g.row').map((row) => ({
        label: text(row.querySelector('text.label')),
        value: text(row.querySelector('text.value')),
      })),
      goalRows: all('table.goals tbody tr').map((row) => Array.from(row.children).map(text)),
      callouts: all('.callouts li').map(text),
      weeks: all('table.weekly-table tbody tr').length,
      branches: all('table.branches th.branch').map(text),
      actions: all('button[data-action]').map((b) => ({
        action: b.dataset.action,
        branch: b.dataset.branch || null,
        label: b.getAttribute('aria-label') || text(b),
      })),
      focused: document.activeElement && document.activeElement.id ? document.activeElement.id : null,
      // What hostile repository strings could have injected, had anything not been escaped.
      dom: {
        scripts: all('main script').length,
        images: all('main img').length,
        links: all('main a[href]').length,
        handlers: all('main, main *').filter((el) => Array.from(el.attributes).some((a) => /^on/i.test(a.name))).length,
      },
      scripts: all('script').map((el) => el.getAttribute('src') || 'inline'),
      message: text(document.querySelector('.empty')),
    };
  }

  restoreFocus(false);
  post();
})();
