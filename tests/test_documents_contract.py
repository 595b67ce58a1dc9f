"""The Invoice Split contract: a PDF that parses, pre-filled, in the end user's language."""

import io
from dataclasses import replace
from datetime import date

import pypdf
import pytest

from storage.contract_pdf import ContractDetails, contract_filename, contract_pdf

DETAILS = ContractDetails(
    company_name="Nova Logistics NV",
    enterprise_number="0412345614",
    end_user_name="Chloé Leroy",
    end_user_email="chloe.leroy@nova-logistics.be",
    number_e164="+32470123456",
    plan_name="Shape M",
    customer_number="7.10045821",
    sub_division_name="Sales team",
    profile_name="Company pays €30",
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
        "Company pays €30",
        amount,
        when,
        "FS-2026-0042",
    ):
        assert value in text, value


@pytest.mark.parametrize("language", LOCALISED)
def test_the_contract_for_a_new_number_says_so_in(language: str) -> None:
    new_number = LOCALISED[language][3]
    assert new_number in pdf_text(replace(DETAILS, language=language, number_e164=None))


@pytest.mark.parametrize("language", LOCALISED)
def test_the_contract_fits_on_one_page_in(language: str) -> None:
    pdf = contract_pdf(replace(DETAILS, language=language))
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
