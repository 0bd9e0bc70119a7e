"""Every error geomap raises, under one root, each also a matching builtin."""


class GeomapError(Exception):
    """Root of geomap's errors: catch this to catch them all."""


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer cannot be built or loaded."""


class ReportError(GeomapError, ValueError):
    """A report cannot be read, decoded or parsed; the message names the file and the fix."""


class ReportDecodeError(ReportError):
    """The bytes of a report are not text in any encoding geomap accepts."""


class ConflictTableError(GeomapError, RuntimeError):
    """A conflict profile (data/conflicts/*.json, or one passed in) is missing or malformed; the message says what to fix."""


class StoreError(GeomapError, RuntimeError):
    """The embedded store cannot be opened or written."""


class StoreBusyError(StoreError, TimeoutError):
    """Another ingest held the store's writer lock for longer than this one would wait."""


class FilterError(GeomapError, ValueError):
    """An incident filter holds a value it cannot mean (a date that is not ISO, an unknown precision code)."""


class ReviewError(GeomapError, ValueError):
    """A review cannot be made as asked (no such incident, an empty note, a value out of range); the message says why."""


class EvalError(GeomapError, ValueError):
    """A gold file for `geomap eval` is malformed."""


class ExportError(GeomapError, ValueError):
    """An export cannot be written (bad path, bad format, existing file)."""
