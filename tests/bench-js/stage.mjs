// Stages one file the way a @mapbox/mapbox-sdk user does after createUploadCredentials(): with the AWS SDK for
// JavaScript v3 and its defaults, pointed at a path-style endpoint. Prints one RESULT line; build/bench.sh times it.
// Usage: node stage.mjs <endpoint> <file> single|multipart
import { createReadStream, statSync } from "node:fs";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

const [endpoint, file, mode] = process.argv.slice(2);
if (!endpoint || !file || !["single", "multipart"].includes(mode)) {
  console.error("usage: node stage.mjs <endpoint> <file> single|multipart");
  process.exit(2);
}

const client = new S3Client({
  endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  credentials: { accessKeyId: "ASIABENCHMARK", secretAccessKey: "bench-secret", sessionToken: "bench-session" },
});
const params = { Bucket: "bench-bucket", Key: `_pending/bench/js-${mode}-${process.pid}`, Body: createReadStream(file) };
const bytes = statSync(file).size;

const started = process.hrtime.bigint();
if (mode === "single") {
  await client.send(new PutObjectCommand({ ...params, ContentLength: bytes }));
} else {
  // lib-storage's defaults (5 MiB parts, 4 in flight), as the SDK's README shows them.
  await new Upload({ client, params }).done();
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`RESULT js mode=${mode} bytes=${bytes} seconds=${seconds.toFixed(3)} mib_per_s=${(bytes / 1048576 / seconds).toFixed(0)}`);
