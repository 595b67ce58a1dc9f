"""Languages the end user can receive e-mails in, and the app can be shown in."""

from enum import StrEnum


class Language(StrEnum):
    FR = "fr"
    NL = "nl"
    EN = "en"

    @property
    def native_name(self) -> str:
        """The language's name in itself: shown untranslated, so everyone finds their own."""
        return _NATIVE_NAMES[self]


_NATIVE_NAMES = {Language.FR: "Français", Language.NL: "Nederlands", Language.EN: "English"}
