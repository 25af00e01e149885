# Sessions and process groups: setsid in a forked child (what pty.fork does), getsid/getpgid/setpgid/setpgrp,
# tcgetpgrp on a non-terminal, and the argument errors.
import os
print(os.getsid(0) == os.getsid(os.getpid()), os.getpgid(0) == os.getpgrp())
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.setsid()
    ok = os.getsid(0) == os.getpid() and os.getpgrp() == os.getpid()
    try:
        os.setsid()
    except OSError as e:
        second = type(e).__name__
    os.write(w, f"{ok} {second}".encode())
    os._exit(0)
os.close(w)
print(os.read(r, 100).decode())
os.waitpid(pid, 0)
pid = os.fork()
if pid == 0:
    os.setpgrp()
    os._exit(0 if os.getpgrp() == os.getpid() else 1)
print("setpgrp child:", os.waitpid(pid, 0)[1])
for call in (lambda: os.setpgid(1), lambda: os.tcsetpgrp(1), lambda: os.getsid(), lambda: os.getpgid("x")):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
for call in (lambda: os.getsid(-5), lambda: os.getpgid(-5), lambda: os.tcgetpgrp(r)):
    try:
        call()
    except OSError as e:
        print(type(e).__name__, e.errno)
