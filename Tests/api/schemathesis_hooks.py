"""Checks schemathesis adds to its own for Tests/api/run_schemathesis.sh (loaded through
SCHEMATHESIS_HOOKS; `--checks all` runs them too).

Schemathesis 4.32.5 sends POST /api/worries with undeclared media types (`text/plain`, a
`multipart/form-data` without boundary) but only complains when that answer is a 5xx. The
schema declares `application/json` as the only request body, and the service answers anything
else with 415, so a 2xx to another media type is a failure here.
"""
import schemathesis


def _media_type(value):
    return (value or "").split(";", 1)[0].strip().lower()


@schemathesis.check
def undeclared_request_media_type_refused(ctx, response, case):
    request = response.request
    if (request.method or "").upper() not in ("POST", "PUT", "PATCH") or not case.operation.body:
        return None
    if (request.method or "").upper() != case.method.upper():
        return None
    declared = {_media_type(body.media_type) for body in case.operation.body}
    sent = _media_type(request.headers.get("Content-Type"))
    if sent not in declared and 200 <= response.status_code < 300:
        raise AssertionError(
            f"{request.method} {case.operation.path} with Content-Type {request.headers.get('Content-Type')!r} "
            f"was accepted ({response.status_code}); the schema declares only {sorted(declared)}, "
            "so the service must refuse it (415 unsupported_media_type)."
        )
    return None
