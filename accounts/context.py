from django.utils.functional import SimpleLazyObject

from .scope import scope_for


def national(request):
    """Whether the user reads the whole country (Ministry, administrators): base.html shows the "Toàn quốc" link.

    Lazy, and the scope is cached on the user, so a page that already read the scope pays no query for it."""
    user = getattr(request, "user", None)
    return {"user_sees_country": SimpleLazyObject(
        lambda: bool(user is not None and user.is_authenticated and scope_for(user).national))}
