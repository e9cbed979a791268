from __future__ import annotations

import pytest

from fmcheatsheet.licences import CustomLicence, LicenceError, check_licence, labelled, licence_class

CUSTOM = {"LicenseRef-Llama-2": CustomLicence("LicenseRef-Llama-2", "Llama 2 Community License", "responsible-use")}


@pytest.mark.parametrize(
    ("value", "cls"),
    [
        ("MIT", "permissive"),
        ("Apache-2.0", "permissive"),
        ("CC-BY-4.0", "permissive"),
        ("ODC-By-1.0", "permissive"),
        ("W3C-20150513", "permissive"),  # a dated version of the W3C licence is the same licence
        ("AML", "permissive"),  # the Apple MIT License: MIT's terms, and Apple's name not to be used
        ("CC-BY-SA-4.0", "copyleft"),
        ("GPL-3.0-only", "copyleft"),
        ("CC-BY-NC-4.0", "non-commercial"),
        ("CC-BY-ND-4.0", "no-derivatives"),
        ("LicenseRef-Llama-2", "responsible-use"),
        ("MIT OR GPL-3.0-only", "permissive"),
        ("MIT AND CC-BY-NC-SA-4.0", "non-commercial"),
        ("(MIT OR Apache-2.0) AND CC-BY-SA-4.0", "copyleft"),
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", "copyleft"),
        ("proprietary", "proprietary"),
        ("various", "various"),
        ("unknown", "unknown"),
        ("Zed", "other"),
    ],
)
def test_licences_are_accepted_and_classified(value: str, cls: str) -> None:
    assert check_licence(value, CUSTOM) == value
    assert licence_class(value, CUSTOM) == cls


def test_no_licence_is_unknown() -> None:
    assert licence_class(None, CUSTOM) == "unknown"


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        ("apache-2.0", "unknown licence", "write 'Apache-2.0'"),
        ("Apach-2.0", "unknown licence", "did you mean 'Apache-2.0'"),
        ("Apache 2.0", "malformed", "did you mean 'Apache-2.0'"),
        ("GPL-3.0", "deprecated", "GPL-3.0-only"),
        ("MIT AND", "ends too early", ""),
        ("(MIT", "unbalanced", ""),
        ("MIT and Apache-2.0", "unexpected 'and'", "capitals"),
        ("LicenseRef-Unheard-Of", "unknown licence", "LicenseRef"),
        ("", "empty", ""),
    ],
)
def test_bad_licences_are_refused_with_a_hint(value: str, message: str, hint: str) -> None:
    with pytest.raises(LicenceError, match=message) as caught:
        check_licence(value, CUSTOM)
    assert hint in caught.value.hint


@pytest.mark.parametrize(
    ("name", "cls", "label"),
    [
        ("MIT", "permissive", "MIT (permissive)"),
        ("Llama 2 Community License", "responsible-use", "Llama 2 Community License (responsible-use)"),
        ("various", "various", "various"),
        ("proprietary", "proprietary", "proprietary"),
        ("unknown", "unknown", "unknown"),
    ],
)
def test_a_licence_is_labelled_with_its_class_unless_the_name_is_the_class(name: str, cls: str, label: str) -> None:
    assert labelled(name, cls) == label
