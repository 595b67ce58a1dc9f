"""Adding many lines in the simulated browser: the template downloaded, the shipped file
uploaded and its problems shown on their cells in the fleet manager's language, a cell
corrected in place, a refused file explained with nothing lost, the ready lines sent."""

import io

from nicegui import ui
from nicegui.testing import User
from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from tests.conftest import LUMIERE, NOVA
from tests.fixtures import bulk
from tests.ui_helpers import sign_in

READ_POLLS = 100  # the file is read in a process of its own: a second or so on a loaded machine


async def upload(user: User, name: str, data: bytes) -> None:
    with user.client:
        (uploader,) = user.find(marker="sheet-upload").elements
    assert isinstance(uploader, ui.upload)
    await uploader.handle_uploads([ui.upload.SmallFileUpload(name, "text/csv", data)])


async def open_every_kind(user: User, language: str = "en") -> str:
    await sign_in(user, NOVA, language=language)
    await user.open("/bulk")
    await upload(user, "every_kind.csv", bulk.every_kind())
    await user.should_see(marker="sheet-summary", retries=READ_POLLS)
    return str(user.back_history[-1]) if user.back_history else ""


def cell(user: User, number: int, column: str) -> ui.input:
    with user.client:
        (found,) = user.find(marker=f"cell-{number}-{column}").elements
    assert isinstance(found, ui.input)
    return found


async def test_the_uploaded_file_shows_each_problem_on_its_cell_in_the_users_language(
    user: User,
) -> None:
    await open_every_kind(user, "nl")  # chosen at sign-in: Sofie's own is English
    await user.should_see("23 lijnen: 5 klaar om te versturen, 18 te verbeteren, 0 verstuurd")
    assert not cell(user, 2, "end_user").props.get("error")
    with user.client:
        (pages,) = user.find(marker="sheet-pages").elements
    assert isinstance(pages, ui.pagination)
    pages.value = 2  # rows 12 to 21
    await user.should_see(marker="row-14")
    customer = cell(user, 14, "customer_number")
    assert customer.props.get("error") is True
    assert customer.props["error-message"] == (
        "7.20077001 is geen klantnummer van uw bedrijf: schrijf een nummer uit de lijst. "
        "Een van: 7.10045821, 7.10045822"
    )


async def test_a_cell_corrected_in_place_loses_its_problem_and_the_counts_follow(
    user: User,
) -> None:
    await open_every_kind(user)
    await user.should_see("23 lines: 5 ready to send, 18 to correct, 0 sent")
    # Row 11 has the SIM card of another company's line.
    typed_in = cell(user, 11, "sim_digits")
    next_cell = cell(user, 11, "esim_email")
    user.find(marker="cell-11-sim_digits").clear().type("8932000012600").trigger("blur")
    await user.should_see("23 lines: 6 ready to send, 17 to correct, 0 sent", retries=READ_POLLS)
    assert cell(user, 11, "sim_digits").value == "8932000012600"
    assert not cell(user, 11, "sim_digits").props.get("error")
    # The row is updated in place, not drawn again: the cell the keyboard went on to is kept.
    assert cell(user, 11, "sim_digits") is typed_in and cell(user, 11, "esim_email") is next_cell


async def test_only_the_lines_to_correct_are_listed_on_demand_a_page_at_a_time(
    user: User,
) -> None:
    await open_every_kind(user)
    await user.should_see(marker="row-2")
    user.find(marker="only-problems").click()
    await user.should_not_see(marker="row-2")
    await user.should_see(marker="row-6")
    await user.should_not_see(marker="row-17")  # on the second page of 10
    with user.client:
        (pages,) = user.find(marker="sheet-pages").elements
    assert isinstance(pages, ui.pagination) and pages.max == 2
    pages.value = 2
    await user.should_see(marker="row-17")


async def test_a_refused_file_says_what_to_do_and_the_page_stays(user: User) -> None:
    await sign_in(user, NOVA, language="nl")
    await user.open("/bulk")
    await upload(user, "lines.csv", b'Request type;End user\nnew;=HYPERLINK("x")\n')
    await user.should_see(
        "Dit bestand bevat een formule (in cel B2), die hier nooit berekend wordt.",
        retries=READ_POLLS,
    )
    await user.should_see(marker="sheet-upload")


async def test_the_ready_lines_are_sent_and_shown_with_their_orders(user: User) -> None:
    await open_every_kind(user)
    user.find(marker="send-sheet").click()
    await user.should_see(
        "4 orders placed, 1 requests sent to employees, 0 lines not sent", retries=READ_POLLS
    )
    await user.should_see("23 lines: 0 ready to send, 18 to correct, 5 sent")
    with user.client:
        (status,) = user.find(marker="status-2").elements
    reference = str(getattr(status, "text", ""))
    await user.open("/orders")
    with user.client:
        (table,) = user.find(marker="all-orders").elements
    assert isinstance(table, ui.table)
    assert reference in [row["reference"] for row in table.rows]


async def test_the_template_downloads_in_the_users_language(user: User) -> None:
    await sign_in(user, NOVA, language="nl")
    await user.open("/bulk")
    user.find(marker="template-xlsx").click()
    response = await user.download.next(timeout=10)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.title == "Lijnen" and sheet["A1"].value == "Soort aanvraag"


async def test_another_companys_file_is_not_found(user: User, engine: Engine) -> None:
    await open_every_kind(user)
    path = user.back_history[-1] if user.back_history else ""
    assert path.startswith("/bulk/")
    await user.open("/session/end")
    await sign_in(user, LUMIERE)
    await user.open(path)
    await user.should_see(marker="not-found")
    await user.should_not_see("Julie Jacobs")


async def test_a_row_removed_after_asking_is_gone_and_its_clash_with_it(user: User) -> None:
    await open_every_kind(user)
    with user.client:
        (pages,) = user.find(marker="sheet-pages").elements
    assert isinstance(pages, ui.pagination)
    pages.value = 2  # rows 12 to 21: 12 and 13 write the same SIM card
    await user.should_see(marker="row-13")
    user.find(marker="remove-13").click()
    await user.should_see("Remove row 13? It will not be sent; the file itself is not changed.")
    user.find(marker="remove-row-confirm").click()
    await user.should_see("22 lines: 6 ready to send, 16 to correct, 0 sent", retries=READ_POLLS)
    await user.should_not_see(marker="row-13")
    assert not cell(user, 12, "sim_digits").props.get("error")
