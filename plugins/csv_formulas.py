"""CSV exports that a spreadsheet opens as data: a cell that would start a formula
(`=HYPERLINK(...)`, `+cmd`, `-2+3`, `@SUM(...)`) gets a leading apostrophe, which spreadsheets
show as text. Numbers keep their sign: `-1.5` is left as it is.

Datasette writes CSV in chunks that can cut a row in two, so an export is collected whole, then
read and written again with the same csv module defaults Datasette uses: an export with no such
cell comes out byte for byte as Datasette wrote it. Exports are bounded by `max_csv_mb`.
"""

import csv
import io
import re

from datasette import hookimpl

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)


def neutralise(cell):
    if cell.startswith(FORMULA_STARTS) and not NUMBER.match(cell):
        return "'" + cell
    return cell


def neutralise_csv(data):
    text = data.decode("utf-8")
    output = io.StringIO(newline="")
    writer = csv.writer(output)
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralise(cell) for cell in row])
    return output.getvalue().encode("utf-8")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def exported(scope, receive, send):
            if scope["type"] != "http" or not scope["path"].endswith(".csv"):
                return await app(scope, receive, send)
            start, chunks = None, []

            async def collect(message):
                nonlocal start
                if message["type"] == "http.response.start":
                    start = message
                    return
                if message["type"] != "http.response.body":
                    return await send(message)
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                if start["status"] == 200:
                    body = neutralise_csv(body)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
                headers.append((b"content-length", str(len(body)).encode()))
                await send(dict(start, headers=headers))
                await send({"type": "http.response.body", "body": body})

            return await app(scope, receive, collect)

        return exported

    return wrap
