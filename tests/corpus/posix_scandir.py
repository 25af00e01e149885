# posix: scandir and DirEntry (types, symlinks, caching, fd-based listing, context manager), links, readlink,
# access, chmod, utime, truncate, and the dir_fd / follow_symlinks variants shutil and os.fwalk rely on.
import posix

base = "/tmp/pyvm_posix_scandir_" + str(posix.getpid())
home = posix.getcwd()
posix.mkdir(base)
posix.chdir(base)


def attempt(label, f):
    try:
        r = f()
        print(label, "ok", repr(r))
    except OSError as e:
        print(label, type(e).__name__, e.errno, repr(e.filename), repr(e.filename2), "|", e)
    except (TypeError, ValueError, OverflowError, AttributeError, NotImplementedError, StopIteration) as e:
        print(label, type(e).__name__, e)


def touch(name, data=b""):
    fd = posix.open(name, posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
    posix.write(fd, data)
    posix.close(fd)


def mode_type(m):
    return {0o040000: "dir", 0o100000: "file", 0o120000: "link"}.get(m & 0o170000, "other")


try:
    touch("file", b"12345")
    posix.mkdir("dir")
    touch("dir/inside", b"x")
    posix.symlink("file", "link_to_file")
    posix.symlink("dir", "link_to_dir", True)
    posix.symlink("nowhere", "broken")
    posix.link("file", "hard")

    # scandir over a str path.
    it = posix.scandir(".")
    print(type(it).__name__, type(it).__module__, iter(it) is it)
    entries = sorted(it, key=lambda e: e.name)
    for e in entries:
        print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(), e.is_dir(follow_symlinks=False),
              e.is_file(follow_symlinks=False), e.is_junction(), posix.fspath(e), e.inode() == posix.lstat(e.name).st_ino)
    for e in entries:
        if e.name == "broken":
            attempt("broken stat", lambda: e.stat())
            print("broken lstat", mode_type(e.stat(follow_symlinks=False).st_mode))
        else:
            print(e.name, mode_type(e.stat().st_mode), mode_type(e.stat(follow_symlinks=False).st_mode),
                  e.stat().st_size == posix.stat(e.name).st_size, e.stat() is e.stat())
    e = entries[0]
    print(type(e).__name__, type(e).__module__, type(e.name).__name__)
    attempt("set name", lambda: setattr(e, "name", "x"))
    attempt("stat positional", lambda: e.stat(True))
    attempt("is_dir positional", lambda: e.is_dir(True))
    attempt("is_symlink arg", lambda: e.is_symlink(True))
    attempt("is_file bad kw", lambda: e.is_file(bogus=True))

    # Paths are joined with the argument as given, and keep its type.
    print(sorted(x.path for x in posix.scandir("dir")), sorted(x.path for x in posix.scandir("dir/")))
    print(sorted(x.path for x in posix.scandir(b"dir")), sorted(x.name for x in posix.scandir(b".")))
    print(sorted(x.path for x in posix.scandir()))
    print(sorted(x.path for x in posix.scandir(base + "/dir")) == [base + "/dir/inside"])

    # Exhaustion, close and the context-manager protocol.
    it = posix.scandir("dir")
    print(next(it).name)
    attempt("next after end", lambda: next(it))
    it.close()
    it.close()
    with posix.scandir(".") as it2:
        print(it2.__class__.__name__, len(list(it2)))
    attempt("next after with", lambda: next(it2))
    it3 = posix.scandir(".")
    print(it3.__enter__() is it3, it3.__exit__(None, None, None), it3.__exit__())
    attempt("scandir missing", lambda: posix.scandir("missing"))
    attempt("scandir file", lambda: posix.scandir(b"file"))
    attempt("DirEntry()", lambda: posix.DirEntry())
    print(posix.DirEntry[str], posix.DirEntry[bytes].__origin__ is posix.DirEntry)

    # fd-based listings: names only, stats relative to the fd; the fd stays usable.
    dfd = posix.open("dir", posix.O_RDONLY)
    print([(x.name, x.path, x.is_file(), x.stat().st_size) for x in posix.scandir(dfd)])
    print(posix.listdir(dfd), posix.listdir(dfd))
    print(posix.stat("inside", dir_fd=dfd).st_size, posix.lstat("inside", dir_fd=dfd).st_size)
    fd2 = posix.open("made", posix.O_WRONLY | posix.O_CREAT, 0o600, dir_fd=dfd)
    posix.close(fd2)
    posix.mkdir("subdir", dir_fd=dfd)
    print(sorted(posix.listdir("dir")))
    posix.rename("made", "made2", src_dir_fd=dfd, dst_dir_fd=dfd)
    posix.symlink("made2", "ln", dir_fd=dfd)
    print(posix.readlink("ln", dir_fd=dfd), posix.access("made2", posix.R_OK, dir_fd=dfd))
    posix.unlink("ln", dir_fd=dfd)
    posix.unlink("made2", dir_fd=dfd)
    posix.rmdir("subdir", dir_fd=dfd)
    print(sorted(posix.listdir("dir")))
    attempt("stat missing dir_fd", lambda: posix.stat("nothing", dir_fd=dfd))
    posix.close(dfd)
    attempt("listdir bad fd", lambda: posix.listdir(dfd))
    attempt("scandir bad fd", lambda: posix.scandir(dfd))
    attempt("stat bad dir_fd", lambda: posix.stat("rel", dir_fd=dfd))

    # Symlinks and hard links.
    print(posix.readlink("link_to_file"), posix.readlink(b"link_to_dir"), posix.readlink("broken"))
    attempt("readlink file", lambda: posix.readlink("file"))
    attempt("readlink missing", lambda: posix.readlink("missing"))
    attempt("symlink exists", lambda: posix.symlink("file", "link_to_file"))
    attempt("link exists", lambda: posix.link("file", b"hard"))
    attempt("link missing", lambda: posix.link("missing", "x"))
    print(posix.stat("hard").st_nlink, posix.stat("file").st_ino == posix.stat("hard").st_ino)
    print(mode_type(posix.stat("link_to_file").st_mode), mode_type(posix.lstat("link_to_file").st_mode),
          mode_type(posix.stat("link_to_file", follow_symlinks=False).st_mode))
    attempt("stat broken", lambda: posix.stat("broken"))
    print(mode_type(posix.lstat("broken").st_mode))

    # access, chmod, utime, truncate.
    print(posix.access("file", posix.F_OK), posix.access("file", posix.R_OK | posix.W_OK),
          posix.access("missing", posix.F_OK), posix.access("broken", posix.F_OK),
          posix.access("broken", posix.F_OK, follow_symlinks=False), posix.access("file", posix.R_OK, effective_ids=True))
    posix.chmod("file", 0o600)
    print(oct(posix.stat("file").st_mode & 0o777))
    fd = posix.open("file", posix.O_RDONLY)
    posix.chmod(fd, 0o640)
    posix.fchmod(fd, 0o604)
    print(oct(posix.stat("file").st_mode & 0o777))
    posix.close(fd)
    attempt("chmod missing", lambda: posix.chmod("missing", 0o600))
    attempt("chmod link nofollow", lambda: posix.chmod("link_to_file", 0o600, follow_symlinks=False))
    posix.utime("file", (1000000000, 1200000000))
    s = posix.stat("file")
    print(s.st_atime, s.st_mtime, s.st_atime_ns, s.st_mtime_ns, s[7], s[8])
    posix.utime("file", (1.5, 2.25))
    s = posix.stat("file")
    print(s.st_atime_ns, s.st_mtime_ns, s.st_atime, s.st_mtime)
    posix.utime("file", (-1.5, 3))
    print(posix.stat("file").st_atime_ns)
    posix.utime("file", ns=(5000000001, -1500000001))
    s = posix.stat("file")
    print(s.st_atime_ns, s.st_mtime_ns, s.st_mtime)
    posix.utime("file")
    print(posix.stat("file").st_mtime > 1500000000)
    attempt("utime both", lambda: posix.utime("file", (1, 2), ns=(1, 2)))
    attempt("utime times int", lambda: posix.utime("file", 5))
    attempt("utime times list", lambda: posix.utime("file", [1, 2]))
    attempt("utime ns int", lambda: posix.utime("file", ns=5))
    attempt("utime ns None", lambda: posix.utime("file", None, ns=None))
    attempt("utime ns float", lambda: posix.utime("file", ns=(1.5, 1)))
    attempt("utime times str", lambda: posix.utime("file", ("a", 1)))
    attempt("utime nan", lambda: posix.utime("file", (float("nan"), 1)))
    attempt("utime huge", lambda: posix.utime("file", (1e300, 1)))
    attempt("utime fd dir_fd", lambda: posix.utime(1, dir_fd=3))
    attempt("utime fd nofollow", lambda: posix.utime(1, follow_symlinks=False))
    attempt("utime missing", lambda: posix.utime("missing"))
    posix.utime("link_to_file", (7, 8), follow_symlinks=False)
    print(posix.lstat("link_to_file").st_mtime, posix.stat("link_to_file").st_mtime == 8)
    posix.truncate("file", 2)
    print(posix.stat("file").st_size)
    fd = posix.open("file", posix.O_RDWR)
    posix.truncate(fd, 10)
    posix.ftruncate(fd, 3)
    print(posix.fstat(fd).st_size, posix.read(fd, 10))
    posix.close(fd)
    attempt("truncate missing", lambda: posix.truncate("missing", 0))
    attempt("truncate bad fd", lambda: posix.truncate(fd, 0))

    # Ownership (to our own ids, which any user may do).
    uid, gid = posix.getuid(), posix.getgid()
    print(posix.chown("file", uid, -1), posix.chown(b"file", -1, gid), posix.lchown("link_to_file", uid, gid))
    print(posix.chown("link_to_file", -1, -1, follow_symlinks=False), posix.chown("file", uid, 2**32 - 1))
    fd = posix.open("file", posix.O_RDONLY)
    print(posix.fchown(fd, uid, gid), posix.chown(fd, -1, -1), posix.stat("file").st_uid == uid)
    posix.close(fd)
    attempt("chown missing", lambda: posix.chown("missing", uid, gid))
    attempt("chown uid str", lambda: posix.chown("file", "x", 0))
    attempt("chown gid float", lambda: posix.chown("file", 0, 1.5))
    attempt("chown uid huge", lambda: posix.chown("file", 2**40, 0))
    attempt("chown uid -2", lambda: posix.chown("file", -2, 0))
    attempt("chown uid 2**70", lambda: posix.chown("file", 2**70, 0))
    attempt("chown uid -2**70", lambda: posix.chown("file", -2**70, 0))
    attempt("chown fd nofollow", lambda: posix.chown(fd, 0, 0, follow_symlinks=False))
    attempt("chown bad fd", lambda: posix.chown(987, uid, gid))
    attempt("chown 2 args", lambda: posix.chown("file", 0))
    attempt("lchown fd", lambda: posix.lchown(fd, 0, 0))
    attempt("fchown bad fd", lambda: posix.fchown(fd, -1, -1))

    # The remaining stat checks shutil.rmtree makes before it trusts the fd-based path.
    have = posix._have_functions
    print([h for h in ["HAVE_FSTATAT", "HAVE_OPENAT", "HAVE_UNLINKAT", "HAVE_FDOPENDIR"] if h in have])
finally:
    posix.chdir(home)
    for name in ["dir/inside", "dir/made", "dir/made2", "dir/ln"]:
        try:
            posix.unlink(base + "/" + name)
        except OSError:
            pass
    for name in ["dir/subdir", "dir"]:
        try:
            posix.rmdir(base + "/" + name)
        except OSError:
            pass
    for name in posix.listdir(base):
        posix.unlink(base + "/" + name)
    posix.rmdir(base)
print("done")
