"""The Flask application class of Consult."""
from flask import Flask, request


class Consult(Flask):
    def log_exception(self, exc_info):
        """Flask's "Exception on <path>" line, with the token of a link sent by mail (confirming
        an account, choosing a password…) shown as "…": whoever reads it in the log could use it."""
        path = request.path
        token = (request.view_args or {}).get("token")
        if token:
            path = path.replace(token, "…")
        self.logger.error(f"Exception on {path} [{request.method}]", exc_info=exc_info)
