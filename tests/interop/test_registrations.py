"""Device registration states: made with the emulator-only endpoint, read/queried/deleted with the official client."""

from __future__ import annotations

from azure.core.exceptions import ResourceNotFoundError

from interop_helpers import (
    assert_error_body,
    describe_azure,
    describe_error,
    describe_requests,
    expect_http_error,
    unique,
    with_response,
)

HUB = "hub-a.azure-devices.net"


def make_group(client, gid: str) -> None:
    client.enrollment_group.create_or_update(gid, {"enrollmentGroupId": gid, "attestation": {"type": "symmetricKey"}})


def register(emulator, rid: str, gid: str, device_id: str | None = None) -> dict:
    resp = emulator.create_registration(rid, gid, HUB, device_id or rid)
    assert resp.status_code in (200, 201), "emulator-only PUT /emulator/registrations failed" + describe_requests(resp)
    return resp.json() if resp.content else {}


def raw_walk(emulator, gid: str, size: int) -> str:
    """Every page of POST /registrations/{gid}/query, as text for a failure message."""
    lines, token = [], None
    for _ in range(20):
        headers = {"x-ms-max-item-count": str(size)}
        if token:
            headers["x-ms-continuation"] = token
        resp = emulator.raw("POST", f"/registrations/{gid}/query", headers=headers)
        ids = [s["registrationId"] for s in resp.json()] if resp.status_code == 200 else resp.text
        token = resp.headers.get("x-ms-continuation")
        lines.append(f"  request x-ms-max-item-count={size} x-ms-continuation={headers.get('x-ms-continuation')!r}"
                     f" -> HTTP {resp.status_code} items={ids} x-ms-continuation={token!r}")
        if not token:
            break
    return "\n".join(lines)


def test_registration_state_get(emulator, client):
    gid, rid = unique("rgrp"), unique("reg")
    make_group(client, gid)
    register(emulator, rid, gid, device_id="dev-" + rid)
    http, state = with_response(client.device_registration_state.get, rid)
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert state["registrationId"] == rid, ctx
    assert state["assignedHub"] == HUB, ctx
    assert state["deviceId"] == "dev-" + rid, ctx
    assert state.get("etag"), "a registration state carries an etag" + ctx
    assert state.get("createdDateTimeUtc") and state.get("lastUpdatedDateTimeUtc"), ctx
    assert state.get("status") == "assigned", "a registration with an assigned hub has status 'assigned'" + ctx


def test_registration_state_query_by_group_pages(emulator, client):
    gid, other = unique("qgrp"), unique("qother")
    make_group(client, gid)
    make_group(client, other)
    rids = sorted(unique("qreg") for _ in range(7))
    for rid in rids:
        register(emulator, rid, gid)
    register(emulator, unique("qelse"), other)

    pages = [list(p) for p in client.device_registration_state.query(gid, top=3).by_page()]
    sizes = [len(p) for p in pages]
    got = sorted(s["registrationId"] for p in pages for s in p)
    assert got == rids, (
        f"ItemPaged(top=3) must return exactly the group's 7 registrations; got {len(got)} over pages {sizes}, "
        f"missing {sorted(set(rids) - set(got))}. Raw walk of the same query:\n" + raw_walk(emulator, gid, 3)
    )
    assert max(sizes) <= 3 and sizes[:2] == [3, 3], f"x-ms-max-item-count 3 not honoured: {sizes}"
    assert all(s["assignedHub"] == HUB for p in pages for s in p)

    everything = sorted(s["registrationId"] for s in client.device_registration_state.query(gid))
    assert everything == rids


def test_registration_query_headers_raw(emulator, client):
    gid = unique("hgrp")
    make_group(client, gid)
    for _ in range(3):
        register(emulator, unique("hreg"), gid)
    resp = emulator.raw("POST", f"/registrations/{gid}/query", headers={"x-ms-max-item-count": "2"})
    ctx = describe_requests(resp)
    assert resp.status_code == 200 and len(resp.json()) == 2, (
        f"x-ms-max-item-count 2 over 3 registrations must give a page of 2 plus a continuation; got "
        f"{len(resp.json())} items, continuation {resp.headers.get('x-ms-continuation')!r}" + ctx)
    assert resp.headers.get("x-ms-item-type") == "DeviceRegistration", ctx
    assert resp.headers.get("x-ms-continuation"), ctx
    # older SDKs send a body to this endpoint; it must be tolerated
    resp = emulator.raw("POST", f"/Registrations/{gid}/query", json_body={"query": "*"})
    assert resp.status_code == 200 and len(resp.json()) == 3, describe_requests(resp)


def test_registration_query_of_group_without_registrations_is_empty(client):
    gid = unique("emptygrp")
    make_group(client, gid)
    assert list(client.device_registration_state.query(gid)) == []


def test_registration_state_delete_rules(emulator, client):
    gid, rid = unique("dgrp"), unique("dreg")
    make_group(client, gid)
    register(emulator, rid, gid)
    state = client.device_registration_state.get(rid)
    exc = expect_http_error(client.device_registration_state.delete, rid, if_match="bm90LXRoZS1ldGFn", status=412)
    assert_error_body(exc.response.json(), exc.response.headers, 412, describe_error(exc))
    http, _ = with_response(client.device_registration_state.delete, rid, if_match=state["etag"])
    assert http.status_code == 204, describe_azure(http)
    exc = expect_http_error(client.device_registration_state.get, rid, status=404, exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))
    expect_http_error(client.device_registration_state.delete, rid, status=404, exception=ResourceNotFoundError)
    assert rid not in [s["registrationId"] for s in client.device_registration_state.query(gid)]


def test_registration_state_delete_unconditional(emulator, client):
    gid, rid = unique("ugrp"), unique("ureg")
    make_group(client, gid)
    register(emulator, rid, gid)
    http, _ = with_response(client.device_registration_state.delete, rid)
    assert http.status_code == 204, describe_azure(http)
    expect_http_error(client.device_registration_state.get, rid, status=404)


def test_registration_get_missing_is_404(client):
    exc = expect_http_error(client.device_registration_state.get, unique("noreg"), status=404,
                            exception=ResourceNotFoundError)
    assert_error_body(exc.response.json(), exc.response.headers, 404, describe_error(exc))


def test_emulator_registration_endpoint_requires_auth(emulator, client):
    gid = unique("agrp")
    make_group(client, gid)
    resp = emulator.raw("PUT", f"/emulator/registrations/{unique('areg')}", auth=False,
                        params={"enrollmentGroupId": gid, "assignedHub": HUB, "deviceId": "d"})
    assert resp.status_code == 401, "the emulator-only endpoint is SAS-authenticated like every call" + \
        describe_requests(resp)
