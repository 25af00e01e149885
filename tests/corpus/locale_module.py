# _locale behind locale.py, in the "C" locale only: setlocale queries and settings, localeconv, nl_langinfo,
# strcoll/strxfrm, the constants and the errors.
import _locale
import functools
import locale

print(_locale.__doc__, locale.Error is _locale.Error, _locale.Error.__module__, _locale.Error.__mro__[1])
print([n for n in sorted(dir(_locale)) if not n.startswith("__")])
print({n: getattr(_locale, n) for n in ("LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY",
                                        "LC_MESSAGES", "LC_ALL", "CHAR_MAX", "CODESET", "RADIXCHAR", "THOUSEP",
                                        "D_T_FMT", "DAY_1", "MON_12", "YESEXPR", "_DATE_FMT")})
print(locale.setlocale(locale.LC_NUMERIC), locale.setlocale(locale.LC_TIME), locale.setlocale(locale.LC_COLLATE))
print(locale.setlocale(locale.LC_ALL, "C"), locale.setlocale(locale.LC_ALL), locale.setlocale(locale.LC_CTYPE))
print(locale.localeconv())
print(locale.getlocale(locale.LC_NUMERIC), locale.getlocale(locale.LC_TIME))
for key in ("CODESET", "RADIXCHAR", "THOUSEP", "D_T_FMT", "D_FMT", "T_FMT", "T_FMT_AMPM", "AM_STR", "PM_STR",
            "DAY_1", "ABDAY_7", "MON_1", "ABMON_12", "YESEXPR", "NOEXPR", "CRNCYSTR", "ERA", "_DATE_FMT"):
    print(key, repr(locale.nl_langinfo(getattr(_locale, key))))
print(locale.getencoding())
print(locale.strcoll("a", "b") < 0, locale.strcoll("b", "a") > 0, locale.strcoll("abc", "abc"))
print(repr(locale.strxfrm("hello")), repr(locale.strxfrm("")), locale.strxfrm("\u00e9t\u00e9"))
print(sorted(["b", "A", "a", "B"], key=locale.strxfrm), sorted(["b", "A", "a"], key=functools.cmp_to_key(locale.strcoll)))
print(locale.format_string("%.2f", 1234567.891, grouping=True), locale.str(3.25), locale.atof("2.5"), locale.atoi("42"))
print(locale.currency(1.5, symbol=False, international=False) if locale.localeconv()["frac_digits"] != 127 else "no currency")
print(locale.normalize("en_US.utf8"), locale.normalize("C"), locale.getpreferredencoding(False).upper() in ("UTF-8", "ANSI_X3.4-1968"))
for f, a in [(_locale.setlocale, (12345,)), (_locale.setlocale, (locale.LC_ALL, "no_such_locale.XYZ")),
             (_locale.nl_langinfo, (99999,)), (_locale.strcoll, ("a", 1)), (_locale.strcoll, ("a\0", "b")),
             (_locale.strxfrm, (5,)), (_locale.setlocale, (locale.LC_ALL, 5)), (_locale.setlocale, ())]:
    try:
        print("ok", f(*a))
    except Exception as e:
        print(type(e).__name__, e)
print(_locale.gettext("hello"), _locale.dgettext(None, "x"), _locale.textdomain(None))
