"""Behind a reverse proxy: the client's address and scheme are read from the X-Forwarded-For and
-Proto headers of the TRUSTED_PROXIES last proxies. Without that setting, a proxy's requests all
come from its own address, and the rate limits count the whole town as one client: the log says
so at the first request a proxy forwards."""
import logging

from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger("consult")


def init_app(app):
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    else:
        app.wsgi_app = ForwardedUnread(app.wsgi_app)


class ForwardedUnread:
    """The app, saying once per process that a request came through a proxy not believed."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.told = False

    def __call__(self, environ, start_response):
        if not self.told and "HTTP_X_FORWARDED_FOR" in environ:
            self.told = True
            log.warning("A request came through a proxy (X-Forwarded-For) but TRUSTED_PROXIES is 0: every client "
                        "counts as the proxy's address %s, and shares its rate limits; set TRUSTED_PROXIES=1 "
                        "behind one nginx.", environ.get("REMOTE_ADDR"))
        return self.wsgi_app(environ, start_response)
