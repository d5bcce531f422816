"""Settings shared by every environment. Everything secret or host-specific comes
from the environment; see dev.py, test.py and production.py for the differences."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "cohorts",
    "modules",
    "home",
    "search",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.admin",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, to see every header and cookie of the answer it may store, and
    # FetchFromPageCacheMiddleware last, after authentication (home/pagecache.py).
    "home.pagecache.UpdatePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.middleware.UnreadableFormMiddleware",
    # Last, so that it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
    "home.pagecache.FetchFromPageCacheMiddleware",
]

ROOT_URLCONF = "fellowship_site.urls"
WSGI_APPLICATION = "fellowship_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A small team editing at once on the embedded database. Write-ahead logging
    # lets pages be read while an edit is being written; IMMEDIATE transactions
    # take the write lock at their start, so a save queues behind another save
    # (or a session ping) for up to `timeout` seconds instead of failing with
    # "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url):
    """Redis as a cache the site can do without: when Redis is down or slow to
    answer (a second at most), every cache call, Wagtail's included (site root
    paths, renditions), logs the error and carries on as a miss. Sessions are
    kept in the database, not here."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 1,
            "SOCKET_TIMEOUT": 1,
        },
    }


if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"])}
else:
    # Room for every chart's analysis: the default of 300 entries would evict the
    # site root paths whenever a cohort's charts are drawn.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# The page cache (home/pagecache.py, docs/performance.md): anonymous GETs of the
# public site, invalidated exactly on each edit, so kept for a day; 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 60 * 60))
# A CDN in front (docs/operations.md): Wagtail's frontend-cache invalidator purges
# a page's own URLs when it is published or unpublished; the CDN keeps any page
# for FRONTEND_CACHE_SECONDS at most, so that listings elsewhere follow soon.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, Squid, nginx: PURGE
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
elif os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }
FRONTEND_CACHE_SECONDS = 0
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", 300))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [("nhsuk", BASE_DIR / "node_modules/nhsuk-frontend/dist/nhsuk")]
# Uploaded images and documents. In production the proxy serves MEDIA_ROOT at
# MEDIA_URL (docs/operations.md): whitenoise serves static files only.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Fellowship"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.images.ImageForm"
WAGTAILADMIN_COMMENTS_ENABLED = True
# No network on the machines this runs on, and no third party sees who edits.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGIN_URL = "wagtailadmin_login"

# Background work (django-tasks): tasks run at once unless production settings
# choose the database backend and its worker (docs/operations.md).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Email goes through a task (home/mail.py), which sends it with this backend.
EMAIL_BACKEND = "home.mail.BackgroundEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"

# Sign-in throttling (django-axes, docs/security.md). Five failed sign-ins lock the
# account name, whatever address they come from, and the address, whatever account
# names it tries, for 15 minutes. Users with "Can delete access attempt" unlock them
# at /admin/sign-in-lockouts/.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "home/sign_in_locked.html"
# Keep no log of successful sign-ins (addresses and browsers are personal data);
# a failure is deleted at the first sign-in attempt after its cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "home.throttling.client_ip"
# The request header that holds the client's address. None: the connection's own
# address (REMOTE_ADDR). Production sits behind a proxy that sets X-Real-IP.
CLIENT_IP_HEADER = None

# Content-Security-Policy (django-csp). The public site, the API and the feeds have
# no inline script or style. The Wagtail admin gets its own policy
# (home.middleware.ContentSecurityPolicyMiddleware): it has inline scripts (the
# editor's panels, date pickers), its widgets set inline styles, and the image
# uploader previews blob: and data: images. It still allows no other origin.
PUBLIC_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF],
    # nhsuk-frontend's stylesheet loads the Frutiger web font from the NHS CDN.
    "font-src": [SELF, "https://assets.nhs.uk"],
    # Video embeds in page bodies (Wagtail's EmbedBlock).
    "frame-src": [
        SELF,
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
    ],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_CSP_DIRECTIVES}
ADMIN_CSP_DIRECTIVES = {
    **PUBLIC_CSP_DIRECTIVES,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}

# Permissions-Policy (django-permissions-policy): no page needs these features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Whether server errors reach someone (production sets it from ADMINS and SENTRY_DSN);
# the 500 page says so only when they do.
ERRORS_ARE_REPORTED = False
