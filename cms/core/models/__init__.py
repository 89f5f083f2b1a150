from .images import BannerImageMixin
from .pages import BasePage, StandardPage
from .settings import SiteSettings

__all__ = ["BannerImageMixin", "BasePage", "SiteSettings", "StandardPage"]
