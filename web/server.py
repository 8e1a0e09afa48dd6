"""`duibiao serve`: check the address and token, print how to reach the workbench, run it under uvicorn."""
from __future__ import annotations

import ipaddress
import threading
import webbrowser
from pathlib import Path

from duibiao.errors import DuibiaoError


class ServeRefused(DuibiaoError):
    pass


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(data_dir: Path | None, host: str, port: int, token: str | None, open_browser: bool, workers: int,
          timeout: float, max_size: int, echo=print) -> None:
    import secrets

    import uvicorn

    from duibiao.ledger import default_data_dir
    from duibiao.web.app import create_app

    local = is_loopback(host)
    if not local and not token:
        raise ServeRefused(
            f"在 {host} 上共享工作台需要访问令牌，已拒绝启动；请加 --token，例如 --token {secrets.token_urlsafe(12)}")
    if token is not None and not (token.isascii() and token.isprintable() and " " not in token and token):
        raise ServeRefused("访问令牌只能由英文字母、数字和符号组成（不含空格），例如 "
                           f"--token {secrets.token_urlsafe(12)}")
    _check_port(host, port)
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    app = create_app(data_dir, token=token, workers=workers, timeout=timeout, max_size=max_size,
                     loopback_only=local)
    wildcard = host in ("0.0.0.0", "::", "[::]")
    url = f"http://{'127.0.0.1' if local or wildcard else host}:{port}/"
    echo(f"对标工作台：{url}（数据保存在 {data_dir}；按 Ctrl+C 停止）")
    if token:
        shared = f"http://{_lan_address() if wildcard else host}:{port}/"
        echo(f"同事访问：{shared}；访问令牌：{token}（在浏览器中输入一次即可，或直接打开 {shared}?token={token}）")
    if open_browser:
        link = f"{url}?token={token}" if token else url
        threading.Timer(1.0, webbrowser.open, args=(link,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """A clear refusal before anything starts when the port is taken (uvicorn would log in English)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: a just-closed port is free
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            raise ServeRefused(f"无法在 {host}:{port} 上启动（{e.strerror or e}）；端口可能已被占用，请用 --port 换一个") from None


def _lan_address() -> str:
    """This machine's address on the office network (a UDP socket is only pointed, nothing is sent)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return socket.gethostname()
