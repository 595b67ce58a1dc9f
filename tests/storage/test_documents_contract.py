"""The Invoice Split contract: a PDF that parses, pre-filled, in the end user's language."""

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from storage.documents.contract_pdf import ContractDetails, contract_filename, contract_pdf

DETAILS = ContractDetails(
    company_name="Nova Logistics NV",
    enterprise_number="0412345614",
    end_user_name="Chloé Leroy",
    end_user_email="chloe.leroy@nova-logistics.be",
    number_e164="+32470123456",
    plan_name="Shape M",
    customer_number="7.10045821",
    sub_division_name="Sales team",
    company_cap_cents=3000,
    date=date(2026, 3, 5),
    language="en",
    reference="FS-2026-0042",
)

# language: (heading, company-pays amount the Belgian way, date, "new number" text)
LOCALISED = {
    "fr": ("Contrat Invoice Split", "30,00 €", "5 mars 2026", "Nouveau numéro"),
    "nl": ("Invoice Split-contract", "€ 30,00", "5 maart 2026", "Nieuw nummer"),
    "en": ("Invoice Split contract", "30,00 €", "5 March 2026", "New number"),
}


# language: headings of the employee, mobile line, to-complete and signatures parts; the start
# of the statement agreeing to the invoices "at the e-mail address above"
PARTS = {
    "fr": (
        "L'employé",
        "La ligne mobile",
        "À compléter par l'employé",
        "Signatures",
        "J'accepte de recevoir",
    ),
    "nl": (
        "De werknemer",
        "De mobiele lijn",
        "In te vullen door de werknemer",
        "Handtekeningen",
        "Ik ga ermee akkoord",
    ),
    "en": (
        "The employee",
        "The mobile line",
        "To be completed by the employee",
        "Signatures",
        "I agree to receive",
    ),
}
PHYSICAL_SIM = replace(
    DETAILS, end_user_email=""
)  # the end user's e-mail is asked only for an eSIM


def pdf_text(details: ContractDetails) -> str:
    reader = pypdf.PdfReader(io.BytesIO(contract_pdf(details)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\xa0", " ")  # Babel puts a no-break space between amount and €


@pytest.mark.parametrize("language", LOCALISED)
def test_the_contract_shows_what_the_request_knows_in(language: str) -> None:
    heading, amount, when, _new_number = LOCALISED[language]
    text = pdf_text(replace(DETAILS, language=language))
    for value in (
        heading,
        "Nova Logistics NV",
        "0412.345.614",
        "Chloé Leroy",
        "chloe.leroy@nova-logistics.be",
        "+32 470 12 34 56",
        "Shape M",
        "7.10045821",
        "Sales team",
        amount,
        when,
        "FS-2026-0042",
    ):
        assert value in text, value


@pytest.mark.parametrize("language", LOCALISED)
def test_the_contract_for_a_new_number_says_so_in(language: str) -> None:
    new_number = LOCALISED[language][3]
    assert new_number in pdf_text(replace(DETAILS, language=language, number_e164=None))


def part(text: str, heading: str, next_heading: str) -> list[str]:
    """The lines of the contract between two headings."""
    lines = text.splitlines()
    start = lines.index(heading)
    return lines[start + 1 : lines.index(next_heading, start)]


@pytest.mark.parametrize("language", LOCALISED)
def test_the_profile_is_described_by_its_amount_in_the_contract_language(language: str) -> None:
    """Not by the profile's seed name ("Company pays €25": English, and not how French or
    Dutch write money)."""
    text = pdf_text(replace(DETAILS, language=language, company_cap_cents=2500))
    up_to = {"fr": "jusqu'à 25,00 € par mois", "nl": "tot € 25,00 per maand"}
    assert up_to.get(language, "up to 25,00 € a month") in text


@pytest.mark.parametrize("language", LOCALISED)
def test_a_physical_sim_contract_has_the_employee_write_their_e_mail_in(language: str) -> None:
    employee, mobile_line, to_complete, signatures, agreement = PARTS[language]
    text = pdf_text(replace(PHYSICAL_SIM, language=language))
    assert not any(line.startswith("E-mail") for line in part(text, employee, mobile_line))
    completed = part(text, to_complete, signatures)
    agreed = next(i for i, line in enumerate(completed) if line.startswith(agreement))
    assert "E-mail" in completed[:agreed]  # a label alone: a line to write on, above the agreement


@pytest.mark.parametrize("language", LOCALISED)
def test_a_known_e_mail_is_pre_filled_under_the_employee_in(language: str) -> None:
    employee, mobile_line, to_complete, signatures, _agreement = PARTS[language]
    text = pdf_text(replace(DETAILS, language=language))
    assert "E-mail chloe.leroy@nova-logistics.be" in part(text, employee, mobile_line)
    assert not any(line.startswith("E-mail") for line in part(text, to_complete, signatures))


@pytest.mark.parametrize("language", LOCALISED)
@pytest.mark.parametrize("details", [DETAILS, PHYSICAL_SIM], ids=["esim", "physical-sim"])
def test_the_contract_fits_on_one_page_in(details: ContractDetails, language: str) -> None:
    pdf = contract_pdf(replace(details, language=language, number_e164=None))
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1


def test_a_name_with_letters_outside_the_pdf_font_keeps_its_base_letters() -> None:
    text = pdf_text(replace(DETAILS, end_user_name="Łukasz Dvořák"))
    assert "Lukasz Dvorák" in text


def test_the_file_name_carries_the_localised_title_and_the_reference() -> None:
    assert (
        contract_filename(replace(DETAILS, language="fr"))
        == "contrat-invoice-split-FS-2026-0042.pdf"
    )


def test_without_a_reference_the_file_name_carries_the_date() -> None:
    details = replace(DETAILS, language="nl", reference=None)
    assert contract_filename(details) == "invoice-split-contract-2026-03-05.pdf"
