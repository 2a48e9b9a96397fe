"""Runs the official `tilesets` CLI (mapbox-tilesets 2.2.0), which nobody on this project wrote, against the
emulator's Tiling Service: every command the emulator serves, one process per command as a user types them, each
checked on its exit code and its output. Prints one line per command and exits non-zero when any check failed.

    MAPBOX_API=http://127.0.0.1:5799 MAPBOX_ACCESS_TOKEN=sk.... .venv/bin/python conformance.py

Run it with the venv's python (make-venv.sh makes it): the `tilesets` beside that python is the one run. The token
needs tilesets:write, tilesets:read and tilesets:list. The emulator's jobs must take 1 to 5 seconds, so that a
delete of a source while its job runs meets the lock, and the job still finishes within the polling bound.
Left for the caller to check on the emulator itself: the bytes the sources `roads`, `parks` and `dem` hold, and
the features of the tileset `roads` after its changeset job.
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND_TIMEOUT_SECONDS = 60
MAX_POLLS = 40
POLL_INTERVAL_SECONDS = 0.25

HERE = Path(__file__).resolve().parent
TILESETS = Path(sys.executable).parent / "tilesets"
TOKEN = os.environ["MAPBOX_ACCESS_TOKEN"]
USER = json.loads(base64.urlsafe_b64decode(TOKEN.split(".")[1] + "==="))["u"]
SOURCE_PREFIX = f"mapbox://tileset-source/{USER}/"

results = []
runs = 0


class Mismatch(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise Mismatch(what)


def tilesets(*args):
    """One run of the CLI: (exit code, stdout, stderr)."""
    global runs
    runs += 1
    done = subprocess.run([str(TILESETS), *args], capture_output=True, text=True, timeout=COMMAND_TIMEOUT_SECONDS, check=False)
    return done.returncode, done.stdout, done.stderr


def ok(*args):
    """The CLI's JSON answer of a command that must succeed."""
    code, out, err = tilesets(*args)
    expect(code == 0, f"exit code 0, not {code}; stdout {out!r}; stderr {err!r}")
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        raise Mismatch(f"JSON on stdout, not {out!r}; stderr {err!r}") from None


def refused(*args):
    """The stderr of a command that must fail with the CLI's `Error: ...` line."""
    code, out, err = tilesets(*args)
    expect(code == 1 and "Error:" in err, f"exit code 1 with an Error line, not {code}; stdout {out!r}; stderr {err!r}")
    return err


def lines(*args):
    code, out, err = tilesets(*args)
    expect(code == 0, f"exit code 0, not {code}; stdout {out!r}; stderr {err!r}")
    return out.splitlines()


def finished_job(tileset, job_id):
    """`tilesets job` polled, within a bound, until the job has ended."""
    answer = None
    for _ in range(MAX_POLLS):
        answer = ok("job", tileset, job_id)
        if answer["stage"] not in ("queued", "processing"):
            break
        time.sleep(POLL_INTERVAL_SECONDS)
    return answer


def step(name, check):
    started = time.monotonic()
    try:
        value = check()
        results.append((name, None))
        print(f"ok    {name}  ({(time.monotonic() - started) * 1000:.0f} ms)", flush=True)
        return value
    except (Mismatch, subprocess.TimeoutExpired, KeyError, TypeError) as problem:
        results.append((name, problem))
        print(f"FAIL  {name}: {problem!r}", flush=True)
        return None


def write_json(folder, name, value):
    path = folder / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def main(folder):
    roads = str(HERE / "roads.ldgeojson")
    roads_size = (HERE / "roads.ldgeojson").stat().st_size
    layer = {"minzoom": 0, "maxzoom": 5}
    recipe = {"version": 1, "layers": {"roads": {"source": SOURCE_PREFIX + "roads", **layer}}}
    recipe_two_layers = {"version": 1, "incremental": True,
                         "layers": {"roads": {"source": SOURCE_PREFIX + "roads", **layer},
                                    "parks": {"source": SOURCE_PREFIX + "parks", "minzoom": 0, "maxzoom": 8}}}
    recipe_orphan = {"version": 1, "layers": {"scratch": {"source": SOURCE_PREFIX + "scratch", **layer}}}
    recipe_invalid = {"version": 1, "layers": {"roads": {"source": SOURCE_PREFIX + "missing", "minzoom": 0, "maxzoom": 17}}}
    changeset = "roads-changes"
    changeset_uri = f"mapbox://tileset-changeset/{USER}/{changeset}"
    # Delete markers last: the CLI reads the first line's "type" to tell line-delimited features (cligj), and a
    # changeset that starts with {"id": 1, "delete": true} ends in a KeyError traceback.
    changes = str(HERE / "roads-changes.ldgeojson")
    changes_size = (HERE / "roads-changes.ldgeojson").stat().st_size
    changeset_payload_file = write_json(folder, "changesets.json", {"layers": {"roads": {"changeset": changeset_uri}}})
    recipe_file = write_json(folder, "recipe.json", recipe)
    recipe_two_layers_file = write_json(folder, "recipe-two-layers.json", recipe_two_layers)
    recipe_orphan_file = write_json(folder, "recipe-orphan.json", recipe_orphan)
    recipe_invalid_file = write_json(folder, "recipe-invalid.json", recipe_invalid)
    # 1x1 RGB baseline TIFFs of 131 bytes that differ in their pixel: raster sources go up as the bytes they are.
    tiff_first = HERE / "dem-first.tif"
    tiff = HERE / "dem.tif"
    tileset = f"{USER}.roads"
    orphan = f"{USER}.orphan"

    step("--version", lambda: expect(lines("--version") == ["2.2.0"], "version 2.2.0"))

    def validate_source():
        expect(lines("validate-source", roads) == ["✔ valid"], "the roads file is valid")
        code, _, err = tilesets("validate-source", str(HERE / "invalid.ldgeojson"))
        expect(code == 1 and "'geometry' is a required property" in err, f"a feature without geometry is refused locally: {code} {err!r}")
    step("validate-source", validate_source)

    def first_upload():
        answer = ok("upload-source", USER, "roads", roads, "--quiet")
        expect(answer == {"id": SOURCE_PREFIX + "roads", "files": 1, "source_size": roads_size, "file_size": roads_size}, f"the upload answer: {answer}")
    step("upload-source (create)", first_upload)

    def append_upload():
        # Without --quiet, as a user runs it: click prints the progress bar's label on stdout when it is no terminal.
        code, out, err = tilesets("upload-source", USER, "roads", roads)
        expect(code == 0 and out.splitlines()[0] == "upload progress", f"the progress bar, then the answer: {code} {out!r} {err!r}")
        answer = json.loads(out.splitlines()[-1])
        expect(answer["files"] == 2 and answer["source_size"] == 2 * roads_size and answer["file_size"] == roads_size, f"a second file appended: {answer}")
    step("upload-source (append, progress bar)", append_upload)

    def replace_upload():
        answer = ok("upload-source", USER, "roads", roads, "--replace", "--quiet")
        expect(answer["files"] == 1 and answer["source_size"] == roads_size, f"the source replaced by one file: {answer}")
    step("upload-source --replace", replace_upload)

    def feature_collection():
        answer = ok("upload-source", USER, "parks", str(HERE / "parks.geojson"), "--quiet")
        expect(answer["id"] == SOURCE_PREFIX + "parks" and answer["files"] == 1, f"the FeatureCollection sent as one file: {answer}")
    step("upload-source (FeatureCollection)", feature_collection)

    def add_source():
        answer = ok("add-source", USER, "parks", str(HERE / "parks-more.ldgeojson"), "--quiet")
        expect(answer["files"] == 2, f"the deprecated add-source appends: {answer}")
    step("add-source", add_source)

    def view_source():
        answer = ok("view-source", USER, "roads")
        expect(answer["id"] == SOURCE_PREFIX + "roads" and answer["files"] == 1 and answer["size"] == roads_size, f"the source: {answer}")
    step("view-source", view_source)

    step("upload-source (scratch)", lambda: ok("upload-source", USER, "scratch", roads, "--quiet"))

    def list_sources():
        listed = lines("list-sources", USER)
        expect(sorted(listed) == [SOURCE_PREFIX + id for id in ("parks", "roads", "scratch")], f"the account's sources: {listed}")
    step("list-sources", list_sources)

    def upload_raster_source():
        first = ok("upload-raster-source", USER, "dem", str(tiff_first), "--quiet")
        expect(first["files"] == 1, f"one raster file: {first}")
        replaced = ok("upload-raster-source", USER, "dem", str(tiff_first), str(tiff), "--replace", "--quiet")
        expect(replaced["files"] == 1 and replaced["file_size"] == tiff.stat().st_size, f"one PUT per file, the last one kept: {replaced}")
    step("upload-raster-source (--replace, two files)", upload_raster_source)

    def validate_recipe():
        expect(ok("validate-recipe", recipe_file) == {"valid": True}, "the recipe is valid")
        answer = ok("validate-recipe", recipe_invalid_file)
        expect(answer["valid"] is False and len(answer["errors"]) == 2, f"a missing source and maxzoom 17 are two errors: {answer}")
    step("validate-recipe", validate_recipe)

    def create():
        answer = ok("create", tileset, "--recipe", recipe_file, "--name", "Roads", "--description", "Conformance",
                    "--privacy", "public", "--attribution", '[{"text": "Conformance", "link": "https://example.com"}]')
        expect(answer["message"].startswith(f"Successfully created empty tileset {tileset}"), f"created: {answer}")
        again = ok("create", tileset, "--recipe", recipe_file, "--name", "Roads")
        expect(again == {"message": "Tileset already exists"}, f"a second create is refused: {again}")
        invalid = ok("create", f"{USER}.invalid", "--recipe", recipe_invalid_file, "--name", "Invalid")
        expect(invalid["message"] == "Recipe is invalid" and len(invalid["errors"]) == 2, f"an invalid recipe is refused: {invalid}")
        ok("create", orphan, "--recipe", recipe_orphan_file, "--name", "Orphan")
    step("create", create)

    def view_recipe():
        answer = ok("view-recipe", tileset)
        expect(answer == {"id": tileset, "recipe": recipe}, f"the recipe as created: {answer}")
    step("view-recipe", view_recipe)

    def update_recipe():
        code, out, err = tilesets("update-recipe", tileset, recipe_two_layers_file)
        expect(code == 0 and out == "" and err.strip() == "Updated recipe.", f"updated: {code} {out!r} {err!r}")
        expect(ok("view-recipe", tileset)["recipe"] == recipe_two_layers, "the recipe now has two layers")
        err = refused("update-recipe", tileset, recipe_invalid_file)
        expect("Recipe is invalid" in err, f"an invalid recipe is refused: {err!r}")
        expect(ok("view-recipe", tileset)["recipe"] == recipe_two_layers, "a refused recipe changes nothing")
    step("update-recipe", update_recipe)

    def update():
        code, out, err = tilesets("update", tileset, "--name", "Roads renamed", "--description", "Renamed", "--privacy", "private")
        expect(code == 0 and out == "" and err == "", f"updated silently: {code} {out!r} {err!r}")
    step("update", update)

    def list_tilesets():
        expect(sorted(lines("list", USER)) == [orphan, tileset], "the account's tilesets")
        verbose = [json.loads(line) for line in lines("list", USER, "--verbose", "--type", "vector", "--visibility", "private", "--sortby", "modified", "--limit", "1")]
        expect(len(verbose) == 1 and verbose[0]["id"] == tileset, f"the last modified private tileset: {verbose}")
        expect(verbose[0]["name"] == "Roads renamed" and verbose[0]["description"] == "Renamed" and verbose[0]["visibility"] == "private", f"updated: {verbose[0]}")
        expect(lines("list", USER, "--visibility", "public") == [], "no public tileset")
    step("list", list_tilesets)

    def publish():
        code, out, err = tilesets("publish", tileset)
        expect(code == 0, f"published: {code} {out!r} {err!r}")
        answer = json.loads(out)
        expect(answer["message"] == f"Processing {tileset}" and answer["jobId"] and answer["incremental"] == "initial", f"the publish answer: {answer}")
        expect(f"tilesets job {tileset} {answer['jobId']}" in err.replace("\x1b[1m", "").replace("\x1b[0m", ""), f"the next step on stderr: {err!r}")
        return answer["jobId"]
    job_id = step("publish", publish)

    def locked():
        err = refused("delete-source", USER, "roads", "--force")
        expect("Resource is locked" in err, f"the running job's source is locked: {err!r}")
    step("delete-source (locked by the running job)", locked)

    def status_running():
        answer = ok("status", tileset)
        expect(answer == {"id": tileset, "latest_job": job_id, "status": "processing"}, f"the job is processing: {answer}")
    step("status (processing)", status_running)

    def job():
        answer = finished_job(tileset, job_id)
        expect(answer["stage"] == "success" and answer["id"] == job_id and answer["tilesetId"] == tileset and answer["errors"] == [], f"the job succeeded: {answer}")
        expect(answer["layer_stats"] == {"roads": {"total_features": 2}, "parks": {"total_features": 3}}, f"every feature sent was processed: {answer['layer_stats']}")
    step("job (polled to success)", job)

    step("status (success)", lambda: expect(ok("status", tileset) == {"id": tileset, "latest_job": job_id, "status": "success"}, "the job succeeded"))

    def jobs():
        listed = ok("jobs", tileset)
        expect([j["id"] for j in listed] == [job_id], f"one job: {listed}")
        expect([j["id"] for j in ok("jobs", tileset, "--stage", "success", "--limit", "1")] == [job_id], "the successful job")
        expect(ok("jobs", tileset, "--stage", "failed") == [], "no failed job")
    step("jobs (--stage, --limit)", jobs)

    def upload_changeset():
        answer = ok("upload-changeset", USER, changeset, changes, "--quiet")
        expect(answer == {"id": changeset_uri, "files": 1, "file_size": changes_size, "source_size": changes_size}, f"the changeset answer: {answer}")
        expect(ok("upload-changeset", USER, changeset, changes, "--quiet")["files"] == 2, "a second file appended")
        expect(ok("upload-changeset", USER, changeset, changes, "--replace", "--quiet")["files"] == 1, "replaced by one file")
        code, _, err = tilesets("upload-changeset", USER, "refused", str(HERE / "invalid.ldgeojson"), "--quiet")
        expect(code == 1 and "'geometry' is a required property" in err, f"a line neither a feature nor a delete marker is refused locally: {code} {err!r}")
    step("upload-changeset (create, append, --replace)", upload_changeset)

    def view_changeset():
        answer = ok("view-changeset", USER, changeset)
        expect(answer["id"] == changeset_uri and answer["files"] == 1 and answer["size"] == changes_size, f"the changeset: {answer}")
    step("view-changeset", view_changeset)

    def publish_changesets():
        answer = ok("publish-changesets", tileset, changeset_payload_file)
        expect(answer["message"] == f"Processing {tileset}" and answer["jobId"], f"the publish-changesets answer: {answer}")
        job = finished_job(tileset, answer["jobId"])
        expect(job["stage"] == "success" and job["errors"] == [], f"the changeset job succeeded: {job}")
        expect(ok("status", tileset)["latest_job"] == answer["jobId"], "the changeset job is the latest")
    step("publish-changesets (polled to success)", publish_changesets)

    def delete_changeset():
        expect(lines("delete-changeset", USER, changeset, "--force") == ["Changeset deleted."], "deleted")
        refused("view-changeset", USER, changeset)
    step("delete-changeset", delete_changeset)

    def failed_job():
        expect(lines("delete-source", USER, "scratch", "--force") == ["Source deleted."], "the scratch source deleted")
        refused("view-source", USER, "scratch")
        failed = ok("publish", orphan)["jobId"]
        answer = finished_job(orphan, failed)
        expect(answer["stage"] == "failed" and any("scratch" in e or "source" in e for e in answer["errors"]), f"the job of a deleted source fails: {answer}")
        expect([j["id"] for j in ok("jobs", orphan, "--stage", "failed")] == [failed], "the failed job is listed as failed")
    step("delete-source, then publish fails its job", failed_job)

    def list_activity():
        both = ok("list-activity", USER)
        expect(sorted(t["id"] for t in both["data"]) == [orphan, tileset] and both["next"] is None, f"both tilesets, one page: {both}")
        expect(all(t["request_count"] == 0 and t["last_modified"] for t in both["data"]), f"no tile served yet: {both}")
        first = ok("list-activity", USER, "--sortby", "modified", "--orderby", "desc", "--limit", "1")
        expect(len(first["data"]) == 1 and first["next"] == first["data"][0]["id"], f"one page of 1, the next start from its Link: {first}")
        rest = ok("list-activity", USER, "--sortby", "modified", "--orderby", "desc", "--limit", "1", "--start", first["next"])
        # On the last page (no Link) the CLI prints its own --start back as "next".
        expect([t["id"] for t in first["data"] + rest["data"]] == [tileset, orphan] and rest["next"] == first["next"], f"the last modified first, then the rest: {first} {rest}")
    step("list-activity (--sortby, --orderby, --limit, --start)", list_activity)

    def delete():
        expect(lines("delete", orphan, "--force") == ["Tileset deleted."], "deleted")
        expect("Tileset does not exist" in refused("view-recipe", orphan), "the recipe is gone with the tileset")
        expect(lines("list", USER) == [tileset], "only the roads tileset left")
    step("delete", delete)

    failures = [name for name, problem in results if problem is not None]
    print(f"tilesets conformance: {len(results) - len(failures)} of {len(results)} steps as documented, {runs} runs of tilesets"
          + (f"; failed: {', '.join(failures)}" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="tilesets-conformance-") as scratch:
        sys.exit(main(Path(scratch)))
