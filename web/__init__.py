"""The local web workbench (网页工作台): upload plans, keep a ledger of every plan and its versions,
review findings, compare versions and plans. `duibiao serve` starts it; `create_app` builds it.

    from duibiao.web.app import create_app
    app = create_app(data_dir, token=None)   # a Starlette ASGI app
"""
