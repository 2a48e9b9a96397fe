"""An independent stand-in for the Mapbox Uploads API, written from shared/docs/uploads-api.md alone.

It shares nothing with src/Mapbox.Uploads.Emulator (different language, different authors' choices where the
contract leaves room) so that the product can be checked against a second reading of the contract. Staging goes
to a real moto_server started as a child process with IAM auth enforced: the credentials handed out come from
STS AssumeRole and every S3 request the client makes is SigV4-checked by moto.

    python3 service.py [--user alice] [--other-user bob] [--processing-seconds 2] [--rate-limit 60]
                       [--list-default 20] [--page-cap 100] [--mts-window 60] [--mts-processing-seconds 1]
                       [--max-lifetime 1800]

The Tiling Service routes (/tilesets/v1/...) live in tilesets.py, written from issue 14's facts alone.

Prints `Listening on http://127.0.0.1:PORT/`, `Token: ...` (the main user's token, all uploads and tilesets scopes), then
`Token-other: ...` (another account's token) and `Token-nolist: ...` (main user, no uploads:list) on stdout.
Stops moto on SIGTERM/SIGINT, when its parent goes away, or after --max-lifetime seconds.

Choices where the contract leaves room (each the other one than our emulator's, where it has one):
- a busy tileset answers 409 (never 422), with a message that says neither "busy" nor "processing";
- the list's `Link` next URL is RELATIVE and carries no access_token; the default page size is 20; with
  --page-cap N a page holds at most N uploads even when `limit` asks for more (a short page is not the end);
- a failed upload has `complete: false` and `error` set;
- delete of an incomplete upload answers 400 `{"message":"upload is incomplete"}`.
Rule: a tileset whose id starts with `fail-` fails processing with `Failed to parse geojson feature`.

Test-only routes (no token, not counted, not rate limited), under /_test/: `objects` (sha256, size and ETag of every
staged object and the keys of open multipart uploads, read from moto), `stats` (API requests seen), `uploads`
(every upload record), `hold?tileset=` / `release?tileset=` (keep a tileset's uploads processing until released),
`tilesets` (the Tiling Service side: see tilesets.py).
"""
import argparse
import base64
import collections
import hashlib
import hmac
import json
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

import boto3
from botocore.config import Config
from flask import Flask, Response, request
from werkzeug.serving import make_server

import tilesets

LOOPBACK = "127.0.0.1"
BUCKET = "independent-tilesets-staging"
ACCOUNT = "123456789012"
IAM_USER = "uploads-service"
ROLE = "uploads-staging"
ID_ALPHABET = string.ascii_lowercase + string.digits
TILESET_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
PROCESSING_ERROR = "Failed to parse geojson feature"
ALL_SCOPES = frozenset({"uploads:write", "uploads:read", "uploads:list", "tilesets:write", "tilesets:read", "tilesets:list"})
BOTO_CONFIG = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=30)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def rfc3339(moment):
    return datetime.fromtimestamp(moment, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(moment * 1000) % 1000:03d}Z"


class Moto:
    """A moto_server child process with auth enforced after the five setup calls made here."""

    def __init__(self):
        self.port = free_port()
        self.endpoint = f"http://{LOOPBACK}:{self.port}"
        environment = dict(os.environ, INITIAL_NO_AUTH_ACTION_COUNT="5")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", LOOPBACK, "-p", str(self.port)],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_listening(30)
        self._setup()

    def _wait_listening(self, bound_seconds):
        deadline = time.monotonic() + bound_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited with {self.process.returncode} before listening")
            try:
                with socket.create_connection((LOOPBACK, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"moto_server did not listen on {self.port} within {bound_seconds} s")

    def client(self, service, **credentials):
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1", config=BOTO_CONFIG, **credentials)

    def _setup(self):
        # Exactly five unauthenticated calls; moto checks SigV4 (and session tokens) on every request after them.
        anonymous = dict(aws_access_key_id="AKIAINDEPENDENTSETUP", aws_secret_access_key="setup")
        iam = self.client("iam", **anonymous)
        iam.create_user(UserName=IAM_USER)
        key = iam.create_access_key(UserName=IAM_USER)["AccessKey"]
        allow_all = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "s3:*"], "Resource": "*"}]}
        iam.put_user_policy(UserName=IAM_USER, PolicyName="service", PolicyDocument=json.dumps(allow_all))
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/{IAM_USER}"}, "Action": "sts:AssumeRole"}]}
        self.role_arn = iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        write_only = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": f"arn:aws:s3:::{BUCKET}/*"}]}
        iam.put_role_policy(RoleName=ROLE, PolicyName="staging", PolicyDocument=json.dumps(write_only))
        self.user = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
        self.s3 = self.client("s3", **self.user)
        self.sts = self.client("sts", **self.user)
        self.s3.create_bucket(Bucket=BUCKET)

    def assume_role(self):
        return self.sts.assume_role(RoleArn=self.role_arn, RoleSessionName=f"upload-{secrets.token_hex(4)}", DurationSeconds=900)["Credentials"]

    def exists(self, key):
        try:
            self.s3.head_object(Bucket=BUCKET, Key=key)
            return True
        except self.s3.exceptions.ClientError:
            return False

    def objects(self):
        found = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for item in page.get("Contents", []):
                body = self.s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"]
                digest = hashlib.sha256()
                for chunk in iter(lambda: body.read(1 << 20), b""):
                    digest.update(chunk)
                found.append({"key": item["Key"], "size": item["Size"], "sha256": digest.hexdigest(), "etag": item["ETag"].strip('"')})
        open_uploads = [u["Key"] for u in self.s3.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])]
        return {"bucket": BUCKET, "objects": found, "openMultipartUploads": open_uploads}

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


class Tokens:
    """Tokens this service minted: `sk.` + base64url JSON {"u","a"} + `.` + HMAC signature; scopes kept here."""

    def __init__(self):
        self._secret = secrets.token_bytes(32)
        self._known = {}

    def mint(self, user, scopes=ALL_SCOPES):
        payload = b64url(json.dumps({"u": user, "a": secrets.token_hex(6)}, separators=(",", ":")).encode())
        signature = b64url(hmac.new(self._secret, payload.encode(), hashlib.sha256).digest()[:16])
        token = f"sk.{payload}.{signature}"
        self._known[token] = (user, frozenset(scopes))
        return token

    def lookup(self, token):
        return self._known.get(token)


class Service:
    def __init__(self, args, moto):
        self.args = args
        self.moto = moto
        self.tokens = Tokens()
        self.lock = threading.Lock()
        self.uploads = {}          # id -> record
        self.order = []            # ids, oldest first
        self.held = set()          # tilesets whose uploads do not finish until released
        self.issued_keys = set()   # keys handed out by the credentials route
        self.stats = collections.Counter()
        self.windows = {}          # user -> (window start, count)
        self.tilesets = tilesets.Tilesets(args)

    # --- uploads -------------------------------------------------------------------------------------------
    def refresh(self, record, now):
        """Moves a record's processing on to `now` (the service is lazy: status is computed when read)."""
        if record["complete"] or record["error"] is not None:
            return
        if record["tileset"] in self.held:
            record["ready_at"] = None
            record["progress"] = min(record["progress"], 0.5)
            return
        if record["ready_at"] is None:
            record["ready_at"] = now + self.args.processing_seconds
        total = max(record["ready_at"] - record["started"], 1e-6)
        if now >= record["ready_at"]:
            record["modified"] = now
            if record["tileset"].split(".", 1)[1].startswith("fail-"):
                record["error"] = PROCESSING_ERROR
                record["complete"] = False
            else:
                record["complete"] = True
                record["progress"] = 1
        else:
            progress = round(max(0.0, min(0.99, (now - record["started"]) / total)), 3)
            if progress != record["progress"]:
                record["progress"] = progress
                record["modified"] = now

    @staticmethod
    def public(record):
        return {
            "id": record["id"], "tileset": record["tileset"], "name": record["name"], "owner": record["owner"],
            "complete": record["complete"], "progress": record["progress"], "error": record["error"],
            "created": rfc3339(record["created"]), "modified": rfc3339(record["modified"]),
        }


def build_app(service):
    app = Flask("independent-uploads")
    args = service.args
    tilesets.register(app, service.tilesets)

    def message(status, text, headers=None):
        return Response(json.dumps({"message": text}), status=status, mimetype="application/json", headers=headers or {})

    def body(status, value, headers=None):
        return Response(json.dumps(value), status=status, mimetype="application/json", headers=headers or {})

    @app.before_request
    def check():
        request.environ["mbx.route"] = None
        if request.path.startswith("/_test/"):
            return None
        route = route_of(request.method, request.path)
        service.stats["requests"] += 1
        service.stats[f"route:{route}"] += 1
        request.environ["mbx.route"] = route
        token = request.args.get("access_token")
        if not token:
            return message(401, "Not Authorized - No Token")
        known = service.tokens.lookup(token)
        if known is None:
            return message(401, "Not Authorized - Invalid Token")
        user, scopes = known
        request.environ["mbx.user"] = user
        if route == "tilesets":
            return service.tilesets.check(user, scopes)
        # Rate limit per account: a fixed window of 60 s.
        now = time.time()
        with service.lock:
            start, count = service.windows.get(user, (now, 0))
            if now - start >= 60:
                start, count = now, 0
            count += 1
            service.windows[user] = (start, count)
        request.environ["mbx.rate"] = (start, count)
        if args.rate_limit > 0 and count > args.rate_limit:
            return message(429, "Too Many Requests")
        parts = request.path.strip("/").split("/")
        if len(parts) >= 3 and parts[2] != user:
            return message(403, "Forbidden")
        needed = {"credentials": "uploads:write", "create": "uploads:write", "delete": "uploads:write",
                  "status": "uploads:read", "list": "uploads:list"}.get(route)
        if needed and needed not in scopes:
            return message(403, f"This endpoint requires a token with {needed} scope")
        return None

    @app.after_request
    def rate_headers(response):
        route = request.environ.get("mbx.route")
        if route is not None:
            service.stats[f"status:{route}:{response.status_code}"] += 1
            start, count = request.environ.get("mbx.rate", (time.time(), 0))
            limit, window = request.environ.get("mbx.rate.limit", (args.rate_limit if args.rate_limit > 0 else 100000, 60))
            response.headers["X-Rate-Limit-Interval"] = str(int(window))
            response.headers["X-Rate-Limit-Limit"] = str(limit)
            response.headers["X-Rate-Limit-Reset"] = str(int(start + window))
        return response

    def route_of(method, path):
        parts = path.strip("/").split("/")
        if parts[:2] == ["tilesets", "v1"] and len(parts) >= 3:
            return "tilesets"
        if len(parts) < 3 or parts[0] != "uploads" or parts[1] != "v1":
            return "unknown"
        if len(parts) == 3:
            return {"POST": "create", "GET": "list"}.get(method, "unknown")
        if len(parts) == 4 and parts[3] == "credentials":
            return "credentials" if method == "POST" else "unknown"
        if len(parts) == 4:
            return {"GET": "status", "DELETE": "delete"}.get(method, "unknown")
        return "unknown"

    @app.route("/uploads/v1/<user>/credentials", methods=["POST"])
    def credentials(user):
        temporary = service.moto.assume_role()
        key = f"_pending/{user}/{''.join(secrets.choice(ID_ALPHABET) for _ in range(24))}"
        with service.lock:
            service.issued_keys.add(key)
        return body(200, {
            "accessKeyId": temporary["AccessKeyId"], "secretAccessKey": temporary["SecretAccessKey"],
            "sessionToken": temporary["SessionToken"], "bucket": BUCKET, "key": key,
            "url": f"{service.moto.endpoint}/{BUCKET}/{key}",
        })

    @app.route("/uploads/v1/<user>", methods=["POST"])
    def create(user):
        if request.headers.get("Content-Type") != "application/json":
            return message(415, "Content-Type must be application/json")
        try:
            data = json.loads(request.get_data(as_text=True))
        except ValueError:
            return message(422, "The request body is not valid JSON")
        if not isinstance(data, dict):
            return message(422, "The request body must be a JSON object")
        for field in data:
            if field not in ("tileset", "url", "name", "patch", "bypass_mbtiles_validation"):
                return message(422, f'The request body contains the invalid property "{field}".')
        tileset = data.get("tileset")
        if not isinstance(tileset, str) or "." not in tileset:
            return message(422, 'Invalid "tileset" value')
        owner, tileset_id = tileset.split(".", 1)
        if owner != user or not TILESET_ID.match(tileset_id):
            return message(422, 'Invalid "tileset" value')
        name = data.get("name")
        if "name" in data and (not isinstance(name, str) or len(name) > 64):
            return message(422, 'Invalid "name" value: at most 64 characters')
        for flag in ("patch", "bypass_mbtiles_validation"):
            if flag in data and not isinstance(data[flag], bool):
                return message(422, f'Invalid "{flag}" value')
        url = data.get("url")
        prefix = f"{service.moto.endpoint}/{BUCKET}/"
        if not isinstance(url, str) or not url.startswith(prefix):
            return message(422, 'Invalid "url" value: not a staged file of this account')
        key = url[len(prefix):]
        if not key.startswith(f"_pending/{user}/") or key not in service.issued_keys or not service.moto.exists(key):
            return message(422, f'Invalid "url" value: no staged object at {url}')
        now = time.time()
        with service.lock:
            for other in service.uploads.values():
                if other["tileset"] == tileset:
                    service.refresh(other, now)
                    if not other["complete"] and other["error"] is None:
                        return message(409, f"Conflict: an earlier upload to {tileset} has not finished yet; try again later")
            upload_id = "".join(secrets.choice(ID_ALPHABET) for _ in range(25))
            record = {"id": upload_id, "tileset": tileset, "name": name, "owner": user, "complete": False,
                      "progress": 0, "error": None, "created": now, "modified": now, "started": now,
                      "ready_at": None, "key": key}
            service.uploads[upload_id] = record
            service.order.append(upload_id)
            service.refresh(record, now)
            return body(201, service.public(record))

    @app.route("/uploads/v1/<user>/<upload_id>", methods=["GET", "DELETE"])
    def one(user, upload_id):
        now = time.time()
        with service.lock:
            record = service.uploads.get(upload_id)
            if record is None or record["owner"] != user:
                return message(404, "Not Found")
            service.refresh(record, now)
            if request.method == "GET":
                return body(200, service.public(record))
            if not record["complete"] and record["error"] is None:
                return message(400, "upload is incomplete")
            del service.uploads[upload_id]
            service.order.remove(upload_id)
            return Response(status=204)

    @app.route("/uploads/v1/<user>", methods=["GET"])
    def listing(user):
        limit_text = request.args.getlist("limit")[-1] if "limit" in request.args else str(args.list_default)
        try:
            limit = int(limit_text)
        except ValueError:
            return message(422, 'Invalid "limit" value')
        if limit < 1 or limit > 100:
            return message(422, 'Invalid "limit" value: 1 to 100')
        reverse_values = request.args.getlist("reverse")
        reverse = bool(reverse_values) and reverse_values[-1].lower() in ("", "true", "1")
        start = request.args.get("start")
        now = time.time()
        with service.lock:
            ids = [i for i in service.order if service.uploads[i]["owner"] == user]
            if not reverse:
                ids.reverse()
            if start is not None:
                if start not in ids:
                    return message(422, 'Invalid "start" value')
                ids = ids[ids.index(start) + 1:]
            # A page may be shorter than `limit` (the contract: a short page does not mean the end).
            page = ids[:min(limit, args.page_cap)]
            records = []
            for upload_id in page:
                service.refresh(service.uploads[upload_id], now)
                records.append(service.public(service.uploads[upload_id]))
        headers = {}
        if len(ids) > len(page):
            query = f"limit={limit}" + ("&reverse=true" if reverse else "") + f"&start={page[-1]}"
            headers["Link"] = f'</uploads/v1/{user}?{query}>; rel="next"'
        return body(200, records, headers)

    @app.errorhandler(404)
    def not_found(_):
        return message(404, "Not Found")

    @app.errorhandler(405)
    def not_allowed(_):
        return message(405, "Method Not Allowed")

    # --- test-only routes -----------------------------------------------------------------------------------
    @app.route("/_test/objects")
    def test_objects():
        return body(200, service.moto.objects())

    @app.route("/_test/stats")
    def test_stats():
        return body(200, dict(service.stats))

    @app.route("/_test/uploads")
    def test_uploads():
        now = time.time()
        with service.lock:
            for record in service.uploads.values():
                service.refresh(record, now)
            return body(200, [dict(service.public(r), key=r["key"]) for r in (service.uploads[i] for i in service.order)])

    @app.route("/_test/hold", methods=["POST"])
    def test_hold():
        with service.lock:
            service.held.add(request.args["tileset"])
        return body(200, {"held": sorted(service.held)})

    @app.route("/_test/release", methods=["POST"])
    def test_release():
        now = time.time()
        with service.lock:
            service.held.discard(request.args["tileset"])
            for record in service.uploads.values():
                service.refresh(record, now)
        return body(200, {"held": sorted(service.held)})

    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user", default="alice")
    parser.add_argument("--other-user", default="bob")
    parser.add_argument("--processing-seconds", type=float, default=2.0)
    parser.add_argument("--rate-limit", type=int, default=60, help="API requests per minute per account; 0 = off")
    parser.add_argument("--list-default", type=int, default=20)
    parser.add_argument("--page-cap", type=int, default=100, help="at most this many uploads per list page, whatever the limit")
    parser.add_argument("--mts-window", type=float, default=60, help="seconds of one Tiling Service rate-limit window")
    parser.add_argument("--mts-processing-seconds", type=float, default=1.0, help="how long a Tiling Service job processes")
    parser.add_argument("--max-lifetime", type=float, default=1800, help="seconds before the service stops itself")
    args = parser.parse_args()

    moto = Moto()
    server = None
    stopping = threading.Event()

    def stop(*_):
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        service = Service(args, moto)
        token = service.tokens.mint(args.user)
        other = service.tokens.mint(args.other_user)
        nolist = service.tokens.mint(args.user, ALL_SCOPES - {"uploads:list"})
        server = make_server(LOOPBACK, 0, build_app(service), threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Listening on http://{LOOPBACK}:{server.port}/", flush=True)
        print(f"Token: {token}", flush=True)
        print(f"Token-other: {other}", flush=True)
        print(f"Token-nolist: {nolist}", flush=True)
        print(f"Moto: {moto.endpoint}", flush=True)
        parent = os.getppid()
        deadline = time.monotonic() + args.max_lifetime
        while not stopping.wait(0.5):
            if time.monotonic() > deadline or os.getppid() != parent or moto.process.poll() is not None:
                break
    finally:
        if server is not None:
            server.shutdown()
        moto.stop()


if __name__ == "__main__":
    main()
