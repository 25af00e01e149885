# Corpus: "Did you mean" hints in uncaught reports (NameError from locals/globals/builtins, AttributeError from
# dir(obj) with underscore hiding, custom name/obj), "forget to import" hints, SyntaxError location display and
# odd __notes__, printed as the members of one exception group.
collected = []


def catch(fn):
    try:
        fn()
    except BaseException as e:
        collected.append(e)


total_count = 3


def global_typo():
    return total_coutn


def local_typo():
    lenght = 4
    return lengt + lenght


def builtin_typo():
    return prnt("x")


def forgot_import():
    return math.pi


def forgot_import_close():
    sys = 1
    return syss + sys


class Widget:
    def __init__(self):
        self.colour = "red"
        self._hidden = 1


catch(global_typo)
catch(local_typo)
catch(builtin_typo)
catch(forgot_import)
catch(forgot_import_close)
catch(lambda: Widget().color)
catch(lambda: Widget()._hiden)
catch(lambda: Widget().hiden)
catch(lambda: "text".uper())
catch(lambda: [].appendd(1))
catch(lambda: (1).real.imagg)
catch(lambda: Widget().zzzzzzzzzz)
catch(lambda: exec_nothing_like_this)


def raise_custom():
    raise AttributeError("custom message", name="keys", obj={})


def raise_custom_name():
    raise NameError("custom", name="lenn")


def raise_unnamed():
    raise NameError("no name attribute")


catch(raise_custom)
catch(raise_custom_name)
catch(raise_unnamed)
catch(lambda: exec_("x"))


def syntax(*args):
    raise SyntaxError(*args)


catch(lambda: syntax("bad thing", ("file.py", 3, 5, "    x = = 1\n", 3, 8)))
catch(lambda: syntax("bad thing", ("file.py", None, 5, "x = = 1\n")))
catch(lambda: syntax("", (None, 2, None, "\tfoo\n")))
catch(lambda: syntax("tabs", ("t.py", 1, 3, "\t\tx y\n", 1, 5)))
catch(lambda: syntax("multi", ("m.py", 1, 2, "ab\n", 2, 1)))
catch(lambda: syntax("past end", ("p.py", 7, 40, "short\n")))
catch(lambda: syntax("plain"))

noted = ValueError("with odd notes")
noted.__notes__ = "a string"
collected.append(noted)
noted2 = KeyError("k")
noted2.__notes__ = (1, "two\nlines")
collected.append(noted2)
noted3 = TypeError("t")
noted3.__notes__ = 42
collected.append(noted3)
# At most 15 members of a group are printed, so the report is split into three groups.
raise ExceptionGroup("everything", [ExceptionGroup("names", collected[:13]), ExceptionGroup("more", collected[13:24]),
                                    ExceptionGroup("notes", collected[24:])])
