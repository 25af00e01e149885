# posix: the functions importlib and os.py need, on a scratch directory (stat family, mkdir/open/read/write,
# listdir, rename/replace/unlink/rmdir, getcwd/chdir, environ, constants) and the OSError subclasses they raise.
import posix

base = "/tmp/pyvm_posix_basic_" + str(posix.getpid())
home = posix.getcwd()
posix.mkdir(base)
posix.chdir(base)


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", r)
    except OSError as e:
        print(label, type(e).__name__, e.errno, e.strerror, repr(e.filename), repr(e.filename2), "|", e)
    except (TypeError, ValueError, OverflowError) as e:
        print(label, type(e).__name__, e)


try:
    print(posix.getcwd() == base, type(posix.getcwdb()).__name__, posix.getcwdb() == base.encode())
    # Files: open/write/read/lseek/fstat.
    fd = posix.open("data.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
    print(type(fd).__name__, fd > 2)
    print(posix.write(fd, b"hello world\n"), posix.write(fd, bytearray(b"second line\n")))
    st = posix.fstat(fd)
    print(st.st_size, st.st_nlink, oct(st.st_mode & 0o777), (st.st_mode & 0o170000) == 0o100000)
    posix.close(fd)
    fd = posix.open("data.txt", posix.O_RDONLY)
    print(posix.read(fd, 5), posix.read(fd, 100), posix.read(fd, 10))
    print(posix.lseek(fd, 6, 0), posix.read(fd, 5), posix.lseek(fd, -3, 2), posix.read(fd, 10))
    print(posix.lseek(fd, 0, 1))
    posix.close(fd)
    attempt("read closed", lambda: posix.read(fd, 1))
    attempt("close closed", lambda: posix.close(fd))
    attempt("write str", lambda: posix.write(1, "text"))
    attempt("read negative", lambda: posix.read(0, -1))

    # stat results: tuple view, attributes, float and nanosecond times agree.
    s = posix.stat("data.txt")
    print(type(s).__name__, type(s).__module__, len(s), s.st_size, s[6], s[0] == s.st_mode)
    print(s.st_mtime_ns // 10**9 == s[8] == int(s.st_mtime), type(s.st_atime).__name__, type(s[7]).__name__)
    print(abs(s.st_mtime - s.st_mtime_ns / 1e9) < 1e-6, s.st_blocks >= 0, s.st_blksize > 0, s.st_rdev)
    print(s.st_uid == posix.getuid(), s.st_gid == posix.getgid(), s.st_dev == posix.lstat("data.txt").st_dev)
    print(posix.stat(b"data.txt").st_size, posix.stat("data.txt", follow_symlinks=False).st_size)
    print(posix.stat(".").st_mode & 0o170000 == 0o040000)

    # Directories.
    posix.mkdir("sub")
    posix.mkdir("sub/inner", 0o700)
    print(oct(posix.stat("sub/inner").st_mode & 0o777))
    attempt("mkdir exists", lambda: posix.mkdir("sub"))
    attempt("mkdir missing parent", lambda: posix.mkdir("nope/deeper"))
    print(sorted(posix.listdir()), sorted(posix.listdir(".")), sorted(posix.listdir(b".")))
    print(sorted(posix.listdir("sub")), posix.listdir("sub/inner"))
    attempt("listdir file", lambda: posix.listdir("data.txt"))
    attempt("listdir missing", lambda: posix.listdir("missing"))
    attempt("rmdir non-empty", lambda: posix.rmdir("sub"))
    attempt("rmdir file", lambda: posix.rmdir("data.txt"))
    attempt("unlink dir", lambda: posix.unlink("sub"))

    # Renames and removal.
    posix.rename("data.txt", "renamed.txt")
    print(sorted(posix.listdir()))
    fd = posix.open("other.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL, 0o600)
    posix.close(fd)
    attempt("O_EXCL exists", lambda: posix.open("other.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_EXCL))
    posix.replace("other.txt", "renamed.txt")
    print(sorted(posix.listdir()), posix.stat("renamed.txt").st_size)
    attempt("rename missing", lambda: posix.rename("missing", "target"))
    attempt("replace missing", lambda: posix.replace(b"missing", "target"))
    attempt("rename into file", lambda: posix.rename("sub", "renamed.txt"))
    posix.remove("renamed.txt")
    attempt("unlink missing", lambda: posix.unlink("renamed.txt"))
    attempt("remove missing", lambda: posix.remove(b"renamed.txt"))
    attempt("open missing", lambda: posix.open("renamed.txt", posix.O_RDONLY))
    attempt("stat missing", lambda: posix.stat("renamed.txt"))
    attempt("lstat missing", lambda: posix.lstat(b"renamed.txt"))
    attempt("stat below file", lambda: posix.stat("sub/inner/x/y"))
    posix.rmdir("sub/inner")
    posix.rmdir("sub")
    print(posix.listdir())

    # chdir and the working directory.
    posix.mkdir("wd")
    posix.chdir("wd")
    print(posix.getcwd() == base + "/wd")
    posix.chdir("..")
    print(posix.getcwd() == base)
    attempt("chdir missing", lambda: posix.chdir("missing"))
    posix.rmdir("wd")

    # The environment: a bytes -> bytes dict snapshot; putenv/unsetenv change the C environment only.
    env = posix.environ
    print(type(env).__name__, all(type(k) is bytes and type(v) is bytes for k, v in env.items()))
    posix.putenv("PYVM_POSIX_TEST", "value")
    posix.unsetenv("PYVM_POSIX_TEST")
    print(b"PYVM_POSIX_TEST" in posix.environ)
    attempt("putenv =", lambda: posix.putenv("A=B", "x"))
    attempt("putenv empty", lambda: posix.putenv("", "x"))
    attempt("putenv nul", lambda: posix.putenv("A", "x\0y"))
    attempt("putenv int", lambda: posix.putenv(1, "x"))
    attempt("unsetenv empty", lambda: posix.unsetenv(""))

    # Module-level names.
    print(posix.error is OSError, posix.__name__, type(posix.stat).__name__)
    for name in ["F_OK", "R_OK", "W_OK", "X_OK", "O_RDONLY", "O_WRONLY", "O_RDWR", "O_APPEND", "O_CREAT", "O_EXCL",
                 "O_TRUNC", "O_NONBLOCK", "O_NDELAY", "O_SYNC", "O_DSYNC", "O_RSYNC", "O_NOCTTY", "O_CLOEXEC",
                 "O_DIRECTORY", "O_NOFOLLOW", "O_ACCMODE", "O_ASYNC", "O_DIRECT", "O_FSYNC", "O_LARGEFILE",
                 "O_NOATIME", "O_PATH", "O_TMPFILE", "SEEK_DATA", "SEEK_HOLE", "EX_OK", "EX_USAGE", "EX_DATAERR",
                 "EX_NOINPUT", "EX_NOUSER", "EX_NOHOST", "EX_UNAVAILABLE", "EX_SOFTWARE", "EX_OSERR", "EX_OSFILE",
                 "EX_CANTCREAT", "EX_IOERR", "EX_TEMPFAIL", "EX_PROTOCOL", "EX_NOPERM", "EX_CONFIG", "WNOHANG",
                 "WUNTRACED", "WCONTINUED", "WEXITED", "WSTOPPED", "WNOWAIT", "P_PID", "P_PGID", "P_ALL",
                 "P_PIDFD", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED",
                 "PRIO_PROCESS", "PRIO_PGRP", "PRIO_USER", "RTLD_LAZY", "RTLD_NOW", "RTLD_GLOBAL", "RTLD_LOCAL",
                 "RTLD_NODELETE", "RTLD_NOLOAD", "RTLD_DEEPBIND", "NGROUPS_MAX", "TMP_MAX"]:
        print(name, getattr(posix, name))
    print("SEEK_SET" in dir(posix), "stat_result" in dir(posix))
    have = posix._have_functions
    print(type(have).__name__, all(h.startswith("HAVE_") for h in have))
    for h in ["HAVE_FSTATAT", "HAVE_OPENAT", "HAVE_UNLINKAT", "HAVE_FDOPENDIR", "HAVE_LSTAT", "HAVE_MKDIRAT"]:
        print(h, h in have)
finally:
    posix.chdir(home)
    for root in [base + "/sub/inner", base + "/sub", base + "/wd"]:
        try:
            posix.rmdir(root)
        except OSError:
            pass
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
print(posix.access(base, posix.F_OK))
