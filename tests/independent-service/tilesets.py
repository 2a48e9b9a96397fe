"""The Mapbox Tiling Service routes of the independent service, written from the facts in issue 14 alone.

Choices where those facts leave room (each the other one than our emulator's, where it has one):
- the account's queue being full (5 queued jobs) answers 429 with a message; an invalid source id answers 400;
- list pages carry a RELATIVE `Link` next URL without the token; the default page size is 10;
- a tileset's jobs are listed oldest first;
- processing rules by tileset id: `fail-*` fails with "Layer data: invalid geometry", `warn-*` succeeds with a
  500 KB tile-size warning; a job whose sources hold no Feature line fails with "No GeoJSON features processed".
Rate limits per account and class, in a window of --mts-window seconds (60 = the real service): source writes
100, publish 2, recipe validate/update 100, tileset create/delete 100, reads 3000.
Test-only: `GET /_test/tilesets` (no token, not counted) gives each tileset's information and jobs, the accepted
writes per source and the 429s per rate class.
"""
import collections
import json
import re
import secrets
import string
import threading
import time
from urllib.parse import urlencode

from flask import Response, request

SOURCE_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
SOURCE_URI = re.compile(r"^mapbox://tileset-source/([^/]+)/([^/]+)$")
GB = 1024 ** 3
LIMITS = {"source-write": 100, "publish": 2, "recipe": 100, "tileset-write": 100, "read": 3000}
FINAL = ("success", "failed", "superseded")


def reply(status, value, headers=None):
    return Response(json.dumps(value), status=status, mimetype="application/json", headers=headers or {})


def message(status, text):
    return reply(status, {"message": text})


class Tilesets:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.sources = {}    # (user, id) -> list of bytes
        self.tilesets = {}   # "user.id" -> dict
        self.jobs = {}       # "user.id" -> list of jobs, oldest first
        self.windows = {}    # (user, class) -> (start, count)
        self.source_writes = collections.Counter()  # "user/id" -> accepted writes
        self.rate_limited = collections.Counter()   # rate class -> 429s answered

    # --- classification, scopes and limits ---------------------------------------------------------------
    @staticmethod
    def classify(method, parts):
        """(rate class, scope) of a /tilesets/v1/... request, from its method and path segments after v1."""
        if parts[:1] == ["sources"]:
            if method == "GET":
                return "read", "tilesets:list" if len(parts) == 2 else "tilesets:read"
            return "source-write", "tilesets:write"
        if parts == ["validateRecipe"]:
            return "recipe", "tilesets:write"
        if parts == ["queue"]:
            return "read", "tilesets:read"
        if len(parts) >= 2 and parts[1] == "publish":
            return "publish", "tilesets:write"
        if len(parts) >= 2 and parts[1] == "recipe":
            return ("read", "tilesets:read") if method == "GET" else ("recipe", "tilesets:write")
        if len(parts) >= 2:
            return "read", "tilesets:read"
        if method == "GET":
            return "read", "tilesets:list"
        return "tileset-write", "tilesets:write"

    def check(self, user, scopes):
        parts = request.path.strip("/").split("/")[2:]
        rate_class, scope = self.classify(request.method, parts)
        owner = parts[1] if parts[:1] == ["sources"] and len(parts) > 1 else (parts[0].split(".")[0] if parts and parts[0] not in ("validateRecipe", "queue") else None)
        if owner is not None and owner != user:
            return message(403, "This token does not belong to the account in the URL.")
        if scope not in scopes:
            return message(403, f"This endpoint requires a token with {scope} scope")
        now = time.time()
        window = self.args.mts_window
        with self.lock:
            start, count = self.windows.get((user, rate_class), (now, 0))
            if now - start >= window:
                start, count = now, 0
            count += 1
            self.windows[(user, rate_class)] = (start, count)
        limit = LIMITS[rate_class]
        request.environ["mbx.rate"] = (start, count)
        request.environ["mbx.rate.limit"] = (limit, window)
        if count > limit:
            with self.lock:
                self.rate_limited[rate_class] += 1
            return message(429, "Too Many Requests")
        return None

    # --- jobs move on when read -----------------------------------------------------------------------------
    def advance(self, tileset, now):
        jobs = self.jobs.get(tileset, [])
        while True:
            running = next((j for j in jobs if j["stage"] == "processing"), None)
            if running is not None:
                if now < running["started"] + self.args.mts_processing_seconds:
                    return
                self.finish(tileset, running, running["started"] + self.args.mts_processing_seconds)
                continue
            waiting = next((j for j in jobs if j["stage"] == "queued"), None)
            if waiting is None:
                return
            done = [j["done"] for j in jobs if j.get("done") and j["stage"] != "superseded"]
            waiting["stage"] = "processing"
            waiting["started"] = max([waiting["created_at"]] + done)
            waiting["sources"] = self.recipe_sources(self.tilesets[tileset]["recipe"]) if tileset in self.tilesets else []

    def finish(self, tileset, job, at):
        bare = tileset.split(".", 1)[1]
        features = {}
        errors, warnings = [], []
        for layer, key in job["sources"]:
            files = self.sources.get(key)
            if files is None:
                errors.append(f"Layer {layer}: source mapbox://tileset-source/{key[0]}/{key[1]} not found")
                continue
            features[layer] = sum(count_features(f) for f in files)
        if bare.startswith("fail-"):
            errors.append("Layer data: invalid geometry")
        if not errors and sum(features.values()) == 0:
            errors.append("No GeoJSON features processed")
        if bare.startswith("warn-"):
            warnings.append("Tile 5/16/10 exceeded 500 KB: 12 features dropped")
        job.update(stage="failed" if errors else "success", done=at, errors=errors, warnings=warnings)
        if not errors:
            job["tileset_precisions"] = {"10m": round(sum(features.values()) * 0.5, 3)}
            job["layer_stats"] = {layer: {"total_features": n} for layer, n in features.items()}
            job["filesize"] = sum(len(f) for _, key in job["sources"] for f in self.sources.get(key, []))

    @staticmethod
    def recipe_sources(recipe):
        found = []
        for name, layer in (recipe.get("layers") or {}).items():
            match = SOURCE_URI.match(str((layer or {}).get("source", "")))
            found.append((name, (match.group(1), match.group(2)) if match else ("", "")))
        return found

    def locked(self, key, now):
        for tileset in list(self.jobs):
            self.advance(tileset, now)
            if any(j["stage"] == "processing" and key in [k for _, k in j.get("sources", [])] for j in self.jobs[tileset]):
                return True
        return False

    def recipe_errors(self, recipe, user):
        errors = []
        if not isinstance(recipe, dict):
            return ["recipe must be an object"]
        if recipe.get("version") != 1:
            errors.append("version must be 1")
        layers = recipe.get("layers")
        if not isinstance(layers, dict) or not layers:
            return errors + ["layers must be a non-empty object"]
        for name, layer in layers.items():
            layer = layer if isinstance(layer, dict) else {}
            match = SOURCE_URI.match(str(layer.get("source", "")))
            if not match or match.group(1) != user:
                errors.append(f"layers.{name}.source must be mapbox://tileset-source/{user}/<id>")
            elif (match.group(1), match.group(2)) not in self.sources:
                errors.append(f"layers.{name}.source {layer['source']} does not exist")
            for zoom in ("minzoom", "maxzoom"):
                value = layer.get(zoom)
                if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 16:
                    errors.append(f"layers.{name}.{zoom} must be an integer from 0 to 16")
        return errors


def count_features(data):
    count = 0
    for line in data.split(b"\n"):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and value.get("type") == "Feature":
            count += 1
    return count


def page(items, key):
    """One page: limit 1-500 (default 10), start = the last key of the page before; a relative next link without the token."""
    try:
        limit = int(request.args.get("limit", "10"))
    except ValueError:
        return message(422, "limit must be an integer from 1 to 500")
    if not 1 <= limit <= 500:
        return message(422, "limit must be an integer from 1 to 500")
    keys = [key(item) for item in items]
    first = 0
    if "start" in request.args:
        if request.args["start"] not in keys:
            return message(422, "start is not a known cursor")
        first = keys.index(request.args["start"]) + 1
    chosen = items[first:first + limit]
    headers = {}
    if first + limit < len(items):
        query = {k: v for k, v in request.args.items() if k not in ("access_token", "start")}
        query["start"] = key(chosen[-1])
        headers["Link"] = f'<{request.path}?{urlencode(query)}>; rel="next"'
    return chosen, headers


def public_job(job):
    shown = {k: job.get(k) for k in ("id", "stage", "created", "errors", "warnings", "tileset_precisions", "layer_stats", "filesize")}
    shown["tilesetId"] = job["tileset"]
    shown["completed"] = int(job["done"] * 1000) if job.get("done") else None
    shown["errors"] = shown["errors"] or []
    shown["warnings"] = shown["warnings"] or []
    return shown


def register(app, mts):
    """Adds the routes under /tilesets/v1 to the Flask app."""

    def now():
        return time.time()

    @app.route("/tilesets/v1/sources/<user>/<source_id>", methods=["POST", "PUT"])
    def write_source(user, source_id):
        if not SOURCE_ID.match(source_id):
            return message(400, "Source id must be 1 to 32 of A-Z a-z 0-9 - _")
        files = request.files.getlist("file")
        if len(files) != 1:
            return message(400, 'No file data in request. Expected 1 file named "file".')
        data = files[0].read()
        if len(data) > 20 * GB:
            return message(422, "A source file may be at most 20 GB")
        with mts.lock:
            key = (user, source_id)
            if mts.locked(key, now()):
                return message(409, "Resource is locked")
            existing = [] if request.method == "PUT" else mts.sources.get(key, [])
            if len(existing) >= 10:
                return message(422, "A source holds at most 10 files")
            if sum(len(f) for f in existing) + len(data) > 50 * GB:
                return message(422, "A source holds at most 50 GB")
            mts.sources[key] = existing + [data]
            mts.source_writes[f"{user}/{source_id}"] += 1
            stored = mts.sources[key]
        return reply(200, {"id": f"mapbox://tileset-source/{user}/{source_id}", "files": len(stored),
                           "source_size": sum(len(f) for f in stored), "file_size": len(data)})

    @app.route("/tilesets/v1/sources/<user>/<source_id>", methods=["GET", "DELETE"])
    def one_source(user, source_id):
        with mts.lock:
            key = (user, source_id)
            if key not in mts.sources:
                return message(404, "Source not found")
            if request.method == "DELETE":
                if mts.locked(key, now()):
                    return message(409, "Resource is locked")
                del mts.sources[key]
                return Response(status=204)
            size = sum(len(f) for f in mts.sources[key])
            return reply(200, {"id": f"mapbox://tileset-source/{user}/{source_id}", "files": len(mts.sources[key]),
                               "size": size, "size_nice": f"{size / 1024:.1f}KB"})

    @app.route("/tilesets/v1/sources/<user>", methods=["GET"])
    def list_sources(user):
        with mts.lock:
            items = [{"id": f"mapbox://tileset-source/{u}/{i}", "files": len(f), "size": sum(len(x) for x in f)}
                     for (u, i), f in sorted(mts.sources.items()) if u == user]
        result = page(items, lambda s: s["id"].rsplit("/", 1)[1])
        return result if isinstance(result, Response) else reply(200, result[0], result[1])

    @app.route("/tilesets/v1/validateRecipe", methods=["PUT"])
    def validate_recipe():
        recipe = request.get_json(silent=True)
        with mts.lock:
            errors = mts.recipe_errors(recipe, request.environ["mbx.user"])
        return reply(200, {"valid": not errors, "errors": errors} if errors else {"valid": True})

    @app.route("/tilesets/v1/<tileset>", methods=["POST", "PATCH", "DELETE"])
    def tileset_write(tileset):
        if "." not in tileset or not SOURCE_ID.match(tileset.split(".", 1)[1]):
            return message(400, "Tileset id must be username.id")
        body = request.get_json(silent=True) if request.method != "DELETE" else {}
        if not isinstance(body, dict):
            return message(400, "Body must be a JSON object")
        if len(body.get("name") or "") > 64 or len(body.get("description") or "") > 500:
            return message(400, "name is at most 64 characters and description at most 500")
        with mts.lock:
            record = mts.tilesets.get(tileset)
            if request.method == "POST":
                if record is not None:
                    return message(400, "Tileset already exists")
                errors = mts.recipe_errors(body.get("recipe"), tileset.split(".")[0])
                if errors:
                    return reply(400, {"message": "Invalid recipe", "errors": errors})
                mts.tilesets[tileset] = {"recipe": body["recipe"], "name": body.get("name") or tileset.split(".", 1)[1],
                                         "description": body.get("description", ""), "private": body.get("private", True) is not False,
                                         "created": now()}
                return reply(200, {"message": f"Successfully created empty tileset {tileset}."})
            if record is None:
                return message(404, "Tileset not found")
            if request.method == "DELETE":
                del mts.tilesets[tileset]
                mts.jobs.pop(tileset, None)
                return reply(200, {"message": "Tileset deleted"})
            for field in ("name", "description", "private"):
                if field in body:
                    record[field] = body[field]
            return Response(status=204)

    @app.route("/tilesets/v1/<tileset>/recipe", methods=["GET", "PATCH"])
    def recipe(tileset):
        with mts.lock:
            record = mts.tilesets.get(tileset)
            if record is None:
                return message(404, "Tileset not found")
            if request.method == "GET":
                return reply(200, {"id": tileset, "recipe": record["recipe"]})
            new = request.get_json(silent=True)
            errors = mts.recipe_errors(new, tileset.split(".")[0])
            if errors:
                return reply(400, {"message": "Invalid recipe", "errors": errors})
            record["recipe"] = new
            return Response(status=204)

    @app.route("/tilesets/v1/<user>", methods=["GET"])
    def list_tilesets(user):
        with mts.lock:
            items = [{"id": t, "name": r["name"], "description": r["description"], "type": "vector",
                      "visibility": "private" if r["private"] else "public", "status": "available"}
                     for t, r in sorted(mts.tilesets.items()) if t.split(".")[0] == user]
        visibility = request.args.get("visibility")
        items = [i for i in items if visibility in (None, i["visibility"])]
        result = page(items, lambda t: t["id"])
        return result if isinstance(result, Response) else reply(200, result[0], result[1])

    @app.route("/tilesets/v1/<tileset>/publish", methods=["POST"])
    def publish(tileset):
        moment = now()
        with mts.lock:
            if tileset not in mts.tilesets:
                return message(404, "Tileset not found")
            user = tileset.split(".")[0]
            for other in list(mts.jobs):
                mts.advance(other, moment)
            jobs = mts.jobs.setdefault(tileset, [])
            waiting_here = [j for j in jobs if j["stage"] == "queued"]
            queued = sum(1 for t, js in mts.jobs.items() if t.split(".")[0] == user for j in js if j["stage"] == "queued")
            will_queue = any(j["stage"] == "processing" for j in jobs)
            if will_queue and queued - len(waiting_here) >= 5:
                return message(429, "Too many jobs queued for this account: at most 5")
            for job in waiting_here:
                job.update(stage="superseded", done=moment)
            job = {"id": "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(25)),
                   "tileset": tileset, "stage": "queued", "created": int(moment * 1000), "created_at": moment}
            jobs.append(job)
            mts.advance(tileset, moment)
        return reply(200, {"message": f"Processing {tileset}", "jobId": job["id"]})

    @app.route("/tilesets/v1/<tileset>/jobs/<job_id>", methods=["GET"])
    def one_job(tileset, job_id):
        with mts.lock:
            mts.advance(tileset, now())
            job = next((j for j in mts.jobs.get(tileset, []) if j["id"] == job_id), None)
            return message(404, "Job not found") if job is None else reply(200, public_job(job))

    @app.route("/tilesets/v1/<tileset>/jobs", methods=["GET"])
    def list_jobs(tileset):
        with mts.lock:
            if tileset not in mts.tilesets:
                return message(404, "Tileset not found")
            mts.advance(tileset, now())
            stage = request.args.get("stage")
            items = [public_job(j) for j in mts.jobs.get(tileset, []) if stage in (None, j["stage"])]
        result = page(items, lambda j: j["id"])
        return result if isinstance(result, Response) else reply(200, result[0], result[1])

    @app.route("/_test/tilesets", methods=["GET"])
    def test_tilesets():
        with mts.lock:
            for tileset in list(mts.jobs):
                mts.advance(tileset, now())
            return reply(200, {
                "tilesets": {t: {"name": r["name"], "description": r["description"], "private": r["private"],
                                 "jobs": [j["stage"] for j in mts.jobs.get(t, [])]} for t, r in mts.tilesets.items()},
                "sourceWrites": dict(mts.source_writes),
                "rateLimited": dict(mts.rate_limited)})

    @app.route("/tilesets/v1/queue", methods=["PUT"])
    def queue():
        with mts.lock:
            for tileset in list(mts.jobs):
                mts.advance(tileset, now())
            total = sum(1 for js in mts.jobs.values() for j in js if j["stage"] == "queued")
        return reply(200, {"total": total})
