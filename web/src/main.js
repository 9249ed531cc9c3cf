// The page: filters drive the map, the timeline and the table; a row or a point opens the
// event view. Filters live in the page's query string, the open event in its hash.

import './style.css';
import { showEvent } from './detail.js';
import { getJSON } from './api.js';
import { createMap } from './map.js';
import { createTable, markOpen } from './table.js';
import { countInRange, createTimeline } from './timeline.js';
import { colour } from './types.js';
import { setupUpload } from './upload.js';

const form = document.getElementById('filters');
const panel = document.getElementById('detail');
const tbody = document.querySelector('#event-table tbody');
const count = document.getElementById('event-count');
const config = document.body.dataset;
let opener = null;

const table = createTable({
  tbody,
  more: document.getElementById('more'),
  status: document.getElementById('table-status'),
  onOpen: openEvent,
});
const timeline = createTimeline(document.getElementById('timeline'), { onBrush: setRange });
const map = createMap(document.getElementById('map'), {
  tileUrl: config.tileUrl,
  tileAttribution: config.tileAttribution,
  bordersUrl: config.borders,
  onOpen: openEvent,
});

/** The filters set in the form, without the empty ones. */
function filters() {
  const values = {};
  for (const [name, value] of new FormData(form)) if (value) values[name] = value;
  return values;
}

async function refresh() {
  const all = filters();
  const { since, until, ...undated } = all;
  history.replaceState(null, '', `?${new URLSearchParams(all)}${location.hash}`);
  const range = since || until ? { since: since || '0000-01-01', until: until || '9999-12-31' } : null;
  try {
    const [days] = await Promise.all([
      getJSON('/timeline', undated),
      table.load(all),
      map.load(all),
    ]);
    timeline.render(days, range);
    count.textContent = `(${countInRange(days, range).toLocaleString('en')})`;
  } catch (error) {
    document.getElementById('table-status').textContent = `Could not read the store: ${error.message}`;
  }
}

function setRange(range) {
  form.elements.since.value = range ? range.since : '';
  form.elements.until.value = range ? range.until : '';
  refresh();
}

async function openEvent(id, row) {
  opener = row || tbody.querySelector(`tr[data-id="${CSS.escape(id)}"]`) || null;
  history.replaceState(null, '', `${location.search}#event=${encodeURIComponent(id)}`);
  markOpen(tbody, id);
  const event = await showEvent(panel, id);
  if (event) map.show(event);
}

function closeEvent() {
  panel.hidden = true;
  markOpen(tbody, null);
  history.replaceState(null, '', location.search || location.pathname);
  opener?.focus();
}

function restore() {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of params) if (form.elements[name]) form.elements[name].value = value;
  const match = /^#event=(.+)$/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

let typing = null;
form.addEventListener('input', (event) => {
  clearTimeout(typing);
  typing = setTimeout(refresh, event.target.type === 'search' ? 300 : 0);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  refresh();
});
form.addEventListener('reset', () => setTimeout(refresh, 0));
panel.querySelector('.close').addEventListener('click', closeEvent);
panel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') closeEvent();
});
if (config.writes === 'on') {
  setupUpload({
    dialog: document.getElementById('upload'),
    opener: document.getElementById('upload-open'),
    maxBytes: Number(config.maxUpload),
    onStored: (result) => {
      refresh();
      if (result.event_ids.length) openEvent(result.event_ids[0]);
    },
  });
}

for (const swatch of document.querySelectorAll('.legend .swatch')) {
  swatch.style.backgroundColor = colour(swatch.dataset.type);
}

const initial = restore();
refresh().then(() => {
  document.body.dataset.ready = 'true';
  performance.mark('sitrep-ready');
});
if (initial) openEvent(initial);
