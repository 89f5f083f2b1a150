"""django-csp's middleware, with the policy string built once instead of on every response.

The policy depends only on settings unless a response used a nonce or a view changed the
policy with django-csp's decorators; those responses still get a policy built for them. Every
other response (most of them: /healthz, feeds, JSON, pages without inline scripts) gets the
memoised header, which saves django-csp's ``build_policy`` twice per request.
"""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_memo: dict[bool, str] = {}


@receiver(setting_changed)
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _memo.clear()


def _default_policy(report_only: bool) -> str:
    if report_only not in _memo:
        _memo[report_only] = build_policy(report_only=report_only)
    return _memo[report_only]


def _uses_defaults(request, response) -> bool:
    if getattr(request, "_csp_nonce", None) is not None:
        return False
    return not any(
        getattr(response, name, None) is not None
        for name in (
            "_csp_config",
            "_csp_update",
            "_csp_replace",
            "_csp_config_ro",
            "_csp_update_ro",
            "_csp_replace_ro",
        )
    )


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        if settings.DEBUG or not _uses_defaults(request, response):
            return super().process_response(request, response)
        for header, report_only, setting in (
            (HEADER, False, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            policy = _default_policy(report_only)
            if not policy or header in response:
                continue
            if getattr(response, "_csp_exempt_ro" if report_only else "_csp_exempt", False):
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if request.path_info.startswith(tuple(prefixes)):
                continue
            response[header] = policy
        # As the parent: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
