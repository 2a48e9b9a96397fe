// Runs clients nobody on this project wrote against the emulator: @mapbox/mapbox-sdk for the Uploads API
// and @aws-sdk/client-s3 for staging. Any surprise exits non-zero with a line saying what it was.
//
//   EMULATOR_URL=http://127.0.0.1:5799/ EMULATOR_TOKEN=sk.... node conformance.mjs
//
// The emulator must list 2 uploads per page (EmulatorOptions.DefaultListLimit = 2), since the SDK's
// listUploads cannot send a limit, and must finish processing within the polling bound below.
import mbxClient from '@mapbox/mapbox-sdk';
import mbxUploads from '@mapbox/mapbox-sdk/services/uploads.js';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const UPLOAD_COUNT = 5;
const MIN_PAGES = 3;
const MAX_POLLS = 100;
const POLL_INTERVAL_MS = 100;
const MAX_PAGES = 20;
const WATCHDOG_MS = 90_000;

const origin = required('EMULATOR_URL').replace(/\/$/, '');
const accessToken = required('EMULATOR_TOKEN');
const username = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8')).u;
const uploads = mbxUploads(mbxClient({ accessToken, origin }));

setTimeout(() => fail(`did not finish within ${WATCHDOG_MS} ms`), WATCHDOG_MS).unref();

try {
  await main();
  console.log('conformance: ok');
} catch (error) {
  fail(error?.stack ?? String(error));
}

async function main() {
  const credentials = (await uploads.createUploadCredentials().send()).body;
  for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken', 'bucket', 'key', 'url']) {
    expect(typeof credentials[field] === 'string' && credentials[field].length > 0, `credentials.${field} is a non-empty string`);
  }
  expect(credentials.key.startsWith(`_pending/${username}/`), `the key is under _pending/${username}/`);

  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: origin,
    forcePathStyle: true,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
  });
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }] });
  const put = await s3.send(new PutObjectCommand({ Bucket: credentials.bucket, Key: credentials.key, Body: geojson }));
  expect(typeof put.ETag === 'string' && put.ETag.length > 2, 'PutObject answers an ETag');

  const created = [];
  for (let index = 0; index < UPLOAD_COUNT; index++) {
    const response = await uploads.createUpload({ tileset: `${username}.conformance${index}`, url: credentials.url, name: `Conformance ${index}` }).send();
    expect(response.statusCode === 201, `createUpload answers 201, not ${response.statusCode}`);
    expect(/^[a-z0-9]{25}$/.test(response.body.id), `upload id ${response.body.id} is 25 lowercase letters and digits`);
    created.push(response.body.id);
  }

  for (const uploadId of created) {
    const upload = await pollUntilComplete(uploadId);
    expect(upload.error === null, `upload ${uploadId} has no error`);
    expect(upload.progress === 1, `upload ${uploadId} reached progress 1`);
  }

  const missing = await uploads.getUpload({ uploadId: 'cnotanuploadidnotanupload' }).send().then(
    () => null,
    (error) => error);
  expect(missing?.statusCode === 404, 'getUpload of an unknown id rejects with a 404 MapiError');

  const newestFirst = await listAllPages({});
  expect(JSON.stringify(newestFirst.ids) === JSON.stringify([...created].reverse()), `listUploads pages newest first: ${newestFirst.ids}`);
  expect(newestFirst.pages >= MIN_PAGES, `listUploads spans ${MIN_PAGES}+ pages (got ${newestFirst.pages})`);

  const oldestFirst = await listAllPages({ reverse: true });
  expect(JSON.stringify(oldestFirst.ids) === JSON.stringify(created), `listUploads reverse pages oldest first: ${oldestFirst.ids}`);

  for (const uploadId of created) {
    const response = await uploads.deleteUpload({ uploadId }).send();
    expect(response.statusCode === 204, `deleteUpload answers 204, not ${response.statusCode}`);
  }
  const afterDelete = await listAllPages({});
  expect(afterDelete.ids.length === 0, 'no upload is listed after deleting them all');
}

async function pollUntilComplete(uploadId) {
  for (let poll = 0; poll < MAX_POLLS; poll++) {
    const upload = (await uploads.getUpload({ uploadId }).send()).body;
    expect(upload.id === uploadId, `getUpload answers upload ${uploadId}`);
    if (upload.complete || upload.error !== null) {
      return upload;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`upload ${uploadId} did not complete within ${MAX_POLLS} polls`);
}

function listAllPages(config) {
  return new Promise((resolve, reject) => {
    const ids = [];
    let pages = 0;
    uploads.listUploads(config).eachPage((error, response, next) => {
      if (error) {
        reject(error);
        return;
      }
      pages++;
      ids.push(...response.body.map((upload) => upload.id));
      if (pages > MAX_PAGES) {
        reject(new Error(`more than ${MAX_PAGES} pages`));
      } else if (response.hasNextPage()) {
        next();
      } else {
        resolve({ ids, pages });
      }
    });
  });
}

function expect(condition, what) {
  if (!condition) {
    throw new Error(`expected: ${what}`);
  }
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    fail(`set ${name}`);
  }
  return value;
}

function fail(message) {
  console.error(`conformance: FAILED: ${message}`);
  process.exit(1);
}
