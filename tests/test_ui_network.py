"""Notebook 05 widgets, driven without a browser: set values, click, check the tracker."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoview.demo import open_demo
from infoview.tracker import Tracker
from infoview.ui.network import CHARTS, ContactImporter, NetworkDashboard
from tests.conftest import TODAY, widgets_under

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def upload(importer: ContactImporter, data: bytes, name: str) -> None:
    """What the browser's FileUpload sends for one file."""
    importer.upload.value = (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2026, 11, 1, tzinfo=UTC),
        },
    )


def test_upload_preview_then_confirm(tracker: Tracker) -> None:
    """Uploading shows the preview and writes nothing; Import writes everyone once."""
    importer = ContactImporter(tracker)
    upload(importer, (SAMPLES / "Connections.csv").read_bytes(), "Connections.csv")
    assert "25</strong> new people" in importer.view.value
    assert importer.confirm.description == "Import 25 people"
    assert not importer.confirm.disabled
    assert tracker.people().empty
    importer.confirm.click()
    assert len(tracker.people()) == 25
    assert "added 25, 0 duplicates, 0 skipped" in importer.status.value
    assert importer.confirm.disabled


def test_vcard_upload_is_detected(tracker: Tracker) -> None:
    """A .vcf upload is read as vCard without choosing the format."""
    importer = ContactImporter(tracker)
    upload(importer, (SAMPLES / "contacts_google_4.0.vcf").read_bytes(), "phone.vcf")
    importer.confirm.click()
    assert tracker.people()["source"].tolist() == ["vcard", "vcard"]


def test_bad_upload_shows_the_problem_and_changes_nothing(tracker: Tracker) -> None:
    """A binary file: the problem is shown inline, Import stays off, nobody is added."""
    importer = ContactImporter(tracker)
    upload(importer, b"\x89PNG\r\n\x1a\n\x00\x00", "photo.csv")
    assert "photo.csv, line 3: holds binary data" in importer.status.value
    assert importer.confirm.disabled
    importer.confirm.click()
    assert tracker.people().empty


def test_sample_button_and_path(tracker: Tracker, tmp_path: Path) -> None:
    """The sample button fills the path and previews; a wrong path says so."""
    importer = ContactImporter(tracker, sample=SAMPLES / "Connections.csv")
    assert importer.try_sample.layout.display == ""
    importer.try_sample.click()
    assert importer.preview is not None
    assert importer.preview.to_add == 25
    importer.path.value = str(tmp_path / "missing.csv")
    importer.read.click()
    assert "cannot be read" in importer.status.value
    assert importer.preview is None
    assert ContactImporter(tracker, sample=tmp_path / "x").try_sample.layout.display == "none"


def test_possible_duplicates_are_offered_to_add_anyway(tracker: Tracker) -> None:
    """Same name and company: listed; selecting one adds it, the rest stay out."""
    tracker.add_person("Yusuf Demir", company="Lumen Labs")
    importer = ContactImporter(tracker)
    upload(importer, (SAMPLES / "Connections.csv").read_bytes(), "Connections.csv")
    assert importer.add_anyway.options == (("line 19: Yusuf Demir (Lumen Labs)", 19),)
    assert importer.add_anyway.layout.display == ""
    assert importer.confirm.description == "Import 24 people"
    importer.add_anyway.value = (19,)
    assert importer.confirm.description == "Import 25 people"
    importer.confirm.click()
    assert (tracker.people()["name"] == "Yusuf Demir").sum() == 2


def test_hostile_names_are_escaped_in_the_preview(tracker: Tracker) -> None:
    """Imported text never becomes markup in the widget."""
    data = b"First Name,Last Name,Connected On\n<img src=x onerror=alert(1)>,X,12 Aug 2026\n"
    importer = ContactImporter(tracker)
    upload(importer, data, "<b>c</b>.csv")
    assert "<img src=x" not in importer.view.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in importer.view.value
    assert "<b>c</b>" not in importer.view.value


def test_import_refreshes_the_dashboard(tracker: Tracker) -> None:
    """An empty dashboard says so; after an import it shows the network's growth."""
    dashboard = NetworkDashboard(tracker, today=TODAY)
    assert "network is empty" in dashboard.view.value
    importer = ContactImporter(tracker, on_import=dashboard.reload)
    upload(importer, (SAMPLES / "Connections.csv").read_bytes(), "Connections.csv")
    importer.confirm.click()
    assert dashboard.chart is not None
    assert dashboard.chart.description.startswith("Your network grew from 1 person")
    assert "<figcaption" in dashboard.view.value
    assert dashboard.sources.options == ("linkedin",)


def test_importer_and_dashboard_show_through_their_roots(tracker: Tracker) -> None:
    """Each shows its root, which carries its class and holds every control the page uses."""
    importer = ContactImporter(tracker)
    dashboard = NetworkDashboard(tracker, today=TODAY)
    for panel, css, controls in (
        (
            importer,
            "iv-import",
            [
                importer.upload,
                importer.path,
                importer.kind,
                importer.read,
                importer.try_sample,
                importer.view,
                importer.add_anyway,
                importer.add_anyway_help,
                importer.confirm,
                importer.status,
            ],
        ),
        (
            dashboard,
            "iv-dashboard",
            [
                dashboard.show,
                dashboard.start,
                dashboard.end,
                dashboard.sources,
                dashboard.ties,
                dashboard.by,
                dashboard.summary,
                dashboard.view,
            ],
        ),
    ):
        bundle = panel._repr_mimebundle_()
        view = bundle["application/vnd.jupyter.widget-view+json"]
        assert view["model_id"] == panel.root.model_id
        assert css in panel.root._dom_classes
        shown = widgets_under(panel.root)
        for control in controls:
            assert any(widget is control for widget in shown), control


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Tracker:
    """The demo persona, shared: the dashboard only reads it."""
    return open_demo(today=TODAY, folder=tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo_dashboard(demo: Tracker) -> NetworkDashboard:
    return NetworkDashboard(demo, today=TODAY)


@pytest.mark.parametrize("key", list(CHARTS))
def test_every_chart_shows_with_its_description(demo_dashboard: NetworkDashboard, key: str) -> None:
    """Each choice draws its chart, with the description beside it."""
    demo_dashboard.show.value = key
    assert demo_dashboard.chart is not None
    assert demo_dashboard.chart.description in demo_dashboard.view.value.replace("&#x27;", "'")


def test_filters_by_source_tie_and_dates(demo_dashboard: NetworkDashboard) -> None:
    """Source and tie filters narrow the people; the dates frame the growth chart."""
    demo_dashboard.sources.value = ("linkedin",)
    assert demo_dashboard.chart is not None
    assert list(demo_dashboard.chart.data.columns) == ["linkedin"]
    assert "Showing 10 of 40 people" in demo_dashboard.summary.value
    demo_dashboard.sources.value = tuple(demo_dashboard.sources.options)
    demo_dashboard.ties.value = ("mentor",)
    assert "Showing 1 of 40 people" in demo_dashboard.summary.value
    demo_dashboard.ties.value = tuple(demo_dashboard.ties.options)
    demo_dashboard.start.value = date(2026, 10, 1)
    demo_dashboard.end.value = date(2026, 10, 31)
    data = demo_dashboard.chart.data
    assert data.index.min().date() == date(2026, 10, 1)
    assert data.index.max().date() <= date(2026, 10, 31)
    demo_dashboard.by.value = "tie"
    assert list(demo_dashboard.chart.data.columns) == ["connection", "ally", "mentor"]


def test_dates_the_wrong_way_round_are_explained(demo_dashboard: NetworkDashboard) -> None:
    """A start after the end gets a note instead of a chart."""
    demo_dashboard.start.value = date(2026, 11, 1)
    demo_dashboard.end.value = date(2026, 10, 1)
    assert "start date is after the end date" in demo_dashboard.summary.value


QUIRKS = Path(__file__).resolve().parent / "data" / "imports"


def test_preview_lists_values_set_aside_and_saves_the_report(
    tracker: Tracker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set-aside values show in the preview; Save the report writes them into the workspace."""
    monkeypatch.setenv("INFOVIEW_DATA_DIR", str(tmp_path / "space"))
    importer = ContactImporter(tracker)
    hidden = QUIRKS / "linkedin_2018_hidden_emails.csv"
    upload(importer, hidden.read_bytes(), hidden.name)
    assert "3 people; 2 imported without an email" in importer.view.value
    assert "urn:li:member:40417" in importer.view.value
    assert importer.save_report.layout.display == ""
    importer.save_report.click()
    saved = tmp_path / "space" / "imports" / "linkedin_2018_hidden_emails-report.csv"
    assert saved.is_file()
    assert "Report saved to" in importer.status.value
    assert "urn:li:member:88120" in saved.read_text(encoding="utf-8-sig")


def test_undecided_dates_ask_and_the_answer_reads_them(tracker: Tracker) -> None:
    """The date order is asked only when the file does not show it; answering re-reads."""
    importer = ContactImporter(tracker)
    assert importer.dates.layout.display == "none"
    undecided = QUIRKS / "linkedin_undecided_dates.csv"
    upload(importer, undecided.read_bytes(), undecided.name)
    assert importer.dates.layout.display == ""
    assert "day first or month first" in importer.status.value
    importer.dates.value = "month-first"
    assert importer.preview is not None
    assert not importer.preview.asks_date_order
    assert [str(d) for d in importer.preview.new["connected_on"]] == ["2026-06-02", "2026-03-04"]
    assert tracker.people().empty
