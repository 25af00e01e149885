# posix: descriptor functions (pipes, dup/dup2, inheritable and blocking flags, isatty, terminal size, fsync) and
# process functions (ids, umask, kill, waitpid, wait-status decoding, uname, times, cpu_count, urandom, strerror).
import posix


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", repr(r))
    except OSError as e:
        print(label, type(e).__name__, e.errno, repr(e.filename), "|", e)
    except (TypeError, ValueError, OverflowError) as e:
        print(label, type(e).__name__, e)


# Pipes: both ends are non-inheritable and blocking.
r, w = posix.pipe()
print(type(r).__name__, r != w, posix.get_inheritable(r), posix.get_inheritable(w), posix.get_blocking(r))
print(posix.write(w, b"ping"), posix.read(r, 10))
posix.set_inheritable(w, True)
print(posix.get_inheritable(w))
posix.set_inheritable(w, 0)
print(posix.get_inheritable(w))
posix.set_blocking(r, False)
print(posix.get_blocking(r))
attempt("read empty nonblocking", lambda: posix.read(r, 1))
posix.set_blocking(r, 1)
print(posix.get_blocking(r), posix.isatty(r), posix.device_encoding(r))
attempt("terminal size of pipe", lambda: posix.get_terminal_size(r))
attempt("lseek on pipe", lambda: posix.lseek(r, 0, 0))
attempt("fsync pipe", lambda: posix.fsync(w))

# dup and dup2.
d = posix.dup(w)
print(d not in (r, w), posix.get_inheritable(d))
posix.write(d, b"via dup")
print(posix.read(r, 100))
print(posix.dup2(w, d) == d, posix.get_inheritable(d))
print(posix.dup2(w, d, inheritable=False) == d, posix.get_inheritable(d))
print(posix.dup2(w, d, False) == d)
posix.close(d)
attempt("dup closed", lambda: posix.dup(d))
attempt("dup2 closed", lambda: posix.dup2(d, 100))
attempt("get_inheritable closed", lambda: posix.get_inheritable(d))
attempt("set_inheritable closed", lambda: posix.set_inheritable(d, True))
attempt("get_blocking closed", lambda: posix.get_blocking(d))
attempt("set_blocking closed", lambda: posix.set_blocking(d, True))
attempt("isatty closed", lambda: posix.isatty(d))
attempt("fstat closed", lambda: posix.fstat(d))
attempt("fsync closed", lambda: posix.fsync(d))
attempt("fsync negative", lambda: posix.fsync(-1))
attempt("fsync str", lambda: posix.fsync("x"))
attempt("ftruncate closed", lambda: posix.ftruncate(d, 0))
attempt("lseek closed", lambda: posix.lseek(d, 0, 0))
attempt("device_encoding closed", lambda: posix.device_encoding(d))
posix.closerange(d, d + 1)


class FilenoOnly:
    def fileno(self):
        return w


print(posix.fstat(w).st_mode & 0o170000 == 0o010000)
attempt("fsync fileno", lambda: posix.fsync(FilenoOnly()))
r2, w2 = posix.pipe2(posix.O_NONBLOCK)
print(posix.get_blocking(r2), posix.get_inheritable(r2))
for fd in (r, w, r2, w2):
    posix.close(fd)
print(posix.isatty(0), posix.device_encoding(0))

# Process ids.
pid = posix.getpid()
print(type(pid).__name__, pid > 0, posix.getppid() > 0, posix.getpgrp() > 0)
print(posix.getuid() == posix.geteuid(), posix.getgid() == posix.getegid(), type(posix.getuid()).__name__)
old = posix.umask(0o027)
print(posix.umask(old) == 0o027, posix.umask(old) == old)
print(posix.kill(pid, 0))
attempt("kill no such pid", lambda: posix.kill(2**22 + 12345, 0))
attempt("kill bad signal", lambda: posix.kill(pid, 12345))
attempt("waitpid no child", lambda: posix.waitpid(-1, 0))
attempt("waitpid WNOHANG no child", lambda: posix.waitpid(-1, posix.WNOHANG))

# Wait statuses as waitpid() reports them.
for status in [0, 256, 0x0200, 9, 0x89, 0x137f, 0xffff, -1]:
    print(status, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.WIFSIGNALED(status),
          posix.WTERMSIG(status), posix.WIFSTOPPED(status), posix.WSTOPSIG(status), posix.WIFCONTINUED(status),
          posix.WCOREDUMP(status), end=" ")
    attempt("exitcode", lambda: posix.waitstatus_to_exitcode(status))
print(posix.WIFEXITED(status=0), posix.waitstatus_to_exitcode(status=256))
attempt("WEXITSTATUS big", lambda: posix.WEXITSTATUS(status=2**40))

# System information.
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, type(u.release).__name__, u.machine == u[4])
t = posix.times()
print(type(t).__name__, len(t), all(type(x) is float and x >= 0 for x in t), t.elapsed == t[4])
n = posix.cpu_count()
print(type(n).__name__, n >= 1)
b = posix.urandom(16)
print(type(b).__name__, len(b), len(posix.urandom(0)), posix.urandom(16) != b)
for code in [0, 1, 2, 13, 17, 99999, -1]:
    print(code, posix.strerror(code))
