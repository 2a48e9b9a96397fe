// A loopback S3 in another language than the Kestrel one (discard-s3 in the Benchmarks project): node's http
// module answers PUT object and the multipart calls with S3-shaped XML and ETags, and drops every body as it
// arrives. It checks no signature and no checksum. Prints "Listening on http://127.0.0.1:PORT/", then one
// "object <key> bytes=N" line per object (a PUT, or a completed multipart upload) so a run can be checked whole.
// Usage: node discard-s3.mjs [--minutes N]   (it exits after N minutes, 60 by default)
import { createServer } from "node:http";

const minutes = Number(process.argv[process.argv.indexOf("--minutes") + 1] || 60);
const ns = "http://s3.amazonaws.com/doc/2006-03-01/";
const multipartBytes = new Map();
let nextTag = 0;

const xml = (res, body) => {
  res.writeHead(200, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
};

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  const key = decodeURIComponent(url.pathname.slice(1));
  const uploadId = url.searchParams.get("uploadId");
  let bytes = 0;
  req.on("data", (chunk) => { bytes += chunk.length; });
  req.on("end", () => {
    if (req.method === "POST" && url.searchParams.has("uploads")) {
      const id = `upload-${++nextTag}`;
      multipartBytes.set(id, 0);
      xml(res, `<InitiateMultipartUploadResult xmlns="${ns}"><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    } else if (req.method === "PUT" && uploadId) {
      multipartBytes.set(uploadId, (multipartBytes.get(uploadId) ?? 0) + bytes);
      res.writeHead(200, { etag: `"part-${++nextTag}"` });
      res.end();
    } else if (req.method === "PUT") {
      console.log(`object ${key} bytes=${bytes}`);
      res.writeHead(200, { etag: `"object-${++nextTag}"` });
      res.end();
    } else if (req.method === "POST" && uploadId) {
      console.log(`object ${key} bytes=${multipartBytes.get(uploadId) ?? 0}`);
      multipartBytes.delete(uploadId);
      xml(res, `<CompleteMultipartUploadResult xmlns="${ns}"><Key>${key}</Key><ETag>"done-${++nextTag}"</ETag></CompleteMultipartUploadResult>`);
    } else if (req.method === "DELETE" && uploadId) {
      multipartBytes.delete(uploadId);
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(405);
      res.end();
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(`Listening on http://127.0.0.1:${server.address().port}/`);
  setTimeout(() => process.exit(0), minutes * 60_000).unref();
});
