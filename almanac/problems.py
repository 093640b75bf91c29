"""A problem found in the records: where it is, which field, and what was expected."""

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: Optional[int]
    record: Optional[str]  # the record's id (or key values joined by commas)
    field: Optional[str]
    message: str

    def __str__(self):
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        parts = [where]
        if self.record:
            parts.append(f"record {self.record!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join(parts) + f": {self.message}"


@dataclass(frozen=True)
class Location:
    """Where a record was read from."""

    path: str
    line: int
    field_lines: tuple = ()  # (field, line) pairs, where a format knows each field's line

    def line_of(self, field):
        return dict(self.field_lines).get(field, self.line)

    def problem(self, message, field=None, record=None):
        return Problem(self.path, self.line_of(field), record, field, message)
