"""The real az CLI, in process, against a fake Azure: no login, no network.

A fake credential stands in for `az login`, and the lowest HTTP layer (requests' HTTPAdapter.send, under both
azure-core's transport and `az rest`) answers from an in-memory store instead of the network: a PUT is stored
and echoed back as provisioned, a GET returns what was stored (so `az ... update` works on what `create` made),
a POST (sharing) is recorded. Every request is kept, so a test can compare what az would send with the ARM
export's body for the same resource.
"""

import io
import json
import logging
import os
import sys
import tempfile
import time
from urllib.parse import urlparse

FAKE_SUBSCRIPTION = "00000000-0000-0000-0000-00000000c0de"
FAKE_TENANT = "00000000-0000-0000-0000-0000000000aa"


class FakeAzure:
    """What az sent: every request, and the resources as the PUTs left them."""

    def __init__(self):
        self.requests = []  # (method, path, body)
        self.store = {}  # lower-case resource path -> body

    def handle(self, method, url, body):
        path = urlparse(url).path
        key = path.lower().rstrip("/")
        self.requests.append((method, path, body))
        if method == "PUT":
            stored = dict(body or {})
            stored.setdefault("properties", {})
            stored["id"] = path
            stored["name"] = path.rstrip("/").split("/")[-1]
            answer = json.loads(json.dumps(stored))
            answer["properties"]["provisioningState"] = "Succeeded"
            self.store[key] = stored
            return 200, answer
        if method == "GET":
            if key in self.store:
                answer = json.loads(json.dumps(self.store[key]))
                answer["properties"]["provisioningState"] = "Succeeded"
                return 200, answer
            return 404, {"error": {"code": "ResourceNotFound", "message": f"{path} not found (fake Azure)"}}
        if method == "POST":
            return 200, {}
        return 405, {"error": {"code": "MethodNotAllowed", "message": method}}


def subscriptions(extra):
    """Writes the fake login: the fake subscription, plus every subscription a script's ids name (az looks up
    the subscription of a source in another one, as it would after `az login` with access to both)."""
    subs = [FAKE_SUBSCRIPTION] + sorted({s.lower() for s in extra} - {FAKE_SUBSCRIPTION})
    with open(os.path.join(os.environ["AZURE_CONFIG_DIR"], "azureProfile.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "installationId": "acg-conformance",
                "subscriptions": [
                    {
                        "id": s,
                        "name": f"fake-{i}",
                        "state": "Enabled",
                        "user": {"name": "conformance@example.com", "type": "user"},
                        "isDefault": i == 0,
                        "tenantId": FAKE_TENANT,
                        "environmentName": "AzureCloud",
                        "homeTenantId": FAKE_TENANT,
                    }
                    for i, s in enumerate(subs)
                ],
            },
            f,
        )


def install(fake, extra_subscriptions=()):
    """Patches az and requests so every command talks to `fake`. Returns the CLI to invoke."""
    config = tempfile.mkdtemp(prefix="acg-az-config-")
    os.environ["AZURE_CONFIG_DIR"] = config
    os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "false"
    os.environ["AZURE_CORE_NO_COLOR"] = "true"
    os.environ["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true"
    os.environ["AZURE_CORE_SURVEY_MESSAGE"] = "false"
    subscriptions(extra_subscriptions)
    with open(os.path.join(config, "config"), "w", encoding="utf-8") as f:
        f.write("[core]\ncollect_telemetry = false\nno_color = true\n[auto-upgrade]\nenable = no\n")

    import requests
    from azure.core.credentials import AccessToken, AccessTokenInfo
    from azure.cli.core import _profile

    class FakeCredential:
        def get_token(self, *scopes, **kwargs):
            return AccessToken("fake-token", int(time.time()) + 3600)

        def get_token_info(self, *scopes, options=None):
            return AccessTokenInfo("fake-token", int(time.time()) + 3600)

        def acquire_token(self, *args, **kwargs):
            return {"access_token": "fake-token", "token_type": "Bearer", "expires_in": 3600}

    _profile.Profile._create_credential = lambda self, account, tenant_id=None, client_id=None: FakeCredential()
    _profile.Profile.get_raw_token = lambda self, *a, **k: (
        ("Bearer", "fake-token", {"expiresOn": "2099-01-01 00:00:00.000000", "expires_on": 4070908800}),
        FAKE_SUBSCRIPTION,
        FAKE_TENANT,
    )

    def send(adapter, request, **kwargs):
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        parsed = json.loads(body) if body else None
        status, answer = fake.handle(request.method, request.url, parsed)
        response = requests.Response()
        response.status_code = status
        response.reason = "OK" if status < 300 else "Error"
        response._content = json.dumps(answer).encode("utf-8")
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        response.raw = io.BytesIO(response._content)
        return response

    requests.adapters.HTTPAdapter.send = send

    from azure.cli.core import get_default_cli

    return get_default_cli()


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def invoke(cli, args):
    """Runs one az command in process; returns (exit code, its error messages)."""
    err = io.StringIO()
    old = sys.stderr
    sys.stderr = err
    errors = _Errors()
    logging.getLogger("cli").addHandler(errors)
    # The fake Azure answers every operation as finished: az's pauses between polls are only waiting.
    sleep = time.sleep
    time.sleep = lambda seconds: None
    try:
        try:
            code = cli.invoke(args, out_file=io.StringIO())
        except SystemExit as e:  # argparse errors
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # noqa: BLE001 - any crash is a finding
            err.write(f"{type(e).__name__}: {e}\n")
            code = 1
    finally:
        sys.stderr = old
        time.sleep = sleep
        logging.getLogger("cli").removeHandler(errors)
    return code, "\n".join(errors.lines + [err.getvalue()]).strip()
