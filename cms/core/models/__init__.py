from .pages import BasePage, StandardPage
from .settings import SiteSettings

__all__ = ["BasePage", "SiteSettings", "StandardPage"]
