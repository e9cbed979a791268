from __future__ import annotations

import pytest

from fmcheatsheet.urls import arxiv_id, check_evidence_url, check_url, normalize_url, paper_url


@pytest.mark.parametrize(
    "url",
    ["https://example.org", "http://example.org/a?b=c#d", "https://sub.example.co.uk:8443/path"],
)
def test_absolute_http_urls_are_accepted(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "scheme 'javascript:'"),
        ("JaVaScRiPt:alert(1)", "scheme 'javascript:'"),
        ("data:text/html,hi", "scheme 'data:'"),
        ("vbscript:msgbox", "scheme 'vbscript:'"),
        ("ftp://example.org/file", "scheme 'ftp:'"),
        ("/relative/path", "relative"),
        ("example.org", "relative"),
        ("https://", "no valid host"),
        ("https://exa mple.org", "spaces"),
        ("https://example.org/\u0000", "control characters"),
        ("https://user:pw@example.org", "user name"),
        ("https://localhost/x", "no valid host"),
        ("https://example.org:99999/", "malformed port"),
    ],
)
def test_bad_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_url(url)


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("2402.00159", "https://arxiv.org/abs/2402.00159"),
        ("arXiv:2402.00159v2", "https://arxiv.org/abs/2402.00159"),
        ("hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"),
        ("10.18653/v1/2021.emnlp-main.98", "https://doi.org/10.18653/v1/2021.emnlp-main.98"),
        ("https://aclanthology.org/2022.acl-long.1/", "https://aclanthology.org/2022.acl-long.1/"),
    ],
)
def test_papers_are_given_as_ids_or_urls(given: str, url: str) -> None:
    assert paper_url(given) == url


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://github.com/org/repo", "http://www.github.com/Org/Repo/"),
        ("https://github.com/org/repo/tree/main", "https://github.com/org/repo"),
        ("https://github.com/org/repo#readme", "https://github.com/org/repo"),
        ("https://github.com/org/repo.git", "https://github.com/org/repo"),
        ("https://arxiv.org/abs/2304.14108", "https://arxiv.org/pdf/2304.14108v3.pdf"),
        ("https://org.github.io/repo/", "https://github.com/org/repo"),
        ("https://example.org/page?utm_source=x&ref=y", "https://example.org/page"),
        ("https://example.org/index.html", "https://example.org"),
        ("https://doi.org/10.1000/ABC", "https://dx.doi.org/10.1000/abc"),
    ],
)
def test_normalized_urls_match_for_the_same_resource(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b)


def test_normalization_keeps_meaningful_differences() -> None:
    assert normalize_url("https://github.com/org/repo-a") != normalize_url("https://github.com/org/repo-b")
    assert normalize_url("https://example.org/?page=2") != normalize_url("https://example.org/?page=3")
    assert normalize_url("https://huggingface.co/datasets/x") != normalize_url("https://huggingface.co/x")


def test_a_doi_too_long_for_a_link_is_refused() -> None:
    with pytest.raises(ValueError, match="links are limited"):
        paper_url("10.1234/" + "x" * 3000)


def test_only_real_arxiv_identifiers_are_taken_from_arxiv_urls() -> None:
    assert arxiv_id("https://arxiv.org/abs/2402.00159v2") == "2402.00159"
    assert arxiv_id("https://arxiv.org/abs/hep-th/9901001") == "hep-th/9901001"
    assert arxiv_id("https://arxiv.org/abs/x},note={evil}") is None


@pytest.mark.parametrize(
    ("url", "imitated"),
    [
        ("https://arcxiv.org/abs/2306.00133", "arxiv.org"),
        ("https://raxiv.org/abs/2306.00133", "arxiv.org"),
        ("https://githb.com/org/repo", "github.com"),
        ("https://www.hugingface.co/datasets/org/name", "huggingface.co"),
        ("https://en.wikipedla.org/wiki/Page", "wikipedia.org"),
    ],
)
def test_evidence_on_a_lookalike_of_a_source_is_refused(url: str, imitated: str) -> None:
    with pytest.raises(ValueError, match=f"look-alike of '{imitated}'"):
        check_evidence_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2306.00133",
        "https://export.arxiv.org/abs/2306.00133",
        "https://ar5iv.org/abs/2306.00133",
        "https://bigscience.huggingface.co/blog/post",
        "https://org.github.io/project/",
        "https://gitlab.com/org/repo",
        "https://hf.co/org/model",
    ],
)
def test_sources_and_their_real_neighbours_stand_as_evidence(url: str) -> None:
    assert check_evidence_url(url) == url
