# posix: how path arguments are accepted (str, bytes, os.PathLike, fds, None) and rejected, with CPython's
# messages; fspath; undecodable names (surrogateescape); the posixpath helpers _path_normpath/_path_splitroot_ex;
# argument-count and conversion errors.
import posix

base = "/tmp/pyvm_posix_paths_" + str(posix.getpid())
home = posix.getcwd()
posix.mkdir(base)
posix.chdir(base)


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", repr(r))
    except OSError as e:
        print(label, type(e).__name__, e.errno, repr(e.filename), repr(e.filename2), "|", e)
    except (TypeError, ValueError, OverflowError, AttributeError) as e:
        print(label, type(e).__name__, e)


class P:
    def __init__(self, v):
        self.v = v

    def __fspath__(self):
        return self.v


class Raising:
    def __fspath__(self):
        raise ValueError("no path today")


class NotPath:
    __fspath__ = None


class StrSub(str):
    pass


try:
    fd = posix.open("f.txt", posix.O_WRONLY | posix.O_CREAT, 0o600)
    posix.write(fd, b"abc")
    posix.close(fd)

    # Accepted forms.
    attempt("str", lambda: posix.stat("f.txt").st_size)
    attempt("bytes", lambda: posix.stat(b"f.txt").st_size)
    attempt("PathLike str", lambda: posix.stat(P("f.txt")).st_size)
    attempt("PathLike bytes", lambda: posix.stat(P(b"f.txt")).st_size)
    attempt("str subclass", lambda: posix.stat(StrSub("f.txt")).st_size)
    attempt("keyword", lambda: posix.stat(path="f.txt").st_size)
    fd = posix.open("f.txt", posix.O_RDONLY)
    attempt("fd", lambda: posix.stat(fd).st_size)
    attempt("fd listdir", lambda: len(posix.listdir(posix.open(".", posix.O_RDONLY))))
    posix.close(fd)
    attempt("bad fd", lambda: posix.stat(987))
    attempt("negative fd", lambda: posix.stat(-5))
    attempt("huge fd", lambda: posix.stat(2**70))
    attempt("tiny fd", lambda: posix.stat(-2**70))

    # Rejected forms.
    attempt("None", lambda: posix.stat(None))
    attempt("float", lambda: posix.stat(1.5))
    attempt("bytearray", lambda: posix.stat(bytearray(b"f.txt")))
    attempt("lstat int", lambda: posix.lstat(3))
    attempt("listdir float", lambda: posix.listdir(1.5))
    attempt("access int", lambda: posix.access(3, posix.F_OK))
    attempt("unlink int", lambda: posix.unlink(3))
    attempt("rename dst", lambda: posix.rename("f.txt", 3))
    attempt("mkdir list", lambda: posix.mkdir([]))
    attempt("fspath int", lambda: posix.stat(P(3)))
    attempt("fspath None", lambda: posix.stat(P(None)))
    attempt("fspath raises", lambda: posix.stat(Raising()))
    attempt("fspath is None", lambda: posix.stat(NotPath()))
    attempt("nested PathLike", lambda: posix.stat(P(P("f.txt"))))
    attempt("nul str", lambda: posix.stat("f\0.txt"))
    attempt("nul bytes", lambda: posix.stat(b"f\0.txt"))
    attempt("nul open", lambda: posix.open("f\0", posix.O_RDONLY))
    attempt("nul rename dst", lambda: posix.rename("f.txt", "g\0"))

    # os.fspath.
    attempt("fspath(str)", lambda: posix.fspath("x"))
    attempt("fspath(bytes)", lambda: posix.fspath(b"x"))
    attempt("fspath(P)", lambda: posix.fspath(P("y")))
    attempt("fspath(int)", lambda: posix.fspath(3))
    attempt("fspath(None)", lambda: posix.fspath(None))
    attempt("fspath(P(3))", lambda: posix.fspath(P(3)))
    attempt("fspath(NotPath)", lambda: posix.fspath(NotPath()))
    s = StrSub("z")
    attempt("fspath keeps subclass", lambda: posix.fspath(s) is s)
    attempt("fspath keyword", lambda: posix.fspath(path="k"))

    # Names that are not valid UTF-8 round-trip through surrogateescape.
    fd = posix.open(b"raw\xff.bin", posix.O_WRONLY | posix.O_CREAT, 0o600)
    posix.close(fd)
    names = sorted(posix.listdir("."))
    print(names, sorted(posix.listdir(b".")))
    odd = [n for n in names if n.startswith("raw")][0]
    print(repr(odd), posix.stat(odd).st_size, odd.encode("utf-8", "surrogateescape"))
    posix.rename(odd, "caf\u00e9.txt")
    print(sorted(posix.listdir(".")), sorted(posix.listdir(b".")))
    posix.unlink("caf\u00e9.txt")

    # posixpath's helpers.
    for p in ["", ".", "/", "//", "///", "a//b/../c/./", "//a//b/../c/./", "///../a", "../..", "a/..", "a/../..",
              "/..", "/a/b/", "./a", "a/./b/.", "//..//a", "a/b/c/../../d"]:
        print(repr(p), repr(posix._path_normpath(p)), repr(posix._path_normpath(p.encode())),
              posix._path_splitroot_ex(p), posix._path_splitroot_ex(p.encode()))
    attempt("normpath int", lambda: posix._path_normpath(1))
    attempt("normpath PathLike", lambda: posix._path_normpath(P("a/./b")))
    attempt("splitroot int", lambda: posix._path_splitroot_ex(1))

    # Argument counts and conversions.
    attempt("stat()", lambda: posix.stat())
    attempt("stat 2 positional", lambda: posix.stat("f.txt", 3))
    attempt("stat bad kw", lambda: posix.stat("f.txt", bogus=1))
    attempt("stat dir_fd float", lambda: posix.stat("f.txt", dir_fd=1.5))
    attempt("stat fd+dir_fd", lambda: posix.stat(1, dir_fd=3))
    attempt("stat fd+nofollow", lambda: posix.stat(1, follow_symlinks=False))
    attempt("open no flags", lambda: posix.open("f.txt"))
    attempt("open 4 positional", lambda: posix.open("f.txt", 0, 0o777, 5))
    attempt("open float flags", lambda: posix.open("f.txt", 1.5))
    attempt("read 1 arg", lambda: posix.read(1))
    attempt("read 3 args", lambda: posix.read(1, 2, 3))
    attempt("read keywords", lambda: posix.read(fd=1, length=2))
    attempt("read str fd", lambda: posix.read("x", 1))
    attempt("read big fd", lambda: posix.read(2**40, 1))
    attempt("read big length", lambda: posix.read(0, 2**70))
    attempt("fstat()", lambda: posix.fstat())
    attempt("fstat big", lambda: posix.fstat(fd=2**40))
    attempt("getpid(1)", lambda: posix.getpid(1))
    attempt("getcwd(1)", lambda: posix.getcwd(1))
    attempt("umask()", lambda: posix.umask())
    attempt("umask str", lambda: posix.umask("x"))
    attempt("lseek big", lambda: posix.lseek(0, 2**70, 0))
    attempt("lseek float", lambda: posix.lseek(0, 1.5, 0))
    attempt("mkdir mode str", lambda: posix.mkdir("d", "x"))
    attempt("chmod mode big", lambda: posix.chmod("f.txt", 2**40))
    attempt("strerror str", lambda: posix.strerror("x"))
    attempt("strerror()", lambda: posix.strerror())
    attempt("kill 1 arg", lambda: posix.kill(1))
    attempt("kill big pid", lambda: posix.kill(2**40, 0))
    attempt("waitpid 3 args", lambda: posix.waitpid(-1, 0, 3))
    attempt("WIFEXITED()", lambda: posix.WIFEXITED())
    attempt("WIFEXITED float", lambda: posix.WIFEXITED(1.5))
    attempt("WCOREDUMP()", lambda: posix.WCOREDUMP())
    attempt("_exit()", lambda: posix._exit())
    attempt("get_terminal_size 2", lambda: posix.get_terminal_size(1, 2))
    attempt("urandom float", lambda: posix.urandom(1.5))
    attempt("urandom negative", lambda: posix.urandom(-1))
    attempt("urandom big", lambda: posix.urandom(2**70))
    attempt("listdir kw float", lambda: posix.listdir(path=1.5))
    attempt("scandir float", lambda: posix.scandir(1.5))
    attempt("truncate float", lambda: posix.truncate(1.5, 0))
    attempt("truncate length str", lambda: posix.truncate("f.txt", "x"))
    attempt("chdir float", lambda: posix.chdir(1.5))
    attempt("DirEntry()", lambda: posix.DirEntry())
finally:
    posix.chdir(home)
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
print("done")
