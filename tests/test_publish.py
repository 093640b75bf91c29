"""The commands that publish read-only replicas: generated from the files `make serve` uses, run
here for real up to the deploy (Fly's publisher writes its files; Cloud Run's is given a stand-in
gcloud that keeps the build folder), and the container's own start command served locally."""

import json
import os
import shlex
import shutil
import subprocess
import sys
import urllib.request

import pytest
import yaml

import build_db
from almanac.publish import command, pins, shell
from browser import free_port, start
from conftest import ROOT

REQUIREMENTS = ROOT / "requirements.txt"
CONFIG = ROOT / "config" / "publish.yml"
# Stands in for Google's gcloud: records each call, names a project, and keeps the folder that
# `gcloud builds submit` would upload. Nothing is deployed.
FAKE_GCLOUD = """#!/bin/sh
echo "$*" >> "$GCLOUD_LOG"
case "$*" in
  "config get-value project") echo almanac-test ;;
  "builds submit"*) cp -r . "$GCLOUD_BUILD" ;;
esac
"""


def datasette(args):
    assert args[0] == "datasette"
    return [sys.executable, "-m", "datasette", *args[1:]]


def generate(target, site, tmp_path):
    """Run the generated publish command up to the deploy; returns (build folder, gcloud calls)."""
    args = command(target, site, REQUIREMENTS, CONFIG)
    build = tmp_path / "build"
    env = dict(os.environ)
    if target == "fly":
        args += ["--generate-dir", str(build)]
    else:
        stubs = tmp_path / "bin"
        stubs.mkdir()
        (stubs / "gcloud").write_text(FAKE_GCLOUD)
        (stubs / "gcloud").chmod(0o755)
        env |= {"PATH": f"{stubs}{os.pathsep}{env['PATH']}", "GCLOUD_LOG": str(tmp_path / "gcloud.log"), "GCLOUD_BUILD": str(build)}
        assert shutil.which("gcloud", path=env["PATH"]) == str(stubs / "gcloud")  # never the real one
    result = subprocess.run(datasette(args), cwd=site, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    calls = (tmp_path / "gcloud.log").read_text().splitlines() if target == "cloudrun" else []
    return build, calls


def serve_container(build):
    """Run the Dockerfile's steps after its pip install (the pins are this environment's) and its
    start command, on 127.0.0.1; returns (process, base URL)."""
    steps = (build / "Dockerfile").read_text().splitlines()
    [inspect] = [line[len("RUN ") :] for line in steps if line.startswith("RUN datasette inspect")]
    subprocess.run(datasette(shlex.split(inspect)), cwd=build, check=True)
    [start_command] = [line[len("CMD ") :] for line in steps if line.startswith("CMD ")]
    port = free_port()
    args = datasette(shlex.split(start_command.replace("$PORT", str(port))))
    args[args.index("--host") + 1] = "127.0.0.1"
    return start(args, port, cwd=build)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def test_commands_carry_every_pin_and_setting_that_make_serve_uses(fixture_site):
    settings = json.loads((fixture_site / "settings.json").read_text())
    for target in ("cloudrun", "fly"):
        args = command(target, fixture_site, REQUIREMENTS, CONFIG)
        installed = [args[i + 1] for i, arg in enumerate(args) if arg == "--install"]
        assert installed == pins(REQUIREMENTS) and "datasette==0.65.5" in installed
        text = " ".join(args)
        for name in settings:
            assert f"--setting {name} " in text, f"{target} lacks the setting {name}"
        for path in ("almanac.db", "metadata.yml", "templates", "plugins", "static"):
            assert (fixture_site / path).exists()


def test_the_printed_command_is_the_generated_one(capsys):
    assert build_db.main(["publish", "--to", "fly"]) == 0
    assert capsys.readouterr().out.strip() == shell(command("fly", ROOT, REQUIREMENTS, CONFIG))


def test_an_unknown_target_is_refused():
    with pytest.raises(ValueError, match="publish target must be one of cloudrun, fly"):
        command("vercel", ROOT, REQUIREMENTS, CONFIG)


@pytest.mark.parametrize("target", ["fly", "cloudrun"])
def test_the_replica_serves_the_same_site_immutable_with_the_same_settings(target, fixture_site, tmp_path):
    build, calls = generate(target, fixture_site, tmp_path)
    dockerfile = (build / "Dockerfile").read_text()
    assert f"RUN pip install -U datasette {' '.join(pins(REQUIREMENTS))}\n" in dockerfile
    config = yaml.safe_load(CONFIG.read_text())
    if target == "fly":
        assert f'app = "{config["fly"]["app"]}"' in (build / "fly.toml").read_text()
    else:
        [deploy] = [call for call in calls if call.startswith("run deploy")]
        assert f" {config['cloudrun']['service']} " in deploy and deploy.endswith(f"--max-instances {config['cloudrun']['max_instances']}")
    process, url = serve_container(build)
    try:
        served = json.loads(fetch(f"{url}/-/settings.json")[1])
        for name, value in json.loads((fixture_site / "settings.json").read_text()).items():
            assert served[name] == value, name
        [database] = json.loads(fetch(f"{url}/-/databases.json")[1])
        assert database["is_mutable"] is False
        assert fetch(f"{url}/about")[0] == 200 and fetch(f"{url}/static/almanac.css")[0] == 200
        status, feed = fetch(f"{url}/almanac/new_models.atom")
        assert status == 200 and "<id>http://127.0.0.1:8001/almanac/new_models.atom</id>" in feed
    finally:
        process.terminate()
        process.wait(timeout=10)
