"""The page cache: anonymous GET responses of the public site, kept in Django's
cache (local memory, or Redis when REDIS_URL is set) and invalidated exactly by
generations (docs/performance.md has the design and what each edit invalidates).

Every cached response is stored under its URL with the generations it was built
with. A generation is a random token kept in the cache under a tag:

- ``site``: everything (the header and footer, organisations, themes...);
- ``global``: what gathers from the whole site: search and the showcase, the
  API, the feeds, the sitemap, and the page types that say so
  (``page_cache_follows_site``: home, the fellows directory, the modules, the
  good-practice examples);
- ``page:<path>``: a page's own content, which its descendants show too
  (breadcrumbs, their parent's title): a page depends on this tag for itself
  and each of its ancestors;
- ``listing:<path>``: what a page gathers from below it (listings, outcomes,
  counts, its routable sub-pages).

An edit bumps tags (``invalidate``), and every response stored with an old
generation of any of its tags is a miss from then on. Responses are never
deleted one by one: the stale ones expire (PAGE_CACHE_SECONDS) or are evicted.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import (
    add_never_cache_headers,
    patch_cache_control,
    patch_vary_headers,
)

from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

SITE = "site"
GLOBAL = "global"
ENTRY_PREFIX = "pagecache:url:"
TAG_PREFIX = "pagecache:tag:"
VALUE_PREFIX = "pagecache:value:"
VALUE_SECONDS = 24 * 60 * 60  # an unused value (its tags bumped) takes room this long
# Paths outside Wagtail's page tree that are cached, all depending on `global`.
GLOBAL_PATHS = ("/search/", "/api/", "/feeds/", "/sitemap.xml")
STEP = 4  # treebeard's characters per level of a page's path


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


# --- Tags --------------------------------------------------------------------


def page_tags(page):
    """The tags a page's response depends on."""
    path = page.path
    tags = [SITE, f"listing:{path}"]
    tags += [f"page:{path[:end]}" for end in range(2 * STEP, len(path) + 1, STEP)]
    if getattr(page, "page_cache_follows_site", False):
        tags.append(GLOBAL)
    return tags


def ancestor_paths(path):
    """The paths of a page's ancestors below the tree's root, nearest last."""
    return [path[:end] for end in range(2 * STEP, len(path), STEP)]


def page_edit_tags(page):
    """What publishing, unpublishing, moving or deleting ``page`` changes: the
    page and what is below it, its ancestors' listings and outcomes, and
    everything that gathers from the whole site. A page in the site's header
    and footer (a child of the home page), or one that says its edits show
    site-wide (``page_cache_edit_shows_site_wide``), changes every page."""
    path = page.path
    tags = [f"page:{path}", GLOBAL]
    tags += [f"listing:{ancestor}" for ancestor in ancestor_paths(path)]
    page_class = getattr(page, "specific_class", None) or type(page)
    if len(path) <= 3 * STEP or getattr(
        page_class, "page_cache_edit_shows_site_wide", False
    ):
        tags.append(SITE)
    return tags


def shown_on(pages=(), listed_by=()):
    """What a change to a record changes when it is shown on the pages at the
    paths ``pages`` (and so on their descendants and in their ancestors'
    listings) and listed by the pages at ``listed_by`` (and their ancestors):
    e.g. a fellow, on their project and in their cohort's listings."""
    tags = {GLOBAL}
    for path in pages:
        tags.add(f"page:{path}")
        tags.update(f"listing:{ancestor}" for ancestor in ancestor_paths(path))
    for path in listed_by:
        tags.add(f"listing:{path}")
        tags.update(f"listing:{ancestor}" for ancestor in ancestor_paths(path))
    return sorted(tags)


def bump(tags):
    cache.set_many({TAG_PREFIX + tag: secrets.token_hex(8) for tag in tags}, None)


def invalidate(tags):
    """Bump the tags now, so that the change shows at once to this connection,
    and again after the transaction commits, so that a response rendered by
    another request from the data before the commit (and stored under the
    first new generation) is not kept either. Tags are bumped even with the
    page cache off: the values ``remember`` keeps depend on them too."""
    tags = list(tags)
    if not tags:
        return
    bump(tags)
    transaction.on_commit(lambda: bump(tags))


def invalidate_site():
    invalidate([SITE])


def invalidate_page(page):
    """A page's public content changed without a publish (e.g. its approved
    measure data): the page, its ancestors' listings and the site-wide pages."""
    invalidate(page_edit_tags(page))


def remember(name, tags, compute):
    """``compute()``, kept in the cache until any of ``tags`` is bumped (e.g. a
    cohort's outcomes, until its ``listing:`` tag is): exact as the page cache
    is, whether or not whole pages are cached. ``name`` says what is kept."""
    generations = sorted(current_generations(tags).items())
    key = VALUE_PREFIX + hashlib.sha256(f"{name}|{generations}".encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, VALUE_SECONDS)
    return value


# --- What edits of pages and site-wide things invalidate ----------------------


def page_published_or_unpublished(sender, instance, **kwargs):
    """Publish, unpublish, and delete (Wagtail unpublishes a live page before
    deleting it)."""
    invalidate(page_edit_tags(instance))


def move_tags(page):
    """A move changes the page's branch, and every page's if a view
    restriction is on the page or below it (its path is kept in the cache
    under ``site``: home/restrictions.py)."""
    tags = page_edit_tags(page)
    if PageViewRestriction.objects.filter(page__path__startswith=page.path).exists():
        tags.append(SITE)
    return tags


def page_moving(sender, instance, **kwargs):
    """Before a move, while the page still has its old path: the old branch."""
    invalidate(move_tags(instance))


def page_moved(sender, instance, **kwargs):
    invalidate(move_tags(instance))


def site_wide_record_changed(sender, instance=None, created=False, **kwargs):
    """Site settings, sites, and an image changed or deleted (not a new upload,
    which no page shows yet): the header, the footer and renditions anywhere;
    a view restriction added, changed or removed: what every listing shows."""
    if not created or sender is PageViewRestriction:
        invalidate_site()


def register():
    # Imported here: home.models lists pages by home.restrictions, which reads
    # this module.
    from home.models import SiteSettings

    page_published.connect(page_published_or_unpublished, dispatch_uid="pagecache")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="pagecache")
    pre_page_move.connect(page_moving, dispatch_uid="pagecache")
    post_page_move.connect(page_moved, dispatch_uid="pagecache")
    for model in (SiteSettings, Site, PageViewRestriction, get_image_model()):
        post_save.connect(site_wide_record_changed, sender=model, dispatch_uid="pc")
        post_delete.connect(site_wide_record_changed, sender=model, dispatch_uid="pc")


# --- Which requests and responses ---------------------------------------------


def remember_served_page(page, request, serve_args, serve_kwargs):
    """Wagtail is serving this page (a before_serve_page hook, in
    home/wagtail_hooks.py): its response depends on the page's tags."""
    request.page_cache_tags = page_tags(page)


def request_tags(request):
    tags = getattr(request, "page_cache_tags", None)
    if tags is None and request.path_info.startswith(GLOBAL_PATHS):
        tags = [SITE, GLOBAL]
    return tags


def may_serve_cached(request):
    """An anonymous reader's GET or HEAD, with nothing of their own in the
    session (a message, a page password) and not a preview."""
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    if request.path_info.startswith("/admin/"):
        return False
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    # No session cookie: nobody is signed in, and no query is made to know it.
    return request.session.is_empty() and not request.user.is_authenticated


def entry_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return ENTRY_PREFIX + hashlib.sha256(url.encode()).hexdigest()


def current_generations(tags):
    """{tag: generation}, starting a generation for any tag the cache has lost."""
    found = cache.get_many([TAG_PREFIX + tag for tag in tags])
    generations = {}
    for tag in tags:
        key = TAG_PREFIX + tag
        if key not in found:
            token = secrets.token_hex(8)
            found[key] = token if cache.add(key, token, None) else cache.get(key)
        generations[tag] = found[key]
    return generations


def public_headers(response):
    """A response anyone may be given: shared caches may keep it for
    FRONTEND_CACHE_SECONDS (0 unless a purged CDN is configured), browsers
    check again each time, and it differs for a signed-in reader."""
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.FRONTEND_CACHE_SECONDS,
        must_revalidate=True,
    )
    patch_vary_headers(response, ["Cookie"])


class FetchFromPageCacheMiddleware:
    """Last in MIDDLEWARE (after authentication and messages): answers an
    anonymous request from the cache when every tag of the stored response is
    still at the generation it was stored with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if may_serve_cached(request):
            request.page_cache_candidate = True
            entry = cache.get(entry_key(request))
            if entry is not None:
                generations, status, headers, content = entry
                if current_generations(list(generations)) == generations:
                    response = HttpResponse(content, status=status)
                    for name, value in headers:
                        response.headers[name] = value
                    response.headers["X-Page-Cache"] = "hit"
                    return response
        return self.get_response(request)


class UpdatePageCacheMiddleware:
    """First in MIDDLEWARE, so that it sees every header and cookie the other
    middleware add: stores a 200 answer to an anonymous GET of a public page
    that sets no cookie and showed no message, with its tags' generations."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not enabled() or response.headers.get("X-Page-Cache") == "hit":
            return response
        tags = request_tags(request)
        if tags is None or not getattr(request, "page_cache_candidate", False):
            if tags is not None and request.method in ("GET", "HEAD"):
                add_never_cache_headers(response)  # a signed-in reader's page
            return response
        messages = getattr(request, "_messages", None)
        if (
            response.status_code != 200
            or response.cookies
            or response.streaming
            or (messages is not None and (messages.used or messages._queued_messages))
            or "private" in response.get("Cache-Control", "")
        ):
            add_never_cache_headers(response)
            return response
        public_headers(response)
        if request.method == "GET":
            generations = current_generations(tags)
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ]
            cache.set(
                entry_key(request),
                (generations, response.status_code, headers, response.content),
                settings.PAGE_CACHE_SECONDS,
            )
        response.headers["X-Page-Cache"] = "miss"
        return response
