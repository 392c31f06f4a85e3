'use strict';
/*
 * PR.708 Oversight, the Teams tab. Plain modern JavaScript, no build step.
 *
 * Sign-in: inside Teams the page asks the Teams client for an SSO token
 * (app.initialize, then authentication.getAuthToken). Outside Teams (a
 * browser, the tests) a token may be handed over in the address as
 * #token=…; the server checks every token the same way, so this gives
 * nobody more than their own token allows. The page only lays out what the
 * API returns; what a person may see is decided on the server.
 *
 * Everything people typed is put on the page as text (textContent), never
 * as HTML. The only markup inserted is the charts' SVG, which the server
 * builds and escapes.
 */
(function oversightTab() {
  const api = '/api/tab';
  const state = {
    token: null,
    fromTeams: false,
    me: null,
    tab: null,
    list: { view: 'mine', page: 1, filters: {} },
    awaitingCount: 0,
    opener: null,
  };

  // ---------------------------------------------------------------------------
  // Small DOM helpers

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  const $ = (id) => document.getElementById(id);

  /** Adds to an element, skipping the null and false a conditional part leaves. */
  function add(el, ...children) {
    el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  }

  /** Replaces an element's content, skipping the null and false a conditional part leaves. */
  function fill(el, ...children) {
    el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  }

  function announce(message) {
    const status = $('status');
    status.textContent = '';
    window.setTimeout(() => (status.textContent = message), 30);
  }

  function badge(stateName, label) {
    return h('span', { class: `badge state-${stateName}` }, label);
  }

  // ---------------------------------------------------------------------------
  // Sign-in and API calls

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((_, reject) => window.setTimeout(() => reject(new Error('timeout')), ms))]);
  }

  async function signIn() {
    const fromHash = /[#&]token=([^&]+)/.exec(window.location.hash);
    if (fromHash) {
      const token = decodeURIComponent(fromHash[1]);
      sessionStorage.setItem('pr708.token', token);
      // Keep the token out of the address bar, history and anything copied from it.
      history.replaceState(null, '', window.location.pathname + window.location.search);
      return token;
    }
    const saved = sessionStorage.getItem('pr708.token');
    if (saved) return saved;
    if (!window.microsoftTeams) throw new Error('not-in-teams');
    await withTimeout(microsoftTeams.app.initialize(), 5000);
    state.fromTeams = true;
    followTeamsTheme();
    return microsoftTeams.authentication.getAuthToken();
  }

  function followTeamsTheme() {
    const apply = (theme) => {
      document.body.classList.toggle('theme-dark', theme === 'dark');
      document.body.classList.toggle('theme-contrast', theme === 'contrast');
    };
    microsoftTeams.app.getContext().then((ctx) => apply(ctx.app && ctx.app.theme), () => undefined);
    microsoftTeams.app.registerOnThemeChangeHandler(apply);
  }

  async function call(path, options = {}, retried = false) {
    const res = await fetch(`${api}${path}`, {
      ...options,
      headers: { authorization: `Bearer ${state.token}`, ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.headers || {}) },
    });
    if (res.status === 401 && state.fromTeams && !retried) {
      // Teams hands out a fresh token when the old one has run out.
      state.token = await microsoftTeams.authentication.getAuthToken();
      return call(path, options, true);
    }
    return res;
  }

  async function json(path, options) {
    const res = await call(path, options);
    let body = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (res.status === 401) throw Object.assign(new Error((body && body.error) || 'Sign in through Teams to use this tab.'), { status: 401 });
    return { status: res.status, ok: res.ok, body };
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    const s = q.toString();
    return s ? `?${s}` : '';
  }

  // ---------------------------------------------------------------------------
  // Tabs

  function tabsFor(me) {
    const caps = me.capabilities;
    const tabs = [{ id: 'mine', label: 'My requests' }];
    if (caps.oversee || state.awaitingCount > 0) tabs.push({ id: 'awaiting', label: 'Awaiting my decision', count: state.awaitingCount });
    if (caps.seeAll) tabs.push({ id: 'all', label: 'All requests' });
    else if (caps.oversee) tabs.push({ id: 'all', label: me.units.length === 1 && me.units[0].type === 'school' ? 'School requests' : 'Requests I oversee' });
    if (caps.oversee) tabs.push({ id: 'charts', label: 'Charts and records' });
    tabs.push({ id: 'accounts', label: 'School accounts' });
    if (caps.misuseReports) tabs.push({ id: 'misuse', label: 'Misuse reports' });
    if (caps.crisis) tabs.push({ id: 'crisis', label: 'Crisis mode' });
    // Communications is who resends undelivered notifications (the same people as crisis mode).
    if (caps.crisis) tabs.push({ id: 'undelivered', label: 'Undelivered' });
    return tabs;
  }

  function renderTabs() {
    const list = $('tablist');
    fill(list);
    const tabs = tabsFor(state.me);
    tabs.forEach((t) => {
      const selected = t.id === state.tab;
      list.append(
        h(
          'button',
          {
            role: 'tab',
            id: `tab-${t.id}`,
            'aria-selected': selected ? 'true' : 'false',
            'aria-controls': 'panel',
            tabindex: selected ? '0' : '-1',
            onclick: () => selectTab(t.id, true),
            onkeydown: (e) => {
              const i = tabs.findIndex((x) => x.id === t.id);
              let next = null;
              if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
              if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
              if (e.key === 'Home') next = tabs[0];
              if (e.key === 'End') next = tabs[tabs.length - 1];
              if (next) {
                e.preventDefault();
                selectTab(next.id, true);
              }
            },
          },
          t.label,
          t.count ? h('span', { class: 'count', 'aria-label': `${t.count} waiting` }, String(t.count)) : null,
        ),
      );
    });
    $('panel').setAttribute('aria-labelledby', `tab-${state.tab}`);
  }

  function selectTab(id, focus) {
    state.tab = id;
    renderTabs();
    if (focus) $(`tab-${id}`).focus();
    const panel = $('panel');
    fill(panel, h('p', { class: 'loading' }, 'Loading…'));
    const show = {
      mine: () => showList('mine'),
      awaiting: () => showList('awaiting'),
      all: () => showList('all'),
      charts: showCharts,
      accounts: showAccounts,
      misuse: showMisuse,
      crisis: showCrisis,
      undelivered: showDeadLetters,
    }[id];
    show().catch(showError);
  }

  function showError(err) {
    const panel = $('panel');
    fill(panel, h('p', { class: 'error', role: 'alert' }, err && err.message ? err.message : 'Something went wrong; please try again.'));
  }

  // ---------------------------------------------------------------------------
  // Request lists

  const STATES = [
    ['awaiting-decision', 'Awaiting decision'],
    ['approved', 'Approved'],
    ['declined', 'Declined'],
    ['changes-requested', 'Changes requested'],
    ['escalated', 'Escalated to Communications'],
    ['withdrawn', 'Withdrawn'],
    ['expired', 'Expired'],
  ];
  const KINDS = [
    ['speak-on-behalf', 'Speak on behalf of the school, department or district'],
    ['logo-use', 'Use a school or Board logo'],
    ['school-account', 'A school social-media account'],
    ['club-following', 'Students following a course or club account'],
  ];

  const LIST_TEXT = {
    mine: ['My requests', 'The permission requests you made, and where each stands.', 'You have not made any permission requests yet. In the chat, type “request” to start one.'],
    awaiting: ['Awaiting my decision', 'Requests routed to you that need your decision. Open one to approve, decline or ask for changes.', 'Nothing awaits your decision.'],
    all: ['Requests', 'Every request you may see, newest first. Filter by state, kind, school and dates, or search.', 'No requests match these filters.'],
  };

  function select(id, label, options, value, blank) {
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h('select', { id, name: id }, h('option', { value: '' }, blank), ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))),
    );
  }

  function filterForm(view) {
    const f = state.list.filters;
    const units = state.me.units.map((u) => [u.id, u.name]);
    const form = h(
      'form',
      { class: 'filters card', 'aria-label': 'Filter requests', role: 'search' },
      select('f-state', 'State', STATES, f.state, 'Any state'),
      select('f-kind', 'Kind', KINDS, f.kind, 'Any kind'),
      units.length > 1 ? select('f-unit', 'School or department', units, f.unit, 'All') : null,
      h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'Submitted from'), h('input', { id: 'f-from', type: 'date', value: f.from || '' })),
      h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'Submitted to'), h('input', { id: 'f-to', type: 'date', value: f.to || '' })),
      h('div', { class: 'field' }, h('label', { for: 'f-q' }, 'Search'), h('input', { id: 'f-q', type: 'search', placeholder: 'Number, name or words', value: f.q || '' })),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary' }, 'Apply'),
        h('button', { type: 'button', class: 'btn', onclick: () => { state.list.filters = {}; state.list.page = 1; showList(view).catch(showError); } }, 'Clear'),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const val = (id) => (form.querySelector(`#${id}`) ? form.querySelector(`#${id}`).value : '');
      state.list.filters = { state: val('f-state'), kind: val('f-kind'), unit: val('f-unit'), from: val('f-from'), to: val('f-to'), q: val('f-q').trim() };
      state.list.page = 1;
      showList(view).catch(showError);
    });
    return form;
  }

  async function showList(view) {
    if (state.list.view !== view) state.list = { view, page: 1, filters: {} };
    const { page, filters } = state.list;
    const res = await json(`/requests${query({ view, page, pageSize: 25, ...filters })}`);
    if (!res.ok) throw new Error((res.body && res.body.error) || 'The list could not be loaded.');
    if (view === 'awaiting' && res.body.total !== state.awaitingCount) {
      state.awaitingCount = res.body.total;
      renderTabs();
    }
    const [title, intro, empty] = LIST_TEXT[view];
    const heading = view === 'all' ? (state.me.capabilities.seeAll ? 'All requests' : $(`tab-all`).textContent) : title;
    const panel = $('panel');
    const total = res.body.total;
    const rows = res.body.items.map((r) =>
      h(
        'tr',
        { 'data-request': r.number },
        h('td', {}, h('button', { type: 'button', class: 'link-button', onclick: (e) => openRequest(r.id, e.currentTarget), 'aria-label': `Open ${r.number}, ${r.kindTitle}` }, r.number)),
        h('td', {}, r.kindTitle),
        h('td', {}, r.requester),
        h('td', {}, r.unit),
        h('td', {}, badge(r.state, r.stateLabel)),
        h('td', {}, h('time', { datetime: r.submittedAt }, r.submitted)),
      ),
    );
    const first = total === 0 ? 0 : (page - 1) * 25 + 1;
    const last = Math.min(total, page * 25);
    fill(panel,
      h('div', { class: 'panel-head' }, h('div', {}, h('h2', {}, heading), h('p', {}, intro))),
      view === 'all' ? filterForm(view) : null,
      total === 0
        ? h('p', { class: 'empty' }, empty)
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'aria-label': heading },
              h('caption', { class: 'sr-only' }, `${heading}: ${total} request${total === 1 ? '' : 's'}`),
              h('thead', {}, h('tr', {}, ...['Number', 'Kind', 'Requester', 'School or department', 'State', 'Submitted'].map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, rows),
            ),
          ),
      total > 25
        ? h(
            'div',
            { class: 'pager' },
            h('span', {}, `${first}–${last} of ${total}`),
            h(
              'div',
              { class: 'actions' },
              h('button', { type: 'button', class: 'btn', disabled: page <= 1, onclick: () => { state.list.page -= 1; showList(view).catch(showError); } }, 'Previous'),
              h('button', { type: 'button', class: 'btn', disabled: last >= total, onclick: () => { state.list.page += 1; showList(view).catch(showError); } }, 'Next'),
            ),
          )
        : total > 0
          ? h('p', { class: 'meta' }, `${total} request${total === 1 ? '' : 's'}`)
          : null,
    );
    announce(`${heading}: ${total} request${total === 1 ? '' : 's'}.`);
  }

  // ---------------------------------------------------------------------------
  // One request: details, full history, and deciding under the cards' rules

  async function openRequest(id, opener) {
    state.opener = opener || document.activeElement;
    const dialog = $('detail');
    $('detail-title').textContent = 'Loading…';
    fill($('detail-body'), h('p', { class: 'loading' }, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    const res = await json(`/requests/${encodeURIComponent(id)}`);
    if (!res.ok) {
      $('detail-title').textContent = 'Request';
      fill($('detail-body'), h('p', { class: 'error', role: 'alert' }, (res.body && res.body.error) || 'That request could not be opened.'));
      return;
    }
    renderDetail(res.body);
  }

  function renderDetail(r, message) {
    $('detail-title').textContent = `${r.number} · ${r.kindTitle}`;
    const body = $('detail-body');
    const facts = [
      ['State', badge(r.state, r.stateLabel)],
      ['Requester', r.requester],
      ['School or department', r.unit],
      ['Submitted', r.submitted],
      ['Procedure', r.clauses],
      ...(r.conditions ? [['Conditions', r.conditions]] : []),
      ...(r.validUntil ? [['Valid until', r.validUntil]] : []),
      ...r.facts.map((f) => [f.title, f.value]),
    ];
    fill(body,
      message ? h('p', { class: message.ok ? 'notice' : 'error', role: message.ok ? 'status' : 'alert' }, message.text) : null,
      h('p', { class: 'meta' }, r.title),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('h3', {}, 'History'),
      h(
        'ol',
        { class: 'timeline', 'aria-label': 'History, oldest first' },
        ...r.history.map((e) =>
          h(
            'li',
            {},
            h('div', {}, h('span', { class: 'what' }, e.what), ' · ', e.who, ' · ', h('time', { datetime: e.at }, e.when)),
            e.comment ? h('p', { class: 'comment' }, e.comment) : null,
            e.conditions ? h('p', { class: 'meta' }, `Conditions: ${e.conditions}`) : null,
            e.validUntil ? h('p', { class: 'meta' }, `Valid until ${e.validUntil}`) : null,
            h('div', { class: 'hash', title: 'This event’s hash: it covers the event and the one before it, so any change shows' }, `#${e.seq} · ${e.hash.slice(0, 16)}…`),
          ),
        ),
      ),
      r.may.decide || r.may.withdraw ? decisionForm(r) : null,
    );
  }

  function decisionForm(r) {
    const form = h('form', { class: 'decide-form' });
    const fields = h(
      'fieldset',
      { class: 'decide' },
      h('legend', {}, r.may.decide ? 'Your decision (written permission on record)' : 'Your request'),
      r.may.decide
        ? [
            h('div', { class: 'field' }, h('label', { for: 'd-comment' }, 'Comment or reason (the requester sees it; required to decline or ask for changes)'), h('textarea', { id: 'd-comment', maxlength: '2000' })),
            h('div', { class: 'field' }, h('label', { for: 'd-conditions' }, 'Conditions, if approving (e.g. no student faces)'), h('input', { id: 'd-conditions', maxlength: '2000' })),
            h('div', { class: 'field' }, h('label', { for: 'd-until' }, 'Valid until (optional)'), h('input', { id: 'd-until', type: 'date' })),
          ]
        : null,
      h(
        'div',
        { class: 'actions' },
        r.may.decide ? h('button', { type: 'button', class: 'btn good', onclick: () => act(r, 'approve', form) }, 'Approve') : null,
        r.may.decide ? h('button', { type: 'button', class: 'btn danger', onclick: () => act(r, 'decline', form) }, 'Decline') : null,
        r.may.decide ? h('button', { type: 'button', class: 'btn', onclick: () => act(r, 'request-changes', form) }, 'Ask for changes') : null,
        r.may.escalate ? h('button', { type: 'button', class: 'btn', onclick: () => act(r, 'escalate', form) }, 'Escalate to Communications') : null,
        r.may.withdraw ? h('button', { type: 'button', class: 'btn', onclick: () => act(r, 'withdraw', form) }, 'Withdraw my request') : null,
      ),
    );
    form.append(fields);
    form.addEventListener('submit', (e) => e.preventDefault());
    return form;
  }

  const DONE_WORDS = { approve: 'approved', decline: 'declined', 'request-changes': 'asked for changes on', escalate: 'escalated', withdraw: 'withdrew' };

  async function act(r, action, form) {
    const val = (id) => (form.querySelector(`#${id}`) ? form.querySelector(`#${id}`).value : undefined);
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    try {
      const res = await json(`/requests/${encodeURIComponent(r.id)}/actions`, {
        method: 'POST',
        body: JSON.stringify({ action, version: r.version, comment: val('d-comment'), conditions: val('d-conditions'), validUntil: val('d-until') }),
      });
      if (res.ok) {
        const text = `You ${DONE_WORDS[action]} ${r.number}.${res.body.repeated ? ' (It was already recorded.)' : ''}`;
        renderDetail(res.body.request, { ok: true, text });
        announce(text);
        refreshCounts();
      } else {
        const text = (res.body && res.body.error) || 'That could not be done.';
        if (res.body && res.body.request) renderDetail(res.body.request, { ok: false, text });
        else {
          for (const b of form.querySelectorAll('button')) b.disabled = false;
          $('detail-body').prepend(h('p', { class: 'error', role: 'alert' }, text));
        }
      }
    } catch (err) {
      showError(err);
    }
  }

  function closeDetail() {
    const dialog = $('detail');
    if (dialog.open) dialog.close();
  }

  // ---------------------------------------------------------------------------
  // Charts and the records export

  async function showCharts() {
    const panel = $('panel');
    const today = state.me.today;
    const defaults = state.chartRange || { from: shiftDay(today, -83), to: today, unit: '' };
    const units = state.me.units.map((u) => [u.id, u.name]);
    const form = h(
      'form',
      { class: 'filters card', 'aria-label': 'Date range for charts and export' },
      h('div', { class: 'field' }, h('label', { for: 'c-from' }, 'From'), h('input', { id: 'c-from', type: 'date', value: defaults.from, required: true })),
      h('div', { class: 'field' }, h('label', { for: 'c-to' }, 'To'), h('input', { id: 'c-to', type: 'date', value: defaults.to, required: true })),
      units.length > 1 ? select('c-unit', 'School or department', units, defaults.unit, 'All') : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'btn primary' }, 'Show charts'),
        h('button', { type: 'button', class: 'btn', id: 'export-csv', onclick: () => exportCsv(readRange(form)) }, '⬇ Download CSV (requests and history)'),
      ),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      state.chartRange = readRange(form);
      showCharts().catch(showError);
    });
    const holder = h('div', { class: 'charts', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Drawing charts…'));
    fill(panel,
      h(
        'div',
        { class: 'panel-head' },
        h('div', {}, h('h2', {}, 'Charts and records'), h('p', {}, 'Requests, decisions and questions over the period, and the records export for access requests under MFIPPA (4.9(c)).')),
      ),
      form,
      holder,
    );
    const res = await json(`/charts${query(defaults)}`);
    if (!res.ok) throw new Error((res.body && res.body.error) || 'The charts could not be drawn.');
    fill(holder, ...res.body.charts.map(chartFigure));
    holder.setAttribute('aria-busy', 'false');
    announce(`Charts for ${res.body.from} to ${res.body.to}.`);
  }

  function readRange(form) {
    const v = (id) => (form.querySelector(`#${id}`) ? form.querySelector(`#${id}`).value : '');
    return { from: v('c-from'), to: v('c-to'), unit: v('c-unit') };
  }

  function shiftDay(day, n) {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function chartFigure(chart) {
    const frame = h('div', { class: 'chart-frame' });
    // Server-built SVG with every label escaped there; see src/oversight/charts.ts.
    frame.innerHTML = chart.svg;
    return h(
      'figure',
      { class: 'chart-card', id: `chart-${chart.id}`, 'aria-labelledby': `cap-${chart.id}` },
      h('figcaption', { id: `cap-${chart.id}` }, chart.title),
      h('p', { class: 'summary' }, chart.summary),
      frame,
      h(
        'details',
        {},
        h('summary', {}, 'Show the figures as a table'),
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h('caption', { class: 'sr-only' }, chart.title),
            h('thead', {}, h('tr', {}, ...chart.table.columns.map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...chart.table.rows.map((row) => h('tr', {}, ...row.map((c) => h('td', {}, c))))),
          ),
        ),
      ),
    );
  }

  async function exportCsv(range) {
    const res = await call(`/export.csv${query(range)}`);
    if (!res.ok) {
      let error = 'The export could not be made.';
      try {
        error = (await res.json()).error || error;
      } catch {
        /* keep the general message */
      }
      announce(error);
      return;
    }
    const blob = await res.blob();
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '');
    const link = h('a', { href: URL.createObjectURL(blob), download: name ? name[1] : 'pr708-requests.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    announce('The CSV file is downloading.');
  }

  // ---------------------------------------------------------------------------
  // School accounts (4.10, 4.14)

  async function showAccounts() {
    const res = await json('/accounts');
    if (!res.ok) throw new Error((res.body && res.body.error) || 'The accounts could not be loaded.');
    const panel = $('panel');
    const items = res.body.items;
    fill(panel,
      h(
        'div',
        { class: 'panel-head' },
        h(
          'div',
          {},
          h('h2', {}, 'School accounts'),
          h('p', {}, `Accounts approved through requests, with their advisor and administrators (4.10). An account needs a staff advisor and at least two staff administrators, and should show activity at least every ${res.body.inactivityDays} days (4.14).`),
        ),
      ),
      items.length === 0
        ? h('p', { class: 'empty' }, 'No school accounts to show. Accounts appear here once their request is approved.')
        : h('div', { class: 'accounts' }, ...items.map(accountCard)),
    );
    announce(`${items.length} school account${items.length === 1 ? '' : 's'}.`);
  }

  function person(p) {
    return h('li', {}, p.name, p.present ? null : h('span', { class: 'gone' }, ' — no longer on staff'));
  }

  function accountCard(a) {
    return h(
      'article',
      { class: 'card account', 'aria-labelledby': `acc-${a.id}` },
      h('h3', { id: `acc-${a.id}` }, `${a.accountName} · ${a.platform}`),
      h('p', { class: 'meta' }, `${a.school} · approved ${a.approved} (${a.number}) · last activity ${a.lastActivity}`),
      h('div', { class: 'label' }, 'Advisor'),
      h('ul', { class: 'people' }, person(a.advisor)),
      h('div', { class: 'label' }, 'Administrators'),
      h('ul', { class: 'people' }, ...a.administrators.map(person)),
      a.problems.length === 0 ? h('p', { class: 'ok' }, '✓ Meets 4.10 and 4.14') : a.problems.map((p) => h('p', { class: 'problem' }, p.text)),
      a.mayRecord
        ? h(
            'div',
            { class: 'actions' },
            h('button', { type: 'button', class: 'btn', onclick: () => recordActivity(a, 'activity') }, 'Record activity'),
            h('button', { type: 'button', class: 'btn', onclick: () => recordActivity(a, 'cleanup') }, 'Record a cleanup'),
          )
        : null,
    );
  }

  async function recordActivity(account, kind) {
    const res = await json(`/accounts/${encodeURIComponent(account.id)}/activity`, { method: 'POST', body: JSON.stringify({ kind }) });
    announce(res.ok ? `Recorded ${kind === 'cleanup' ? 'a cleanup' : 'activity'} on ${account.accountName}.` : (res.body && res.body.error) || 'That could not be recorded.');
    if (res.ok) await showAccounts();
  }

  // ---------------------------------------------------------------------------
  // A panel that is one table: heading, a line of explanation, and the rows (or a line saying there are none)

  function tablePanel({ title, intro, empty, columns, rows }) {
    return [
      h('div', { class: 'panel-head' }, h('div', {}, h('h2', {}, title), h('p', {}, intro))),
      rows.length === 0
        ? h('p', { class: 'empty' }, empty)
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'aria-label': title },
              h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
              h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((c) => h('td', {}, c))))),
            ),
          ),
    ];
  }

  // ---------------------------------------------------------------------------
  // Misuse reports (4.18)

  async function showMisuse() {
    const res = await json('/misuse-reports');
    if (!res.ok) throw new Error((res.body && res.body.error) || 'The reports could not be loaded.');
    const items = res.body.items;
    fill($('panel'),
      ...tablePanel({
        title: 'Misuse reports',
        intro: 'Inappropriate messages account administrators deleted and reported (4.18). Administrators report one in the chat with “report misuse”.',
        empty: 'No misuse reports.',
        columns: ['Reported', 'Account', 'School', 'By', 'What it said', 'Why', 'Screenshot', 'Communications'],
        rows: items.map((r) => [
          h('time', { datetime: r.reportedAt }, r.reported),
          r.account,
          r.school,
          r.reporter,
          r.what,
          r.why,
          /^https:\/\//.test(r.screenshotUrl) ? h('a', { href: r.screenshotUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Open') : r.screenshotUrl,
          h('span', { class: 'meta' }, r.notified),
        ]),
      }),
    );
    announce(`${items.length} misuse report${items.length === 1 ? '' : 's'}.`);
  }

  // ---------------------------------------------------------------------------
  // Undelivered notifications (dead letters): Communications sees why and sends them again

  async function showDeadLetters() {
    const res = await json('/dead-letters');
    if (!res.ok) throw new Error((res.body && res.body.error) || 'The undelivered notifications could not be loaded.');
    const items = res.body.items;
    const resend = async (item, button) => {
      button.disabled = true;
      const r = await json(`/dead-letters/${encodeURIComponent(item.id)}/retry`, { method: 'POST', body: '{}' });
      if (!r.ok) {
        button.disabled = false;
        throw new Error((r.body && r.body.error) || 'It could not be sent again.');
      }
      announce('Queued to be sent again.');
      await showDeadLetters();
    };
    fill($('panel'),
      ...tablePanel({
        title: 'Undelivered notifications',
        intro: 'Notifications Teams refused for good or that ran out of attempts. Fix the cause (often: the app is not installed for that person), then send again.',
        empty: 'Every notification was delivered.',
        columns: ['Queued', 'What', 'Request', 'To', 'Attempts', 'Reason', ''],
        rows: items.map((d) => {
          const button = h('button', { type: 'button', 'aria-label': `Send again: ${d.kind} to ${d.to}` }, 'Send again');
          button.addEventListener('click', () => resend(d, button).catch(showError));
          return [h('time', { datetime: d.since }, d.when), d.kind, d.request || '', d.to, String(d.attempts), h('span', { class: 'meta' }, d.reason || ''), button];
        }),
      }),
    );
    announce(`${items.length} undelivered notification${items.length === 1 ? '' : 's'}.`);
  }

  // ---------------------------------------------------------------------------
  // Crisis mode (3.2)

  async function showCrisis() {
    const res = await json('/crisis');
    if (!res.ok) throw new Error((res.body && res.body.error) || 'Crisis mode could not be loaded.');
    const c = res.body;
    const form = h('form', { class: 'card', 'aria-labelledby': 'crisis-form-title' });
    if (c.on) {
      add(form,
        h('h3', { id: 'crisis-form-title' }, 'Crisis mode is on'),
        h('p', {}, `Since ${c.since}, turned on by ${c.by}.`),
        h('p', { class: 'notice' }, c.publicLine),
        c.keywords && c.keywords.length ? h('p', { class: 'meta' }, `Questions and drafts mentioning: ${c.keywords.join(', ')}`) : null,
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn primary' }, 'Turn crisis mode off')),
      );
    } else {
      add(form,
        h('h3', { id: 'crisis-form-title' }, 'Turn crisis mode on'),
        h('p', {}, 'While it is on, staff who ask or check a post about the event are told: “Communications is handling public communication about this; please don’t post about it.” The welcome card shows your public line.'),
        h('div', { class: 'field' }, h('label', { for: 'crisis-line' }, 'Public line for staff (up to 280 characters)'), h('textarea', { id: 'crisis-line', maxlength: '280', required: true })),
        h('div', { class: 'field' }, h('label', { for: 'crisis-words' }, 'Words that identify the event, comma-separated (optional; taken from the line if empty)'), h('input', { id: 'crisis-words', placeholder: 'e.g. riverside, evacuation' })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn danger' }, 'Turn crisis mode on')),
      );
    }
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = c.on ? { on: false } : { on: true, publicLine: form.querySelector('#crisis-line').value, keywords: form.querySelector('#crisis-words').value };
      const r = await json('/crisis', { method: 'POST', body: JSON.stringify(body) });
      if (!r.ok) {
        form.prepend(h('p', { class: 'error', role: 'alert' }, (r.body && r.body.error) || 'That could not be done.'));
        return;
      }
      announce(r.body.on ? 'Crisis mode is on.' : 'Crisis mode is off.');
      await loadMe();
      await showCrisis();
    });
    fill($('panel'),
      h('div', { class: 'panel-head' }, h('div', {}, h('h2', {}, 'Crisis mode'), h('p', {}, 'In a crisis or emergency, Communications handles all social-media communication (3.2). Every change is recorded with who made it and when.'))),
      form,
      h('h3', {}, 'Recent changes'),
      c.history.length === 0
        ? h('p', { class: 'empty' }, 'Crisis mode has never been turned on.')
        : h('ul', { class: 'people' }, ...c.history.map((e) => h('li', {}, h('strong', {}, e.action === 'on' ? 'On' : 'Off'), ` · ${e.when} · ${e.by}`, e.publicLine ? ` · “${e.publicLine}”` : ''))),
    );
  }

  // ---------------------------------------------------------------------------
  // Start

  function renderWho() {
    const me = state.me;
    fill($('who'), h('div', { class: 'name' }, me.name), h('div', { class: 'role' }, me.role));
    const banner = $('crisis-banner');
    if (me.crisis.on) {
      fill(banner,
        h('strong', {}, '📣 Crisis communication in progress'),
        h('p', {}, me.crisis.publicLine || ''),
        h('p', {}, "Communications is handling public communication about this; please don't post about it (3.2)."),
      );
      banner.hidden = false;
    } else banner.hidden = true;
  }

  async function loadMe() {
    const res = await json('/me');
    if (!res.ok) throw new Error((res.body && res.body.error) || 'Your profile could not be loaded.');
    state.me = res.body;
    renderWho();
  }

  async function refreshCounts() {
    const res = await json(`/requests${query({ view: 'awaiting', pageSize: 1 })}`);
    if (res.ok && res.body.total !== state.awaitingCount) {
      state.awaitingCount = res.body.total;
      renderTabs();
    }
  }

  async function start() {
    $('detail-close').addEventListener('click', closeDetail);
    $('detail').addEventListener('close', () => {
      if (state.tab === 'mine' || state.tab === 'awaiting' || state.tab === 'all') showList(state.tab).catch(showError);
      if (state.opener && document.contains(state.opener)) state.opener.focus();
    });
    try {
      state.token = await signIn();
    } catch {
      fill($('panel'),
        h('div', { class: 'card' }, h('h2', {}, 'Open this tab in Microsoft Teams'), h('p', {}, 'The oversight tab signs you in with your Teams account. Open PR.708 Helper in Teams and choose the Oversight tab.')),
      );
      return;
    }
    try {
      await loadMe();
      const awaiting = await json(`/requests${query({ view: 'awaiting', pageSize: 1 })}`);
      state.awaitingCount = awaiting.ok ? awaiting.body.total : 0;
      const wanted = new URLSearchParams(window.location.search).get('view');
      const tabs = tabsFor(state.me).map((t) => t.id);
      state.tab = tabs.includes(wanted) ? wanted : state.awaitingCount > 0 ? 'awaiting' : 'mine';
      selectTab(state.tab, false);
    } catch (err) {
      if (err.status === 401) sessionStorage.removeItem('pr708.token');
      showError(err);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
