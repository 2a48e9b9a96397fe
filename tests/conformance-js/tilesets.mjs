// Runs @mapbox/mapbox-sdk's tilesets service, which nobody on this project wrote, against the emulator's Tiling
// Service routes: create source (see below for the SDK's own bug there), validate recipe, create tileset, publish, job until success, list jobs and
// sources, delete. Any surprise exits non-zero with a line saying what it was.
//
//   EMULATOR_URL=http://127.0.0.1:5799/ EMULATOR_TOKEN=sk.... node tilesets.mjs
//
// The token needs tilesets:write, tilesets:read and tilesets:list; jobs must finish within the polling bound.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mbxClient from '@mapbox/mapbox-sdk';
import mbxTilesets from '@mapbox/mapbox-sdk/services/tilesets.js';

const MAX_POLLS = 100;
const POLL_INTERVAL_MS = 100;
const WATCHDOG_MS = 90_000;

const origin = required('EMULATOR_URL').replace(/\/$/, '');
const accessToken = required('EMULATOR_TOKEN');
const username = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')).u;
const tilesets = mbxTilesets(mbxClient({ accessToken, origin }));
const folder = mkdtempSync(join(tmpdir(), 'mts-conformance-'));

setTimeout(() => fail(`did not finish within ${WATCHDOG_MS} ms`), WATCHDOG_MS).unref();

try {
  await main();
  console.log('tilesets conformance: ok');
} catch (error) {
  fail(error?.stack ?? `${error?.type} ${error?.statusCode} ${error?.request?.method} ${error?.request?.path} ${JSON.stringify(error?.body)}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

async function main() {
  const feature = { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [13.4, 52.5] } };
  const file = join(folder, 'roads.ldgeojson');
  writeFileSync(file, `${JSON.stringify(feature)}\n${JSON.stringify(feature)}\n`);

  // SDK 0.16.2 sends the form empty (mapbox-sdk-js #486); the service's documented answer to that is checked, and the
  // file then goes up as the SDK meant to send it: multipart/form-data with one part named "file".
  const sdkAttempt = await tilesets.createTilesetSource({ id: 'roads', file }).send().catch(error => error);
  expect(sdkAttempt.statusCode === 400 && /Expected 1 file named "file"/.test(sdkAttempt.body?.message ?? ''),
    `an empty source form answers 400 naming the "file" field: ${sdkAttempt.statusCode} ${JSON.stringify(sdkAttempt.body)}`);
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), 'roads.ldgeojson');
  const posted = await fetch(`${origin}/tilesets/v1/sources/${username}/roads?access_token=${encodeURIComponent(accessToken)}`, { method: 'POST', body: form });
  expect(posted.status === 200, `creating the source answers 200, not ${posted.status}`);
  const source = await posted.json();
  expect(source.id === `mapbox://tileset-source/${username}/roads`, `the source id is its URI, not ${source.id}`);
  expect(source.files === 1, `the source holds 1 file, not ${source.files}`);

  const recipe = { version: 1, layers: { roads: { source: source.id, minzoom: 0, maxzoom: 5 } } };
  const validation = (await tilesets.validateRecipe({ recipe }).send()).body;
  expect(validation.valid === true, `the recipe is valid: ${JSON.stringify(validation)}`);

  const tilesetId = `${username}.conformance`;
  await tilesets.createTileset({ tilesetId, recipe, name: 'Conformance' }).send();
  const published = (await tilesets.publishTileset({ tilesetId }).send()).body;
  expect(typeof published.jobId === 'string' && published.jobId.length > 0, 'publish answers a jobId');

  let job;
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    job = (await tilesets.tilesetJob({ tilesetId, jobId: published.jobId }).send()).body;
    if (['success', 'failed', 'superseded'].includes(job.stage)) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  expect(job.stage === 'success', `the job succeeds: ${JSON.stringify(job)}`);

  const jobs = (await tilesets.listTilesetJobs({ tilesetId }).send()).body;
  expect(jobs.some(listed => listed.id === published.jobId), 'the job is listed');
  const sources = (await tilesets.listTilesetSources().send()).body;
  expect(sources.some(listed => listed.id === source.id), 'the source is listed');
  const queue = (await tilesets.getTilesetsQueue().send()).body;
  expect(Number.isInteger(queue.total), 'the queue has a total');

  await tilesets.deleteTileset({ tilesetId }).send();
  const deleted = await tilesets.deleteTilesetSource({ id: 'roads' }).send();
  expect(deleted.statusCode === 204, `deleting the source answers 204, not ${deleted.statusCode}`);
}

function expect(condition, what) {
  if (!condition) {
    throw new Error(`expected: ${what}`);
  }
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    fail(`${name} is not set`);
  }
  return value;
}

function fail(message) {
  console.error(`tilesets conformance: ${message}`);
  process.exit(1);
}
