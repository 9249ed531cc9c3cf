// The event table: newest first, a page at a time, every row reachable by keyboard.

import { getJSON, latestOnly } from './api.js';
import { clear, h } from './dom.js';
import { colour, typeName } from './types.js';

const PAGE = 100;

export function createTable({ tbody, more, status, onOpen }) {
  let filters = {};
  let next = null;
  const fetchPage = latestOnly((params) => getJSON('/events', params));

  async function load(newFilters) {
    filters = newFilters;
    status.textContent = 'Loading events…';
    const page = await fetchPage({ ...filters, limit: PAGE });
    if (!page) return;
    clear(tbody);
    show(page);
  }

  async function loadMore() {
    const page = await fetchPage({ ...filters, limit: PAGE, offset: next });
    if (page) show(page);
  }

  function show(page) {
    for (const event of page.items) tbody.append(row(event));
    next = page.next;
    more.hidden = next === null;
    const shown = tbody.rows.length;
    status.textContent = shown ? '' : 'No event matches these filters.';
  }

  function row(event) {
    const location = event.location || {};
    const place = [location.name || location.text, location.country].filter(Boolean).join(', ');
    const actors = [event.actor1?.name, event.actor2?.name].filter(Boolean).join(' — ');
    const killed = event.fatalities?.best;
    const open = () => onOpen(event.id, tr);
    const tr = h(
      'tr',
      { tabindex: 0, 'data-id': event.id, onclick: open, onkeydown: (e) => key(e, tr, open) },
      h('td', {}, event.date || '—'),
      h('td', {}, h('span', { class: 'swatch', 'aria-hidden': 'true', 'data-type': event.type }),
        typeName(event.type)),
      h('td', {}, place || '—'),
      h('td', {}, actors || '—'),
      h('td', { class: 'number' }, killed ?? ''),
      h('td', {}, event.cluster?.status || ''),
      h('td', { class: 'evidence' }, h('div', { class: 'clamp' }, event.evidence_text || '')),
    );
    tr.querySelector('.swatch').style.backgroundColor = colour(event.type);
    return tr;
  }

  more.addEventListener('click', loadMore);
  return { load };
}

/** Enter or Space opens a row; the arrow keys move between rows. */
function key(event, tr, open) {
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open();
  } else if (event.key === 'ArrowDown' && tr.nextElementSibling) {
    event.preventDefault();
    tr.nextElementSibling.focus();
  } else if (event.key === 'ArrowUp' && tr.previousElementSibling) {
    event.preventDefault();
    tr.previousElementSibling.focus();
  }
}

/** Marks the row of the event that is open. */
export function markOpen(tbody, id) {
  for (const tr of tbody.rows) {
    if (tr.dataset.id === id) tr.setAttribute('aria-current', 'true');
    else tr.removeAttribute('aria-current');
  }
}
