// Renders resources/icon.svg into out/icons (run by `npm run build`, `start` and `dist`):
//   tray{,Low,Failing}Template.png (+@2x): black + alpha, which macOS tints for light and dark menu bars;
//   tray{,Low,Failing}.png (+@2x): coloured tiles for Windows and Linux panels;
//   icon.png: the 1024 px app icon, from which electron-builder derives .icns and .ico.
// The state shows as both a colour and a badge (a dot for low, a cross for failing), so it reads in a
// monochrome menu bar and without colour vision.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const root = join(import.meta.dirname, '..');
const source = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8');
const outDir = join(root, 'out', 'icons');
const TILE = { normal: '#108962', low: '#b26a00', failing: '#c5221f' };

/** Sets one attribute of the element with the given id (attributes follow the id in icon.svg). */
function set(svg, id, attribute, value) {
  const pattern = new RegExp(`(id="${id}"[^>]*?\\s${attribute}=")[^"]*(")`);
  if (!pattern.test(svg)) throw new Error(`icon.svg has no ${attribute} on #${id}`);
  return svg.replace(pattern, `$1${value}$2`);
}

function variant(state, template) {
  const ink = template ? '#000000' : '#ffffff';
  let svg = set(source, 'tile', 'opacity', template ? '0' : '1');
  svg = set(svg, 'tile', 'fill', TILE[state]);
  svg = set(svg, 'bars', 'fill', ink);
  svg = set(svg, 'badge-low', 'fill', ink);
  svg = set(svg, 'badge-failing', 'stroke', ink);
  svg = set(svg, 'badge-low', 'opacity', state === 'low' ? '1' : '0');
  return set(svg, 'badge-failing', 'opacity', state === 'failing' ? '1' : '0');
}

function render(svg, size, file) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(join(outDir, file), png);
}

mkdirSync(outDir, { recursive: true });
for (const state of ['normal', 'low', 'failing']) {
  const suffix = state === 'normal' ? '' : state[0].toUpperCase() + state.slice(1);
  for (const template of [true, false]) {
    const name = `tray${suffix}${template ? 'Template' : ''}`;
    render(variant(state, template), 16, `${name}.png`);
    render(variant(state, template), 32, `${name}@2x.png`);
  }
}
render(variant('normal', false), 1024, 'icon.png');
process.stdout.write(`Rendered the tray and app icons into ${outDir}\n`);
