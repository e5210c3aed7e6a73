"""Write a Presentation reproducibly (fixed times and properties) and atomically (temp file, then rename)."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.serialized import _ContentTypesItem  # python-pptx is pinned; its writer has no hook for entry times
from pptx.oxml.ns import qn

from ..problems import DeckError, Problem, describe
from ..source.model import Meta


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
    link_notes_master(prs)
    return _package(prs, stamp)


def link_notes_master(prs) -> None:
    """List the notes master in presentation.xml (p:notesMasterIdLst): python-pptx 1.0.2 adds the part but not
    the list, and Keynote then drops every speaker note."""
    presentation = prs.part._element
    if presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    master = next((rel for rel in prs.part.rels.values() if rel.reltype == RT.NOTES_MASTER), None)
    if master is None:
        return
    id_list = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(id_list, qn("p:notesMasterId")).set(qn("r:id"), master.rId)
    presentation.find(qn("p:sldMasterIdLst")).addnext(id_list)


FIRST_STAMP, LAST_STAMP = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)  # a zip entry's range


def _timestamp(meta: Meta, epoch: int | None) -> dt.datetime:
    """The deck's one date: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else deck.yaml's date."""
    if epoch is None and os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        text = os.environ["SOURCE_DATE_EPOCH"].strip()
        if not text.isdigit():
            raise DeckError([Problem(None, None, "SOURCE_DATE_EPOCH", f"not a number of seconds (expected seconds "
                                                                      f"since 1970-01-01, got {describe(text)})")])
        epoch = int(text)
    if epoch is not None:
        last = int(LAST_STAMP.replace(tzinfo=dt.timezone.utc).timestamp())
        if epoch > last:  # checked before a timedelta of it, which overflows past year 9999
            raise DeckError([Problem(None, None, "SOURCE_DATE_EPOCH", f"date out of range (expected a time up to "
                                                                      f"{LAST_STAMP:%Y-%m-%d}, which a .pptx file can "
                                                                      f"hold, got {epoch} seconds)")])
        stamp = FIRST_STAMP + dt.timedelta(seconds=max(0, epoch - int(FIRST_STAMP.replace(tzinfo=dt.timezone.utc).timestamp())))
        if stamp > LAST_STAMP:
            raise DeckError([Problem(None, None, "SOURCE_DATE_EPOCH", f"date out of range (expected a time up to "
                                                                      f"{LAST_STAMP:%Y-%m-%d}, which a .pptx file can "
                                                                      f"hold, got {epoch} seconds)")])
        return stamp
    return dt.datetime.strptime(meta.date, "%Y-%m-%d")


def _package(prs, stamp: dt.datetime) -> bytes:
    """Zip the package as python-pptx's writer does, but with every entry stamped with the deck's date."""
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    package = prs.part.package
    parts = list(package.iter_parts())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        def put(name: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, blob)

        put(CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts)))
        put(PACKAGE_URI.rels_uri.membername, package._rels.xml)
        for part in parts:
            put(part.partname.membername, part.blob)
            if part._rels:
                put(part.partname.rels_uri.membername, part.rels.xml)
    return out.getvalue()
