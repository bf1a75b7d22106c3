"""The web face of limber (``limber serve``): a page and a JSON API over the same library.

Takes: HTTP requests. Gives: HTML pages, JSON, PDF, PNG and zip files. ``app.create_app``
makes the ASGI app; ``security`` checks every request (Host, Origin, body size); ``params``
reads a request's values as the command line reads its options; ``workers`` runs each job of
``jobs`` (the library calls) in a worker process under time and memory limits; ``store``
keeps results, each browser's files and club runs for a while; ``errors`` maps the library's
errors to HTTP statuses and JSON bodies with file, line and field. Needs the ``web`` extra:
``pip install 'limber[web]'``.
"""
