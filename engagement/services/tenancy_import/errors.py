"""The errors an import finds: every one counted, the first few by line kept to show."""

import heapq
import itertools


class ErrorList:
    """Counts every error but keeps only the first few by line, whatever order they arrive in."""

    def __init__(self, keep: int):
        self.keep = keep
        self.count = 0
        self._heap = []  # the kept errors, largest line first (negated), so the last is cheap to drop
        self._order = itertools.count()

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.count += 1
        entry = (-(line or 0), -next(self._order), line, column, message)
        if len(self._heap) < self.keep:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heappushpop(self._heap, entry)

    def count_unlisted(self, number: int) -> None:
        """Count errors found (by SQL) but not handed over, being beyond the first `keep`."""
        self.count += number

    def listed(self) -> list[str]:
        return [_describe(line, column, message) for *_, line, column, message in sorted(self._heap, reverse=True)]


def _describe(line: int | None, column: str | None, message: str) -> str:
    if line is None:
        return message
    if column is None:
        return f"Line {line}: {message}"
    return f"Line {line}, {column}: {message}"
