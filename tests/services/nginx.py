"""Debian's nginx serving a folder with HTTP Range on a loopback port (own config, ``-p prefix``, ``daemon off``)."""
import os
import shutil
import socket
import subprocess
import time

LOG_FORMAT = '$request_method $uri $status $body_bytes_sent "$http_range"'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc=None, timeout=15.0, what="service"):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"{what} exited with status {proc.returncode} before listening on 127.0.0.1:{port}: "
                               f"{out[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start listening on 127.0.0.1:{port} within {timeout:.0f} s")


def stop_process(proc, grace=10):
    """Terminate a service process started by the tests (kill it if it does not end within ``grace`` s)."""
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def nginx_binary():
    for p in ("/usr/sbin/nginx", shutil.which("nginx") or ""):
        if p and os.path.exists(p):
            return p
    raise RuntimeError("nginx is not installed (Debian package 'nginx'; `make test` installs it with APT_PKGS)")


class Nginx:
    def __init__(self, root, prefix):
        self.root = os.path.abspath(root)
        self.prefix = os.path.abspath(prefix)
        self.port = free_port()
        self.proc = None
        self.access_log = os.path.join(self.prefix, "access.log")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        os.makedirs(os.path.join(self.prefix, "tmp"), exist_ok=True)
        conf = os.path.join(self.prefix, "nginx.conf")
        with open(conf, "w") as fh:
            fh.write(f"""daemon off;
master_process off;
worker_processes 1;
error_log {self.prefix}/error.log warn;
pid {self.prefix}/nginx.pid;
events {{ worker_connections 256; }}
http {{
  types {{ image/tiff tif TIF; application/json json; text/plain txt; application/xml xml; }}
  default_type application/octet-stream;
  log_format ranges '{LOG_FORMAT}';
  access_log {self.access_log} ranges;
  client_body_temp_path {self.prefix}/tmp/body;
  proxy_temp_path {self.prefix}/tmp/proxy;
  fastcgi_temp_path {self.prefix}/tmp/fastcgi;
  uwsgi_temp_path {self.prefix}/tmp/uwsgi;
  scgi_temp_path {self.prefix}/tmp/scgi;
  sendfile on;
  keepalive_timeout 30;
  server {{
    listen 127.0.0.1:{self.port};
    root {self.root};
    location / {{ try_files $uri =404; }}
  }}
}}
""")
        self.proc = subprocess.Popen([nginx_binary(), "-p", self.prefix, "-c", conf], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        wait_port(self.port, self.proc, what="nginx")
        return self

    def log_lines(self):
        """Parsed access log: (method, uri, status, bytes, range)."""
        out = []
        if not os.path.exists(self.access_log):
            return out
        with open(self.access_log) as fh:
            for line in fh:
                parts = line.rstrip("\n").split(" ", 4)
                if len(parts) == 5:
                    out.append((parts[0], parts[1], int(parts[2]), int(parts[3]), parts[4].strip('"')))
        return out

    def clear_log(self):
        open(self.access_log, "w").close()
        # nginx keeps the file open in append mode: truncating it is enough

    def stop(self):
        stop_process(self.proc)
