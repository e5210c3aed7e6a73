"""Write a Presentation reproducibly (fixed times and properties) and atomically (temp file, then rename)."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from .model import Meta


def deck_bytes(prs, meta: Meta, locale: str, epoch: int | None = None) -> bytes:
    """The .pptx bytes with document properties and zip entry times fixed, so equal inputs give equal files."""
    stamp = _timestamp(meta, epoch)
    props = prs.core_properties
    props.title = meta.title
    props.author = meta.author
    props.subject = meta.course
    props.keywords = meta.term
    props.language = locale.replace("_", "-")
    props.last_modified_by = meta.author
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.comments = ""
    props.category = "Lecture"
    raw = io.BytesIO()
    prs.save(raw)
    return _normalise_zip(raw.getvalue(), stamp)


def _timestamp(meta: Meta, epoch: int | None) -> dt.datetime:
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.strptime(meta.date, "%Y-%m-%d")


def _normalise_zip(data: bytes, stamp: dt.datetime) -> bytes:
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` through a temporary file in the same folder; the old file stays whole on any failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
