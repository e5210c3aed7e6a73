"""`build.py check`: every rule has a passing fixture (a deck as built) and a failing one (the same deck broken in
exactly the way the rule is about)."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

from lecturedeck.cli import cli
from conftest import ROOT, require_tool
from lecturedeck.check import access, assets, clients, fit, package
from lecturedeck.check.findings import Built
from lecturedeck.commands.build import build
from lecturedeck.commands.new import scaffold


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def lecture(tmp_path_factory) -> Path:
    """A scaffolded deck with a picture in its slot (with credit), so the good fixture has nothing to report."""
    folder = scaffold(tmp_path_factory.mktemp("check") / "lecture")
    Image.new("RGB", (800, 600), "#8899AA").save(folder / "assets/posters/example-picture.jpg")
    outline = folder / "outline/01-main.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("        caption: Put a picture", "        credit: Photograph by the lecturer, 2026\n"
                                    "        caption: Put a picture"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def good(lecture, tmp_path_factory) -> Path:
    return build(lecture, tmp_path_factory.mktemp("good")).path


def built(lecture: Path, path: Path, **changes) -> Built:
    """The checker's view of a deck file: reopened, with the model the scaffold deck renders from."""
    result = build(lecture, path.parent / "model")
    deck = result.resolved.deck
    return Built(changes.get("locale", "en"), path, Presentation(str(path)), deck, result.resolved.theme,
                 changes.get("warnings", result.warnings))


def broken(good: Path, tmp_path: Path, edit) -> Path:
    """A copy of the good deck changed through python-pptx by `edit(prs)`."""
    prs = Presentation(str(good))
    edit(prs)
    target = tmp_path / good.name
    prs.save(str(target))
    return target


def rewrite(good: Path, tmp_path: Path, member: str, edit) -> Path:
    """A copy of the good deck with one package member's bytes changed by `edit(bytes) -> bytes`."""
    target = tmp_path / good.name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info, edit(data) if info.filename == member else data)
    return target


def bullets_slide(prs):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text.startswith("Bullet"))


def body_run(prs):
    return bullets_slide(prs).placeholders[1].text_frame.paragraphs[0].runs[0]


FAILING = {
    "fit": (fit.check_fit, lambda prs: setattr(body_run(prs), "text", "a long bullet that goes on " * 60)),
    "a11y.alt-text": (access.check_alt_text, lambda prs: [
        pic._element.nvPicPr.cNvPr.set("descr", "") for s in prs.slides for pic in s.shapes if pic.shape_type == 13]),
    "a11y.title": (access.check_titles, lambda prs: setattr(prs.slides[-2].shapes.title, "text", prs.slides[-3].shapes.title.text)),
    "a11y.reading-order": (access.check_reading_order, lambda prs: bullets_slide(prs).shapes._spTree.append(
        bullets_slide(prs).shapes.title._element)),
    "a11y.font-size": (access.check_font_size, lambda prs: body_run(prs)._r.rPr.set("sz", "1000")),
    "a11y.contrast": (access.check_contrast, lambda prs: body_run(prs)._r.rPr.find(
        f"{qn('a:solidFill')}/{qn('a:srgbClr')}").set("val", "DDDDDD")),  # light grey on white
    "a11y.lang": (access.check_language, lambda prs: body_run(prs)._r.rPr.attrib.pop("lang")),
}


def broken_slide(rule: str, prs) -> int:
    """The 1-based number of the slide FAILING's edit for `rule` breaks (the first one, when it breaks several)."""
    if rule == "a11y.alt-text":
        return next(n for n, s in enumerate(prs.slides, 1) if any(shape.shape_type == 13 for shape in s.shapes))
    if rule == "a11y.title":
        return len(prs.slides) - 1  # the second to last slide takes the title of the one before it
    return list(prs.slides).index(bullets_slide(prs)) + 1


@pytest.mark.parametrize("rule", FAILING)
def test_rule_passes_on_the_built_deck_and_fails_on_the_broken_one(rule, lecture, good, tmp_path):
    checker, edit = FAILING[rule]
    assert [f.format() for f in checker(built(lecture, good)) if f.rule == rule] == []
    view = built(lecture, broken(good, tmp_path, edit))
    findings = [f for f in checker(view) if f.rule == rule]
    assert findings, f"{rule} found nothing wrong"
    finding = findings[0]
    number = broken_slide(rule, Presentation(str(good)))
    assert (finding.level, finding.slide, finding.slide_id) == ("error", number, view.slide_id(number))
    assert finding.file == view.deck.origin(finding.slide_id)[0], "placed in the outline file that holds the slide"
    assert f"[{rule}]" in finding.format()


def test_contrast_ratio_matches_wcag():
    assert access.contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert access.contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert access.contrast("5B6770", "FFFFFF") > 4.5  # the theme's muted text


def test_chinese_text_tagged_english_is_a_language_finding(lecture, good, tmp_path):
    def edit(prs):
        body_run(prs).text = "大躍進"
        body_run(prs)._r.rPr.set("lang", "en-US")

    findings = access.check_language(built(lecture, broken(good, tmp_path, edit)))
    assert any("tagged en-US" in f.message for f in findings)


PACKAGE = {
    "package.shape-ids": ("ppt/slides/slide3.xml", lambda xml: xml.replace(b'<p:cNvPr id="3"', b'<p:cNvPr id="2"', 1)),
    "package.notes-master": ("ppt/presentation.xml", lambda xml: xml.split(b"<p:notesMasterIdLst>")[0] +
                             xml.split(b"</p:notesMasterIdLst>")[1]),
    "package.escapes": ("ppt/slides/slide4.xml", lambda xml: xml.replace(b"Bullet slides", b"Bullet_x0007_ slides", 1)),
    "package.relationships": ("ppt/slides/_rels/slide3.xml.rels", lambda xml: xml.replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             b'relationships/image" Target="../media/missing.png"/></Relationships>')),
}


@pytest.mark.parametrize("rule", PACKAGE)
def test_package_rules(rule, lecture, good, tmp_path):
    member, edit = PACKAGE[rule]
    assert [f.format() for f in package.check_package(built(lecture, good))] == []
    with zipfile.ZipFile(good) as archive:
        assert member in archive.namelist()
        original = archive.read(member)
    assert edit(original) != original, "the failing fixture must change the file"
    findings = package.check_package(built(lecture, rewrite(good, tmp_path, member, edit)))
    assert [f.rule for f in findings] == [rule], [f.format() for f in findings]


def test_build_warnings_become_asset_findings(lecture, good, tmp_path):
    assert assets.check_build_warnings(built(lecture, good)) == []
    bare = tmp_path / "bare"
    shutil.copytree(lecture, bare)
    (bare / "assets/posters/example-picture.jpg").unlink()
    findings = assets.check_build_warnings(built(bare, build(bare, tmp_path / "out").path))
    assert [f.rule for f in findings] == ["assets.slot"]
    assert findings[0].level == "warning" and findings[0].line and findings[0].slide_id == "image-example"
    uncredited = tmp_path / "uncredited"
    shutil.copytree(lecture, uncredited)
    outline = uncredited / "outline/01-main.yaml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("        credit: Photograph by the lecturer, 2026\n", ""),
                       encoding="utf-8")
    findings = assets.check_build_warnings(built(uncredited, build(uncredited, tmp_path / "out2").path))
    assert [f.rule for f in findings] == ["assets.credit"]


def test_data_rows_need_documented_sources(lecture, good, tmp_path):
    assert assets.check_data_sources(built(lecture, good)) == []
    copy = tmp_path / "copy"
    shutil.copytree(lecture, copy)
    data = copy / "assets/data/example.csv"
    data.write_text("label,value,source\nFirst,3.5,example\nSecond,5.0,\nThird,2.5,made_up\n", encoding="utf-8")
    messages = [f.message for f in assets.check_data_sources(built(copy, build(copy, tmp_path / "o").path))]
    assert any("rows without a source at lines 3" in m for m in messages)
    assert any("not documented" in m and "made_up" in m for m in messages)
    data.write_text("label,value\nFirst,3.5\n", encoding="utf-8")
    messages = [f.message for f in assets.check_data_sources(built(copy, build(copy, tmp_path / "o2").path))]
    assert messages and "has no source column" in messages[0]


def test_reopen_and_libreoffice_fail_on_a_corrupt_file(lecture, good, tmp_path):
    assert clients.check_reopen(built(lecture, good)) == []
    view = built(lecture, good)
    corrupt = tmp_path / good.name
    corrupt.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    view.path = corrupt
    assert [f.rule for f in clients.check_reopen(view)] == ["reopen"]
    require_tool("soffice")
    assert clients.check_libreoffice(built(lecture, good)) == []
    assert [f.rule for f in clients.check_libreoffice(view)] == ["render"]


def _require_validator() -> str:
    command = clients.validator()
    if command:
        return command
    if os.environ.get("CI") == "true":
        pytest.fail("the Open XML validator is required under CI=true (make setup installs it with npm)")
    pytest.skip("the Open XML validator is not installed (make setup installs it with npm)")


def test_open_xml_validator_accepts_the_deck_and_rejects_a_broken_one(lecture, good, tmp_path):
    _require_validator()
    assert clients.check_validator(built(lecture, good)) == []
    bad = rewrite(good, tmp_path, "ppt/slides/slide3.xml", lambda xml: xml.replace(b'<a:off x="', b'<a:off x="NaN', 1))
    findings = clients.check_validator(built(lecture, bad))
    assert findings and findings[0].rule == "validator" and findings[0].slide == 3 and "NaN" in findings[0].message


# -- the command ------------------------------------------------------------------------------------------------------


def test_check_command_reports_every_locale_and_exits_by_errors(lecture):
    result = run("check", lecture, "--format", "json", "--no-clients")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and report["errors"] == 0 and list(report["locales"]) == ["en"]

    run("i18n", "init", "fr", lecture)
    try:
        text = run("check", lecture, "--no-clients")
        assert text.exit_code == 0
        assert "fr: " in text.stdout and "[i18n.fallback] warning: untranslated, English used" in text.stdout
        strict = run("check", lecture, "--no-clients", "--strict")
        assert strict.exit_code == 1 and "[i18n.fallback] untranslated" in strict.stdout
    finally:
        (lecture / "locales/fr.po").unlink()


def test_check_on_the_lecture_has_no_errors_in_any_locale():
    result = run("check", ROOT / "deck", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 0, [f for loc in report["locales"].values() for f in loc["findings"] if f["level"] == "error"]
    assert sorted(report["locales"]) == ["en", "zh_Hans", "zh_Hant"]
    rules = {f["rule"] for loc in report["locales"].values() for f in loc["findings"]}
    assert rules <= {"assets.slot", "validator", "render"}, rules  # only the pictures the lecturer has yet to add


def test_export_writes_pdf_slide_images_and_a_contact_sheet(lecture, tmp_path):
    require_tool("soffice")
    require_tool("pdftoppm")
    result = run("export", lecture, "--out", tmp_path)
    assert result.exit_code == 0, result.output
    stem = next(tmp_path.glob("*-en.pptx")).stem
    assert (tmp_path / f"{stem}.pdf").is_file()
    pngs = sorted((tmp_path / stem).glob("slide-*.png"))
    assert len(pngs) == len(Presentation(str(tmp_path / f"{stem}.pptx")).slides)
    with Image.open(tmp_path / f"{stem}-contact.png") as sheet:
        assert sheet.width > 1000 and sheet.height > 200
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"{stem}.pptx", f"{stem}.pdf", stem, f"{stem}-contact.png"]), \
        "the export folder holds what reviewers need, no build cache"
    only_pdf = run("export", lecture, "--out", tmp_path / "pdf", "--pdf")
    assert only_pdf.exit_code == 0 and not list((tmp_path / "pdf").glob("*-contact.png"))
    assert not (tmp_path / "pdf" / ".cache").exists()
