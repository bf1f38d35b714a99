"""What from-issue tells on the issue: the comment, each problem's field, and who may change what.

Input: a Submission, the validator's Problems for its files and the producer's accounts;
output: the Markdown of one issue comment in plain Indonesian, naming each problem's field
by the label the producer sees and saying how to fix it by editing the issue. A producer's
text inside it is escaped, so that it can neither format the comment, mention anyone nor
link anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from catalogue_gen import owners
from catalogue_gen.forms import FormField, FormProblem, form_problem, render
from catalogue_gen.load import PRODUCER_FILE, PRODUCT_FILE, is_valid_slug, load_yaml
from catalogue_gen.problems import Problem
from catalogue_gen.settings import Settings
from catalogue_gen.submission import (
    APPROVAL_LABEL,
    LOGO_STEM,
    NEW_PRODUCT,
    PRICE_CHANGE,
    Submission,
)

# The workflow finds its own earlier comment by this line and updates it instead of adding one.
COMMENT_MARKER = "<!-- catalogue-gen from-issue -->"
# validate.py's keys (indexes dropped) -> the form field, where the two names differ.
PRODUCT_KEY_FIELDS = {"halal.nomor": "halal_nomor"}
# The product form asks for the producer's name as `produsen`; a missing `kontak` is
# answered in the WhatsApp field, the one every form has.
PRODUCER_KEY_FIELDS = {"kontak": "whatsapp"}
PRODUCER_KEY_FIELDS_NEW_PRODUCT = {"nama": "produsen", "kontak": "whatsapp"}
# A price change writes only these keys; a problem elsewhere in the file is not the issue's.
PRICE_CHANGE_KEYS = ("harga", "tersedia")
# What can start formatting inside one line of a list item; with `[` escaped no link can form,
# so parentheses (common in messages) stay as they are.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# Zero-width space: keeps `@name`, `#12` and web addresses from becoming mentions and links.
ZWSP = "\u200b"


def field_for(problem: Problem, submission: Submission) -> FormField | None:
    """The form field a validator problem about the submission's files is about, or None."""
    form = submission.form
    if form is None:
        return None
    name = problem.path.rsplit("/", 1)[-1]
    dotted = re.sub(r"\[[0-9]+\]", "", problem.key)
    top = re.split(r"[.\[]", problem.key, maxsplit=1)[0]
    candidates: list[str | None]
    if name == PRODUCT_FILE:
        if form.key == PRICE_CHANGE and top not in PRICE_CHANGE_KEYS:
            return None
        candidates = [PRODUCT_KEY_FIELDS.get(dotted), top]
    elif name == PRODUCER_FILE:
        table = PRODUCER_KEY_FIELDS_NEW_PRODUCT if form.key == NEW_PRODUCT else PRODUCER_KEY_FIELDS
        contact = dotted.split(".", 1)[1] if dotted.startswith("kontak.") else None
        candidates = [table.get(top) if top != "kontak" else None, contact, table.get(top), top]
    else:
        # a photo's own problems (size, type, GPS) are about the field it was dropped into
        candidates = ["logo" if name.startswith(LOGO_STEM) else "foto"]
    for candidate in candidates:
        found = form.field(candidate) if candidate else None
        if found is not None:
            return found
    return None


def render_comment(
    submission: Submission,
    checked: Iterable[Problem] = (),
    pull_request: str = "",
    extra: Iterable[FormProblem] = (),
) -> str:
    """The Markdown of the comment on the issue.

    `checked`: the validator's problems (only those of the files the submission writes, or
    of its folder, are shown); `extra`: problems the caller found (check_owner's);
    `pull_request`: how to name the pull request (`#45`), when one was opened. Problems come
    in the order of the form's fields, as the producer reads the issue. A field with a
    problem of the form's own shows only that one: the validator saw what the form could not
    read, or nothing.
    """
    own = [*submission.problems, *extra]
    fields_told = {p.field for p in own if p.field}
    errors = [(p.field, p.label, p.message) for p in own]
    warnings: list[tuple[str, str, str]] = []
    for problem in checked:
        if not _is_about(problem, submission):
            continue
        found = field_for(problem, submission)
        if found is not None and found.id in fields_told:
            continue
        entry = (found.id, found.label, problem.message) if found else ("", "", problem.message)
        (errors if problem.is_error else warnings).append(entry)
    shown_errors = _in_form_order(errors, submission)
    shown_warnings = _in_form_order(warnings, submission)
    lines = [COMMENT_MARKER, render("ISSUE_COMMENT_TITLE"), ""]
    if shown_errors:
        lines += [render("ISSUE_COMMENT_PROBLEMS", count=len(shown_errors)), ""]
        lines += [_item(label, message) for label, message in shown_errors]
    elif pull_request:
        lines.append(render("ISSUE_COMMENT_READY", pull_request=pull_request))
    else:
        lines.append(render("ISSUE_COMMENT_READY_NO_PR"))
    if shown_warnings:
        lines += ["", render("ISSUE_COMMENT_WARNINGS"), ""]
        lines += [_item(label, message) for label, message in shown_warnings]
    lines += ["", f"<sub>{render('ISSUE_COMMENT_FOOTER')}</sub>", ""]
    return "\n".join(lines)


def _in_form_order(
    entries: list[tuple[str, str, str]], submission: Submission
) -> list[tuple[str, str]]:
    """(label, message) once each, by the field's place in the form; the issue's own last."""
    order = {f.id: i for i, f in enumerate(submission.form.fields)} if submission.form else {}
    unique = dict.fromkeys(entries)
    ranked = sorted(unique, key=lambda entry: order.get(entry[0], len(order)))
    return [(label, message) for _, label, message in ranked]


def problems_about(problems: Iterable[Problem], submission: Submission) -> list[Problem]:
    """The problems of the files the submission writes, or of its folder, in order."""
    return [problem for problem in problems if _is_about(problem, submission)]


def new_producer_accounts(submission: Submission) -> tuple[str, ...]:
    """The `akun_github` of the produsen.yml the submission writes; () when it writes none."""
    data = submission.files.get(f"products/{submission.producer}/{PRODUCER_FILE}")
    return owners.read_accounts(data) if submission.producer else ()


def _is_about(problem: Problem, submission: Submission) -> bool:
    """True for a problem of a file the submission writes, or of its folder."""
    folder = submission.folder
    in_folder = bool(folder) and (problem.path == folder or problem.path.startswith(folder + "/"))
    return in_folder or problem.path in submission.files


def _item(label: str, message: str) -> str:
    shown = escape_markdown(label or render("ISSUE_COMMENT_OTHER"))
    return f"- **{shown}**: {escape_markdown(message)}"


def escape_markdown(text: str) -> str:
    """Text shown as itself in a GitHub comment: one line, no formatting, mention or link."""
    text = " ".join(text.split())
    text = MARKDOWN_SPECIAL.sub(r"\\\1", text)
    for start in ("@", "#", "://", "www."):
        text = text.replace(start, start[0] + ZWSP + start[1:])
    return text


def producer_accounts(settings: Settings, producer: str) -> tuple[str, ...]:
    """The valid `akun_github` logins of a producer folder on disk; () when none or unreadable."""
    path = settings.products_dir / producer / PRODUCER_FILE
    if not is_valid_slug(producer) or path.is_symlink() or not path.is_file():
        return ()
    return owners.accounts_of(load_yaml(settings.root, path, []).root)


def check_owner(
    submission: Submission,
    accounts: tuple[str, ...],
    maintainers: tuple[str, ...] = (),
    is_approved: bool = False,
) -> FormProblem | None:
    """None when the issue's author may make this change; else the problem that says who may.

    A new folder needs no owner. A change to a producer folder already in the catalogue (a
    price change, or a new product of a known producer) needs one of its `akun_github`, a
    maintainer, or the maintainers' approval label on the issue.
    """
    if not submission.is_change or submission.issue is None or is_approved:
        return None
    author = submission.issue.author
    if owners.is_listed(author, accounts) or owners.is_listed(author, maintainers):
        return None
    return form_problem(
        None,
        "ISSUE_NOT_OWNER",
        producer=submission.producer,
        accounts=", ".join(accounts) or "-",
        label=APPROVAL_LABEL,
    )
