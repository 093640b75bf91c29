"""Writing generated files so that a reader never sees half of one."""

import os
from pathlib import Path


def write_text_atomically(path, text):
    """Write `text` to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
