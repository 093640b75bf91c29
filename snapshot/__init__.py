"""The almanac's static snapshot: `python -m snapshot` walks the Datasette site in process and
writes every page a reader can reach as files that any static host can serve under any
sub-path. It talks only to Datasette (pages, JSON, CSV, metadata), never to the build."""
