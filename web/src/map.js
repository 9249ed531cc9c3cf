// The map: country borders drawn from Natural Earth (shipped with the app), events as points
// coloured by type and clustered, or as the server's grid cells when there are very many.
// Tiles are drawn only when the server was given a tile URL.

import L from './leaflet-global.js';
import 'leaflet.markercluster';
import { feature } from 'topojson-client';
import { getJSON, latestOnly } from './api.js';
import { h } from './dom.js';
import { colour } from './types.js';

const ANTARCTICA = '010'; // ISO 3166-1 numeric, the id in world-atlas
const CREDIT = 'Places: GeoNames (CC BY 4.0) · Borders: Natural Earth (public domain)';

export function createMap(element, { tileUrl, tileAttribution, bordersUrl, onOpen }) {
  const map = L.map(element, { minZoom: 1, maxZoom: 14, worldCopyJump: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(CREDIT);
  if (tileUrl) {
    L.tileLayer(tileUrl, { attribution: escapeText(tileAttribution || '') }).addTo(map);
  }
  map.setView([25, 20], 2);
  const borders = drawBorders(map, bordersUrl, !tileUrl);
  const points = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
  const cells = L.layerGroup();
  points.addTo(map);
  cells.addTo(map);
  const focus = L.layerGroup().addTo(map);
  let filters = {};
  const fetchView = latestOnly((params) => getJSON('/map', params));

  async function load(newFilters = filters) {
    filters = newFilters;
    const bounds = map.getBounds();
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map((value) => value.toFixed(4)).join(',');
    const view = await fetchView({ ...filters, bbox, zoom: map.getZoom() });
    if (!view) return;
    points.clearLayers();
    cells.clearLayers();
    points.addLayers(view.points.map(([id, lat, lon, type]) => point(id, lat, lon, type, onOpen)));
    for (const cell of view.cells) cells.addLayer(cellMarker(map, cell));
    element.dataset.shown = String(view.total);
  }

  /** Rings the open event's place and brings it into view. */
  function show(event) {
    focus.clearLayers();
    const location = event?.location;
    if (!location || location.lat == null) return;
    L.circleMarker([location.lat, location.lon], { radius: 12, color: '#111', weight: 3, fill: false })
      .addTo(focus);
    if (!map.getBounds().contains([location.lat, location.lon])) {
      map.setView([location.lat, location.lon], Math.max(map.getZoom(), 5));
    }
  }

  let timer = null;
  map.on('moveend', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(), 150);
  });
  return { load, show, borders };
}

function point(id, lat, lon, type, onOpen) {
  const marker = L.circleMarker([lat, lon], {
    radius: 6, color: '#ffffff', weight: 1, fillColor: colour(type), fillOpacity: 0.9,
  });
  marker.on('click', () => onOpen(id));
  return marker;
}

/** A grid cell as a cluster icon with its count; a click zooms in on it. */
function cellMarker(map, cell) {
  const size = cell.count < 100 ? 'small' : cell.count < 1000 ? 'medium' : 'large';
  const html = h('div', {}, h('span', {}, cell.count.toLocaleString('en')));
  const icon = L.divIcon({ html, className: `marker-cluster marker-cluster-${size}`, iconSize: [40, 40] });
  const marker = L.marker([cell.lat, cell.lon], { icon, title: `${cell.count} events`, keyboard: false });
  marker.on('click', () => map.setView([cell.lat, cell.lon], Math.min(map.getZoom() + 2, 14)));
  return marker;
}

async function drawBorders(map, url, filled) {
  const response = await fetch(url);
  const world = await response.json();
  const countries = feature(world, world.objects.countries);
  for (const country of countries.features) {
    if (country.id !== ANTARCTICA) country.geometry = unwrapGeometry(country.geometry);
  }
  L.geoJSON(countries, {
    interactive: false,
    style: { color: '#8a8a8a', weight: 0.7, fill: filled, fillColor: '#f3f0e8', fillOpacity: 1 },
  }).addTo(map).bringToBack();
}

/**
 * Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from 180° to -180°, which
 * would draw a band across the whole map: their longitudes are made continuous instead.
 * Antarctica's ring runs along the pole and is left as it is.
 */
function unwrapGeometry(geometry) {
  if (!geometry) return geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const unwrapped = polygons.map((rings) => rings.map(unwrapRing));
  return geometry.type === 'Polygon'
    ? { ...geometry, coordinates: unwrapped[0] }
    : { ...geometry, coordinates: unwrapped };
}

function unwrapRing(ring) {
  let offset = 0;
  let previous = null;
  return ring.map(([lon, lat]) => {
    if (previous !== null) {
      const step = lon + offset - previous;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    previous = lon + offset;
    return [previous, lat];
  });
}

function escapeText(text) {
  const span = document.createElement('span');
  span.textContent = text;
  return span.innerHTML;
}
