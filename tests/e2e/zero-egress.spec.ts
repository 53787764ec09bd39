import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import ts from 'typescript';
import { menu, modelPicker, showTab } from '../helpers/app';
import { fixturePath, repoRoot } from '../helpers/fixtures';

test('a whole session (import, detect, detect all, tiled TIFF, GeoJSON export, classify, reload) stays on this origin, with no CSP violation', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: { url: string; from: string }[] = [];
  // The context sees the page's, its workers' and the service worker's requests.
  context.on('request', (r) => requests.push({ url: r.url(), from: r.serviceWorker() ? 'service worker' : 'page or worker' }));
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to|CSP violation/.test(m.text())) violations.push(m.text());
  });
  // A blocked pthread script shows up as an uncaught error in its worker, without the words above.
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );

  await page.goto('/');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const chooser = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await chooser).setFiles([fixturePath('astronaut.png'), fixturePath('rocket.jpg')]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 images' })).toBeVisible();

  await page.keyboard.press('r');
  await showTab(page, 'Model output');
  await expect(page.getByRole('list', { name: 'Detections list' })).toContainText('person');
  await page.keyboard.press('Shift+R');
  await expect(page.getByRole('list', { name: 'Images' }).locator('.thumb-run')).toHaveCount(2);

  const tiff = page.waitForEvent('filechooser');
  await menu(page, 'Import', 'Import images…');
  await (await tiff).setFiles(fixturePath('mosaic-utm32n.tif'));
  await page.getByRole('button', { name: /mosaic-utm32n\.tif/ }).click();
  await page.keyboard.press('r');
  await expect(page.getByTestId('result-source')).toContainText('tiled (25 tiles)', { timeout: 120_000 });
  await showTab(page, 'Image');
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: /GeoJSON \(WGS 84\)/ }).click(); // export: a local download, no request
  expect((await exported).suggestedFilename()).toBe('mosaic-utm32n.wgs84.geojson');

  await modelPicker(page).selectOption('content-mobilenetv2');
  await expect(page.getByTestId('engine-status')).toHaveText(/Running on/);
  await page.getByRole('button', { name: 'Classify all' }).click();
  await expect(page.getByRole('list', { name: 'Images' }).locator('.thumb-tag')).toHaveCount(3);

  await page.reload();
  await showTab(page, 'Tags');
  await expect(page.getByRole('list', { name: 'Image tags' })).toBeVisible();

  expect(requests.some((r) => r.from === 'service worker')).toBe(true); // the recording covers the service worker
  expect(requests.some((r) => r.url.endsWith('.wasm'))).toBe(true); // and the inference worker
  const elsewhere = requests.filter(({ url }) => !url.startsWith('data:') && new URL(url).origin !== origin);
  expect(elsewhere).toEqual([]);
  expect(sockets).toEqual([]);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

// URLs in the built code's string literals (comments, such as licence headers, cannot make a request) that are
// not request targets: XML namespaces, and links inside library error messages.
const ALLOWED_IN_CODE = new Set([
  'http://www.w3.org/2000/svg',
  'http://www.w3.org/1998/Math/MathML',
  'http://www.w3.org/1999/xlink',
  'http://www.w3.org/XML/1998/namespace',
  'https://react.dev/errors/',
  'https://bit.ly/wb-precache',
  'https://github.com/geotiffjs/geotiff.js/issues',
  'https://github.com/tensorflow/tfjs/issues',
  'https://github.com/tensorflow/tfjs/issues/1735',
  'https://github.com/tensorflow/tfjs/issues/5447',
  'https://github.com/tensorflow/tfjs-node',
  'https://github.com/tensorflow/tfjs/blob/master/tfjs-backend-wasm/README.md#using-bundlers',
  'https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API',
  'https://emscripten.org/docs/porting/pthreads.html#blocking-on-the-main-browser-thread',
  'https://en.wikipedia.org/wiki/IEEE_754-1985#Representation_of_non-numbers',
  'https://arxiv.org/abs/1706.02515',
  'https://www.shadertoy.com/view/4djSRW',
  // OpenLayers names WGS 84 and Web Mercator by these OGC identifiers too (projection codes, never requested).
  'http://www.opengis.net/def/crs/EPSG/0/3857',
  'http://www.opengis.net/gml/srs/epsg.xml#3857',
  'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
  'http://www.opengis.net/gml/srs/epsg.xml#4326',
  'http://www.opengis.net/def/crs/EPSG/0/4326',
  // Links inside error messages of pmtiles (vector tiles given to a raster layer) and sql.js (a deprecation).
  'https://github.com/protomaps/PMTiles/tree/main/js',
  'https://github.com/sql-js/sql.js/pull/647',
  // exifr: the XMP segment identifiers it compares APP1 headers with, and a link in a console warning.
  'http://ns.adobe.com/',
  'http://ns.adobe.com/xmp/extension/',
  'https://github.com/MikeKovarik/exifr',
  // The bundler's message for a require() of a Node module (exifr reads files that way in Node only).
  'https://rolldown.rs/in-depth/bundling-cjs#require-external-modules',
]);
const URL_RE = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)<>\\]*/gi;

function urlsInCode(file: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) {
      for (const [url] of node.text.matchAll(URL_RE)) if (/^https?:/.test(url) || node.text.startsWith(url)) found.push(url);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS));
  return found;
}

test('the built app names no other origin in its code, HTML, CSS or web manifest', () => {
  const dist = join(repoRoot, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(m?js|html|css|webmanifest)$/.test(f));
  expect(files.some((f) => f.endsWith('sw.js'))).toBe(true);
  const found = files.flatMap((file) => {
    const text = readFileSync(join(dist, file), 'utf8');
    const urls = /\.m?js$/.test(file) ? urlsInCode(file, text) : [...text.matchAll(URL_RE)].map(([url]) => url);
    return urls.filter((url) => !ALLOWED_IN_CODE.has(url)).map((url) => `${file}: ${url}`);
  });
  expect(found).toEqual([]);
});
