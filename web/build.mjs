// Builds the browser side into the Python package (src/sitrep/serve/static): one script, one
// stylesheet, the Natural Earth borders and the third-party licences. Run by `make static`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('../src/sitrep/serve/static/');
mkdirSync(out, { recursive: true });

await esbuild.build({
  entryPoints: { app: here('src/main.js') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  legalComments: 'none',
  logLevel: 'info',
});

// Natural Earth 1:110m admin-0 countries as TopoJSON (world-atlas); drawn with topojson-client.
copyFileSync(here('node_modules/world-atlas/countries-110m.json'), `${out}countries-110m.json`);

const licences = [
  ['leaflet', 'LICENSE'],
  ['leaflet.markercluster', 'MIT-LICENCE.txt'],
  ['topojson-client', 'LICENSE'],
  ['world-atlas', 'LICENSE'],
];
const text = licences.map(([name, file]) => {
  const { version } = JSON.parse(readFileSync(here(`node_modules/${name}/package.json`)));
  return `${name} ${version}\n\n${readFileSync(here(`node_modules/${name}/${file}`), 'utf8').trim()}\n`;
});
text.push('countries-110m.json: Natural Earth (naturalearthdata.com) admin-0 countries, 1:110m,\n'
  + 'public domain, as TopoJSON by world-atlas.\n');
writeFileSync(`${out}THIRD-PARTY-LICENSES.txt`, text.join(`\n${'-'.repeat(72)}\n\n`));
