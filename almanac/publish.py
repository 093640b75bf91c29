"""The commands that publish read-only replicas, generated from what `make serve` serves.

`make serve` runs `datasette serve .` on the configuration folder: almanac.db (immutable, with
inspect-data.json), metadata.yml, settings.json, templates/, plugins/ and static/, with the
packages pinned in requirements.txt. `datasette publish cloudrun` and `datasette publish fly`
take the same things as options; this writes those options from the same files, so a replica
cannot drift from the local server. Both build a container that installs the pins, runs
`datasette inspect` and serves the database immutable (`-i`), which lets a CDN in front cache
every answer for `default_cache_ttl` (config/settings.yml).
"""

import json
import re
import shlex
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import yaml

TARGETS = ("cloudrun", "fly")
PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==\S+$")


def pins(requirements):
    """Every `name==version` line of requirements.txt, in order."""
    lines = [line.strip() for line in Path(requirements).read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if PIN.match(line)]


def setting_args(settings_file):
    """`--setting name value` for every setting in settings.json (booleans as on and off)."""
    settings = json.loads(Path(settings_file).read_text(encoding="utf-8"))
    args = []
    for name, value in settings.items():
        text = ("on" if value else "off") if isinstance(value, bool) else str(value)
        args += ["--setting", name, text]
    return args


def command(target, site, requirements, config_file):
    """The `datasette publish` command line (a list) for `target`, run in the folder `site`."""
    if target not in TARGETS:
        raise ValueError(f"publish target must be one of {', '.join(TARGETS)}, got {target!r}")
    config = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
    site = Path(site)
    args = ["datasette", "publish", target, "almanac.db", "--metadata", "metadata.yml"]
    args += ["--template-dir", "templates", "--plugins-dir", "plugins", "--static", "static:static"]
    for pin in pins(requirements):
        args += ["--install", pin]
    settings = setting_args(site / "settings.json")
    # Absolute addresses Datasette builds itself follow the public address's scheme (Cloud Run's
    # publisher would otherwise force https, and the feeds would disagree with public_url).
    metadata = yaml.safe_load((site / "metadata.yml").read_text(encoding="utf-8"))
    https = urlsplit(metadata["plugins"]["almanac"]["public_url"]).scheme == "https"
    settings += ["--setting", "force_https_urls", "on" if https else "off"]
    if target == "cloudrun":
        # Cloud Run's publisher takes settings only as options for `datasette serve`.
        cloudrun = config["cloudrun"]
        return args + ["--service", cloudrun["service"], "--max-instances", str(cloudrun["max_instances"]), "--extra-options", " ".join(settings)]
    return args + ["--app", config["fly"]["app"], *settings]


def shell(args):
    return " ".join(shlex.quote(arg) for arg in args)


def publish(target, project, run=False):
    """Print the command for `target`, or run it (`datasette` from the project's environment)."""
    project = Path(project)
    args = command(target, project, project / "requirements.txt", project / "config" / "publish.yml")
    if not run:
        print(shell(args))
        return 0
    executable = project / ".venv" / "bin" / "datasette"
    return subprocess.run([str(executable) if executable.exists() else args[0], *args[1:]], cwd=project).returncode
