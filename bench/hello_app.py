"""The reference point of the load benchmark: a bare Flask view, served the same way."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
