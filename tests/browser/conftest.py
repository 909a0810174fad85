"""A headless Chromium (Debian's) driven by Playwright, recording every request it makes."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("KB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def browser():
    """Chromium; the tests fail (never skip) when it is missing: `make test` installs it."""
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), f"Chromium not found at {CHROMIUM}: run `make chromium` (or set KB_CHROMIUM)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Requests(list):
    """Every URL the page requested."""

    def foreign(self) -> list[str]:
        """Requests to any host but the local test server."""
        return [url for url in self
                if urlsplit(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "blob:", "about:"))]


@pytest.fixture
def page(browser):
    """A fresh page whose every request is recorded in ``page.requests``."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = Requests()
    page.on("request", lambda request: page.requests.append(request.url))
    # Record Content-Security-Policy violations and script errors as the page sees them.
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e =>"
        " window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
    )
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()
