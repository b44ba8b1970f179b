"""Bulk operations (individual enrollments and groups) and query paging through the official client."""

from __future__ import annotations

from interop_helpers import (
    assert_error_body,
    describe_azure,
    describe_error,
    describe_requests,
    expect_http_error,
    unique,
    with_response,
)

QUERY_ENROLLMENTS = {"query": "SELECT * FROM enrollments"}
QUERY_GROUPS = {"query": "SELECT * FROM enrollmentGroups"}


def sym(rid: str, **extra) -> dict:
    body = {"registrationId": rid, "attestation": {"type": "symmetricKey"}}
    body.update(extra)
    return body


def sym_group(gid: str, **extra) -> dict:
    body = {"enrollmentGroupId": gid, "attestation": {"type": "symmetricKey"}}
    body.update(extra)
    return body


def bulk(client, mode: str, items: list[dict]):
    return with_response(client.enrollment.run_bulk_operation, {"mode": mode, "enrollments": items})


def bulk_groups(client, mode: str, items: list[dict]):
    return with_response(client.enrollment_group.run_bulk_operation, {"mode": mode, "enrollmentGroups": items})


def failures(result: dict, id_key: str) -> dict:
    """Per-item errors by id; entries reporting success (errorCode 200, as some SDK docs show) are ignored."""
    out = {}
    for entry in result.get("errors") or []:
        if entry.get("errorCode") not in (200, 200000):
            out[entry[id_key]] = entry
    return out


# ---------------------------------------------------------------------------------------------------------------
# Bulk: individual enrollments
# ---------------------------------------------------------------------------------------------------------------


def test_bulk_create_success(client):
    ids = [unique("bulk") for _ in range(10)]
    http, result = bulk(client, "create", [sym(i) for i in ids])
    ctx = describe_azure(http)
    assert http.status_code == 200, ctx
    assert result["isSuccessful"] is True, ctx
    assert "errors" in result and not failures(result, "registrationId"), "errors must be present and empty" + ctx
    for rid in ids:
        got = client.enrollment.get(rid)
        assert got["etag"] and got["createdDateTimeUtc"], got
    # bulk-created symmetric enrollments get generated keys too
    assert client.enrollment.get_attestation_mechanism(ids[0])["symmetricKey"]["primaryKey"]


def test_bulk_create_existing_id_is_per_item_409201(client):
    existing, fresh = unique("bulkx"), unique("bulkn")
    client.enrollment.create_or_update(existing, sym(existing, deviceId="original"))
    http, result = bulk(client, "create", [sym(existing, deviceId="overwritten"), sym(fresh)])
    ctx = describe_azure(http)
    assert http.status_code == 200, "bulk answers HTTP 200 even when items fail" + ctx
    assert result["isSuccessful"] is False, ctx
    errs = failures(result, "registrationId")
    assert set(errs) == {existing}, ctx
    assert errs[existing]["errorCode"] == 409201, ctx
    assert errs[existing].get("errorStatus"), "each error carries an errorStatus text" + ctx
    assert client.enrollment.get(existing)["deviceId"] == "original", "a failed item must not be written"
    client.enrollment.get(fresh)  # not atomic: the good item is created


def test_bulk_update_replaces_and_missing_is_404201(client):
    present, missing = unique("bulku"), unique("bulkm")
    before = client.enrollment.create_or_update(present, sym(present, deviceId="v1"))
    http, result = bulk(client, "update", [sym(present, deviceId="v2"), sym(missing)])
    ctx = describe_azure(http)
    assert http.status_code == 200 and result["isSuccessful"] is False, ctx
    errs = failures(result, "registrationId")
    assert set(errs) == {missing} and errs[missing]["errorCode"] == 404201, ctx
    after = client.enrollment.get(present)
    assert after["deviceId"] == "v2" and after["etag"] != before["etag"], after
    expect_http_error(client.enrollment.get, missing, status=404)


def test_bulk_update_if_match_etag(client):
    good, stale = unique("bulke"), unique("bulks")
    g = client.enrollment.create_or_update(good, sym(good, deviceId="g1"))
    s = client.enrollment.create_or_update(stale, sym(stale, deviceId="s1"))
    client.enrollment.create_or_update(stale, sym(stale, deviceId="s2"), if_match=s["etag"])
    http, result = bulk(client, "updateIfMatchETag", [
        sym(good, deviceId="g2", etag=g["etag"]),
        sym(stale, deviceId="s3", etag=s["etag"]),
    ])
    ctx = describe_azure(http)
    assert http.status_code == 200 and result["isSuccessful"] is False, ctx
    errs = failures(result, "registrationId")
    assert set(errs) == {stale} and errs[stale]["errorCode"] == 412002, ctx
    assert client.enrollment.get(good)["deviceId"] == "g2"
    assert client.enrollment.get(stale)["deviceId"] == "s2"


def test_bulk_delete_and_missing_is_404201(client):
    present, missing = unique("bulkd"), unique("bulkdm")
    client.enrollment.create_or_update(present, sym(present))
    http, result = bulk(client, "delete", [sym(present), sym(missing)])
    ctx = describe_azure(http)
    assert http.status_code == 200 and result["isSuccessful"] is False, ctx
    errs = failures(result, "registrationId")
    assert set(errs) == {missing} and errs[missing]["errorCode"] == 404201, ctx
    expect_http_error(client.enrollment.get, present, status=404)


def test_bulk_more_than_10_items_is_400(client):
    ids = [unique("bulk11") for _ in range(11)]
    exc = expect_http_error(client.enrollment.run_bulk_operation, {"mode": "create", "enrollments": [sym(i) for i in ids]},
                            status=400)
    assert_error_body(exc.response.json(), exc.response.headers, 400, describe_error(exc))
    expect_http_error(client.enrollment.get, ids[0], status=404)


def test_bulk_duplicate_id_is_400_and_writes_nothing(client):
    a, b = unique("dupa"), unique("dupb")
    exc = expect_http_error(client.enrollment.run_bulk_operation,
                            {"mode": "create", "enrollments": [sym(a), sym(b), sym(a, deviceId="again")]}, status=400)
    assert_error_body(exc.response.json(), exc.response.headers, 400, describe_error(exc))
    expect_http_error(client.enrollment.get, a, status=404)
    expect_http_error(client.enrollment.get, b, status=404)


# ---------------------------------------------------------------------------------------------------------------
# Bulk: enrollment groups
# ---------------------------------------------------------------------------------------------------------------


def test_bulk_groups_all_modes(client):
    a, b, missing = unique("bga"), unique("bgb"), unique("bgm")
    http, result = bulk_groups(client, "create", [sym_group(a), sym_group(b)])
    ctx = describe_azure(http)
    assert http.status_code == 200 and result["isSuccessful"] is True, ctx
    assert not failures(result, "enrollmentGroupId"), ctx

    http, result = bulk_groups(client, "create", [sym_group(a)])
    errs = failures(result, "enrollmentGroupId")
    assert result["isSuccessful"] is False and errs[a]["errorCode"] == 409201, describe_azure(http)

    before = client.enrollment_group.get(a)
    http, result = bulk_groups(client, "update", [sym_group(a, provisioningStatus="disabled"), sym_group(missing)])
    errs = failures(result, "enrollmentGroupId")
    assert set(errs) == {missing} and errs[missing]["errorCode"] == 404201, describe_azure(http)
    after = client.enrollment_group.get(a)
    assert after["provisioningStatus"] == "disabled" and after["etag"] != before["etag"]

    http, result = bulk_groups(client, "updateIfMatchETag", [sym_group(a, etag=before["etag"]),
                                                             sym_group(b, etag=client.enrollment_group.get(b)["etag"])])
    errs = failures(result, "enrollmentGroupId")
    assert set(errs) == {a} and errs[a]["errorCode"] == 412002, describe_azure(http)

    http, result = bulk_groups(client, "delete", [sym_group(a), sym_group(b), sym_group(missing)])
    errs = failures(result, "enrollmentGroupId")
    assert set(errs) == {missing} and errs[missing]["errorCode"] == 404201, describe_azure(http)
    expect_http_error(client.enrollment_group.get, a, status=404)
    expect_http_error(client.enrollment_group.get, b, status=404)


def test_bulk_groups_limits(client):
    exc = expect_http_error(client.enrollment_group.run_bulk_operation,
                            {"mode": "create", "enrollmentGroups": [sym_group(unique("g11")) for _ in range(11)]},
                            status=400)
    assert_error_body(exc.response.json(), exc.response.headers, 400, describe_error(exc))
    g = unique("gdup")
    expect_http_error(client.enrollment_group.run_bulk_operation,
                      {"mode": "create", "enrollmentGroups": [sym_group(g), sym_group(g)]}, status=400)
    expect_http_error(client.enrollment_group.get, g, status=404)


# ---------------------------------------------------------------------------------------------------------------
# Query paging (a private, empty emulator so every returned item is ours)
# ---------------------------------------------------------------------------------------------------------------


def test_query_pages_walk_to_the_end(fresh_emulator):
    client = fresh_emulator.client()
    ids = [f"page-{n:03d}" for n in range(25)]
    for start in range(0, 25, 10):
        http, result = bulk(client, "create", [sym(i) for i in ids[start:start + 10]])
        assert result["isSuccessful"] is True, describe_azure(http)

    pager = client.enrollment.query(QUERY_ENROLLMENTS, top=10)
    pages = [list(page) for page in pager.by_page()]
    sizes = [len(p) for p in pages]
    returned = [e["registrationId"] for p in pages for e in p]
    assert sorted(returned) == ids, f"ItemPaged must walk every page to the end; page sizes {sizes}"
    assert len(set(returned)) == 25, f"duplicates across pages: {sizes}"
    assert all(s <= 10 for s in sizes), f"x-ms-max-item-count 10 was not honoured: page sizes {sizes}"
    assert sizes[:2] == [10, 10] and len([s for s in sizes if s]) == 3, f"page sizes {sizes}"
    for item in (e for p in pages for e in p):
        keys = item["attestation"].get("symmetricKey") or {}
        assert not keys.get("primaryKey"), "query must not return symmetric keys: " + repr(item)

    # iterating items directly (no page size): everything, once
    everything = [e["registrationId"] for e in client.enrollment.query(QUERY_ENROLLMENTS)]
    assert sorted(everything) == ids

    # page size 7 -> 4 pages
    sizes7 = [len(list(p)) for p in client.enrollment.query(QUERY_ENROLLMENTS, top=7).by_page()]
    assert sum(sizes7) == 25 and max(sizes7) <= 7 and sizes7[:3] == [7, 7, 7], sizes7


def test_query_paging_headers_raw(fresh_emulator):
    """Response headers of a query page: x-ms-continuation, x-ms-item-type, x-ms-max-item-count."""
    client = fresh_emulator.client()
    ids = [f"hdr-{n:02d}" for n in range(6)]
    bulk(client, "create", [sym(i) for i in ids])
    first = fresh_emulator.raw("POST", "/enrollments/query", json_body=QUERY_ENROLLMENTS,
                               headers={"x-ms-max-item-count": "4"})
    ctx = describe_requests(first)
    assert first.status_code == 200 and len(first.json()) == 4, ctx
    assert first.headers.get("x-ms-item-type") == "Enrollment", ctx
    assert first.headers.get("x-ms-max-item-count") == "4", ctx
    token = first.headers.get("x-ms-continuation")
    assert token, "a first page of 4 out of 6 must carry x-ms-continuation" + ctx
    second = fresh_emulator.raw("POST", "/enrollments/query", json_body=QUERY_ENROLLMENTS,
                                headers={"x-ms-max-item-count": "4", "x-ms-continuation": token})
    ctx = describe_requests(second)
    assert second.status_code == 200 and len(second.json()) == 2, ctx
    assert not second.headers.get("x-ms-continuation"), "the last page must not carry a continuation" + ctx
    returned = sorted(e["registrationId"] for e in first.json() + second.json())
    assert returned == ids, ctx


def test_group_query_pages(fresh_emulator):
    client = fresh_emulator.client()
    gids = [f"grp-page-{n:02d}" for n in range(12)]
    for start in range(0, 12, 10):
        http, result = bulk_groups(client, "create", [sym_group(g) for g in gids[start:start + 10]])
        assert result["isSuccessful"] is True, describe_azure(http)
    pages = [list(p) for p in client.enrollment_group.query(QUERY_GROUPS, top=5).by_page()]
    sizes = [len(p) for p in pages]
    assert sorted(g["enrollmentGroupId"] for p in pages for g in p) == gids, sizes
    assert sizes[:2] == [5, 5] and sum(sizes) == 12 and max(sizes) <= 5, sizes


# The query strings of the official samples: the Node service client's sample sends {"query": "*"}, the legacy Python
# client's usage is QuerySpecification("*"), the new Python client's docs use SELECT * FROM enrollments.
SAMPLE_QUERIES = ["*", "SELECT * FROM enrollments", "SELECT * FROM enrollmentGroups", "select * from enrollmentgroups"]


def test_sample_query_strings_on_both_kinds(fresh_emulator):
    client = fresh_emulator.client()
    rid, gid = unique("qs"), unique("qsgrp")
    client.enrollment.create_or_update(rid, sym(rid))
    client.enrollment_group.create_or_update(gid, sym_group(gid))
    for text in SAMPLE_QUERIES:
        enrollments = [e["registrationId"] for e in client.enrollment.query({"query": text})]
        assert enrollments == [rid], f"query {text!r} on enrollments"
        groups = [g["enrollmentGroupId"] for g in client.enrollment_group.query({"query": text})]
        assert groups == [gid], f"query {text!r} on enrollment groups"


def test_other_query_strings_are_400_with_the_error_shape(fresh_emulator):
    for text in ["SELECT * FROM devices", "SELECT * FROM enrollments WHERE registrationId = 'x'", "SELECT *"]:
        for path in ["/enrollments/query", "/enrollmentGroups/query"]:
            response = fresh_emulator.raw("POST", path, json_body={"query": text})
            assert response.status_code == 400, describe_requests(response)
            assert_error_body(response.json(), response.headers, 400, f" ({text!r} on {path})")
