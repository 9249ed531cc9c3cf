// The timeline: events per day as bars stacked by type, drawn as one SVG path per type.
// Dragging across it picks a range of days (the brush), which filters the map and table.

import { colour, typeKeys, typeName } from './types.js';

const SVG = 'http://www.w3.org/2000/svg';
const HEIGHT = 120;
const AXIS = 18;
const DAY_MS = 86400000;

export function createTimeline(svg, { onBrush }) {
  let days = [];
  let first = 0;
  let span = 1;
  let range = null;
  const width = () => svg.clientWidth || 600;

  function render(data, newRange) {
    days = data.days;
    range = newRange;
    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${width()} ${HEIGHT}`);
    if (!days.length) {
      svg.setAttribute('aria-label', 'No dated events');
      return;
    }
    first = toDay(days[0].date);
    span = toDay(days[days.length - 1].date) - first + 1;
    drawBars();
    drawAxis();
    drawBrush();
    svg.setAttribute('aria-label',
      `${data.total.toLocaleString('en')} events from ${days[0].date} to ${days[days.length - 1].date}`);
  }

  function x(day) {
    return ((day - first) / span) * width();
  }

  function drawBars() {
    const top = Math.max(...days.map((day) => total(day.counts)));
    const scale = (HEIGHT - AXIS - 4) / top;
    const barWidth = Math.max(width() / span - (span < 200 ? 1 : 0), 0.6);
    const types = typeKeys();
    const paths = Object.fromEntries(types.map((type) => [type, []]));
    for (const day of days) {
      let base = HEIGHT - AXIS;
      const left = x(toDay(day.date)).toFixed(1);
      for (const type of types) {
        const count = day.counts[type];
        if (!count) continue;
        const height = count * scale;
        base -= height;
        paths[type].push(`M${left} ${base.toFixed(1)}h${barWidth.toFixed(2)}v${height.toFixed(1)}h-${barWidth.toFixed(2)}z`);
      }
    }
    for (const type of types) {
      if (!paths[type].length) continue;
      const path = element('path', { d: paths[type].join(''), fill: colour(type), class: 'bars' });
      path.append(element('title', {}, typeName(type)));
      svg.append(path);
    }
  }

  function drawAxis() {
    const last = days[days.length - 1].date;
    svg.append(
      element('line', { x1: 0, x2: width(), y1: HEIGHT - AXIS, y2: HEIGHT - AXIS, class: 'axis' }),
      element('text', { x: 2, y: HEIGHT - 4, class: 'tick' }, days[0].date),
      element('text', { x: width() - 2, y: HEIGHT - 4, class: 'tick', 'text-anchor': 'end' }, last),
    );
  }

  function drawBrush() {
    const brush = element('rect', { class: 'brush', y: 0, height: HEIGHT - AXIS, x: 0, width: 0 });
    svg.append(brush);
    if (range) place(brush, x(toDay(range.since)), x(toDay(range.until) + 1));
  }

  let start = null;
  svg.addEventListener('pointerdown', (event) => {
    if (!days.length) return;
    start = offset(event);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener('pointermove', (event) => {
    if (start === null) return;
    const brush = svg.querySelector('.brush');
    place(brush, Math.min(start, offset(event)), Math.max(start, offset(event)));
  });
  svg.addEventListener('pointerup', (event) => {
    if (start === null) return;
    const end = offset(event);
    const [from, to] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (to - from < 3) {
      onBrush(null); // a click, not a drag: clear the range
      return;
    }
    onBrush({ since: fromDay(dayAt(from)), until: fromDay(dayAt(to)) });
  });

  function offset(event) {
    const box = svg.getBoundingClientRect();
    return Math.min(Math.max(event.clientX - box.left, 0), box.width) * (width() / box.width);
  }

  function dayAt(px) {
    return first + Math.min(Math.floor((px / width()) * span), span - 1);
  }

  return { render };
}

function place(brush, left, right) {
  brush.setAttribute('x', left.toFixed(1));
  brush.setAttribute('width', Math.max(right - left, 0).toFixed(1));
}

function total(counts) {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

function toDay(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function fromDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function element(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Events in the days of `range` (every day when null), and the undated ones with no range. */
export function countInRange(data, range) {
  if (!range) return data.total;
  return data.days
    .filter((day) => day.date >= range.since && day.date <= range.until)
    .reduce((sum, day) => sum + total(day.counts), 0);
}
