// The event view: every field, its sources, claim and counter-claim side by side, and the
// article with each evidence span highlighted. Article text only ever becomes text nodes.

import { getJSON } from './api.js';
import { clear, h, safeLink } from './dom.js';
import { typeName } from './types.js';

/** Shows event `id` in `panel`; resolves to the event (or null when it could not be read). */
export async function showEvent(panel, id) {
  panel.hidden = false;
  const body = panel.querySelector('.detail-body');
  clear(body);
  body.append(h('p', { role: 'status' }, 'Loading the event…'));
  let event;
  let article;
  try {
    event = await getJSON(`/events/${encodeURIComponent(id)}`);
    article = await getJSON(`/articles/${encodeURIComponent(event.article_id)}`);
  } catch (error) {
    clear(body);
    body.append(h('p', { class: 'error', role: 'alert' }, `Could not read the event: ${error.message}`));
    return null;
  }
  const title = panel.querySelector('h2');
  title.textContent = `${typeName(event.type)}${event.date ? `, ${event.date}` : ''}`;
  clear(body);
  body.append(
    fields(event),
    claims(event, article),
    sources(event.cluster),
    statusHistory(event.cluster),
    articleView(article, event.evidence || []),
  );
  title.focus();
  body.querySelector('mark')?.scrollIntoView({ block: 'nearest' });
  return event;
}

function fields(event) {
  const location = event.location || {};
  const fatalities = event.fatalities || {};
  const range = fatalities.low !== fatalities.high ? ` (${fatalities.low}–${fatalities.high})` : '';
  const rows = [
    ['Type', typeName(event.type)],
    ['Sub-event type', event.subtype],
    ['PLOVER', event.plover],
    ['Date', event.date && `${event.date} (${event.date_precision || 'day'})`],
    ['Place', [location.name, location.admin1 && `admin1 ${location.admin1}`, location.country]
      .filter(Boolean).join(', ')],
    ['Place as written', location.text],
    ['Coordinates', location.lat != null && `${location.lat}, ${location.lon} (${location.precision})`],
    ['Actor 1', actor(event.actor1)],
    ['Actor 2', actor(event.actor2)],
    ['Killed', fatalities.best != null && `${fatalities.best}${range}`],
    ['Toll as written', fatalities.text],
    ['Claim status', event.claim?.status],
    ['Background', event.background ? 'yes: summary or history, not a discrete event' : 'no'],
    ['Confidence', event.confidence],
    ['Cluster', event.cluster && `${event.cluster.id} (${event.cluster.status}, ${event.cluster.sources.length} source(s))`],
    ['Event id', event.id],
    ['Article id', event.article_id],
  ];
  return h(
    'section',
    { 'aria-label': 'Fields' },
    h('dl', { class: 'fields' }, rows.flatMap(([name, value]) => [
      h('dt', {}, name),
      h('dd', {}, value === undefined || value === null || value === false || value === '' ? '—' : String(value)),
    ])),
  );
}

function actor(value) {
  if (!value) return null;
  return [value.name, value.kind?.replaceAll('_', ' '), value.country].filter(Boolean).join(', ');
}

/** Who claims it and who disputes it, each with their quotes from the article. */
function claims(event, article) {
  const claim = event.claim || {};
  const reports = event.cluster?.sources || [];
  const quotes = article.quotes || [];
  const claimants = [claim.by, ...reports.filter((r) => r.stance === 'asserts').map((r) => r.claim_by)];
  const deniers = [...(claim.disputed_by || []),
    ...reports.filter((r) => r.stance === 'denies').map((r) => r.claim_by)];
  return h(
    'section',
    { class: 'claims', 'aria-labelledby': 'claims-title' },
    h('h3', { id: 'claims-title' }, 'Claim and counter-claim'),
    h('div', { class: 'sides' },
      side('Claim', claim.by ? `${claim.by}${claim.by_title ? `, ${claim.by_title}` : ''}` : 'No one named: reported',
        unique(claimants), quotes),
      side('Counter-claim', deniers.length ? unique(deniers).join(', ') : 'None reported',
        unique(deniers), quotes)),
  );
}

function side(title, who, speakers, quotes) {
  const said = quotes.filter((quote) => quote.speaker && speakers.includes(quote.speaker));
  return h(
    'div',
    { class: 'side' },
    h('h4', {}, title),
    h('p', {}, who),
    said.map((quote) => h('blockquote', {}, h('p', {}, quote.text),
      h('footer', {}, [quote.speaker, quote.channel, quote.date].filter(Boolean).join(', ')))),
  );
}

function unique(values) {
  return [...new Set(values.filter(Boolean))];
}

function sources(cluster) {
  const reports = cluster?.sources || [];
  return h(
    'section',
    { 'aria-labelledby': 'sources-title' },
    h('h3', { id: 'sources-title' }, `Sources (${reports.length})`),
    h('table', { class: 'sources' },
      h('thead', {}, h('tr', {}, ['Outlet', 'Published', 'Link', 'Claim by', 'Stance']
        .map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, reports.map((report) => h('tr', {},
        h('td', {}, report.outlet || '—'),
        h('td', {}, report.published || '—'),
        h('td', {}, report.url ? safeLink(report.url) : '—'),
        h('td', {}, report.claim_by || '—'),
        h('td', {}, report.stance || '—'))))),
  );
}

/** Every change of the cluster's status: since when, which report brought it, by whom. */
function statusHistory(cluster) {
  const changes = cluster?.history || [];
  if (!changes.length) return null;
  return h(
    'section',
    { 'aria-labelledby': 'history-title' },
    h('h3', { id: 'history-title' }, 'Status history'),
    h('table', { class: 'history' },
      h('thead', {}, h('tr', {}, ['Status', 'Since', 'By', 'Article']
        .map((name) => h('th', { scope: 'col' }, name)))),
      h('tbody', {}, changes.map((change) => h('tr', {},
        h('td', {}, change.status),
        h('td', {}, change.since || 'undated'),
        h('td', {}, change.by || '—'),
        h('td', {}, change.article_id))))),
  );
}

function articleView(record, evidence) {
  const article = record.article || {};
  const source = article.source || {};
  const meta = [source.outlet, article.published].filter(Boolean).join(', ');
  return h(
    'section',
    { class: 'article', 'aria-labelledby': 'article-title' },
    h('h3', { id: 'article-title' }, article.title || 'Article'),
    h('p', { class: 'meta' }, meta, source.url ? [' — ', safeLink(source.url)] : null),
    h('div', { class: 'story' }, storyParagraphs(article.text || '', article.body, evidence)),
    captions(article.captions || []),
  );
}

/** The story's paragraphs (captions left out) with every evidence span in a <mark>. */
export function storyParagraphs(text, body, evidence) {
  const paragraphs = body?.length ? body : blankLineParagraphs(text);
  return paragraphs.map(({ start, end }) => {
    const p = h('p');
    let at = start;
    for (const span of [...evidence].sort((a, b) => a.start - b.start)) {
      const from = Math.max(span.start, start);
      const to = Math.min(span.end, end);
      if (from >= to || from < at) continue;
      p.append(text.slice(at, from), h('mark', { class: 'evidence' }, text.slice(from, to)));
      at = to;
    }
    p.append(text.slice(at, end));
    return p;
  });
}

function blankLineParagraphs(text) {
  const paragraphs = [];
  const pattern = /[^\n]+(?:\n[^\n]+)*/g;
  for (let match; (match = pattern.exec(text)) !== null;) {
    paragraphs.push({ start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
}

function captions(list) {
  if (!list.length) return null;
  return h(
    'aside',
    { class: 'captions', 'aria-labelledby': 'captions-title' },
    h('h4', { id: 'captions-title' }, 'Photo captions (kept apart from the story)'),
    h('ul', {}, list.map((caption) => h('li', {},
      h('p', {}, caption.text),
      h('p', { class: 'meta' }, [caption.credit, caption.date, caption.count > 1 && `shown ${caption.count} times`]
        .filter(Boolean).join(' · '))))),
  );
}
