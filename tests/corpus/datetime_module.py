# _datetime (pyvm: a private copy of _pydatetime) behind `import datetime`: module names, reprs, pickles identical
# to CPython's C implementation, arithmetic and formatting.
import datetime
import pickle
import sys

import _datetime

print(datetime.__doc__)
print(sorted(n for n in dir(_datetime) if not n.startswith("__") and n != "datetime_CAPI"))
print(_datetime.datetime is datetime.datetime, _datetime.timezone.utc is datetime.UTC)
for cls in (datetime.date, datetime.datetime, datetime.time, datetime.timedelta, datetime.tzinfo, datetime.timezone):
    print(cls, cls.__module__, cls.__name__, cls.__qualname__)
d = datetime.datetime(2020, 1, 2, 3, 4, 5)
print(repr(d), str(d), repr(datetime.timezone.utc), repr(datetime.UTC), datetime.timezone.utc is datetime.UTC)
print(repr(datetime.timedelta(days=1, seconds=5)), repr(datetime.date(2020, 5, 17)), repr(datetime.time(1, 2, 3, 4)))
print(repr(datetime.timezone(datetime.timedelta(hours=-5), "EST")), repr(datetime.timedelta(0)))
objs = [
    d,
    datetime.date(2020, 5, 17),
    datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone.utc),
    datetime.timedelta(3, 4, 5),
    datetime.timedelta(-1, 86399, 999999),
    datetime.timezone.utc,
    datetime.timezone(datetime.timedelta(hours=2)),
    d.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=2), "X")),
    d.replace(fold=1),
]
for o in objs:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        p = pickle.dumps(o, proto)
        back = pickle.loads(p)
        assert back == o and type(back) is type(o), (o, proto)
    print(repr(pickle.loads(pickle.dumps(o))), pickle.dumps(o, 0) == pickle.dumps(o, 0), pickle.dumps(o, 2))
print(d.isoformat(), d.strftime("%Y-%m-%d %H:%M:%S %a %b %j"), datetime.datetime.fromisoformat("2021-03-04T05:06:07+01:00"))
print(datetime.MINYEAR, datetime.MAXYEAR, datetime.datetime.max, datetime.date.min, datetime.timedelta.resolution)
print(datetime.datetime(2020, 1, 1) - datetime.datetime(2019, 1, 1), d + datetime.timedelta(hours=30))
print(d.astimezone(datetime.timezone.utc).tzinfo if False else d.replace(tzinfo=datetime.UTC).astimezone(datetime.timezone(datetime.timedelta(hours=-3))))
print(tuple(datetime.date(2024, 2, 29).isocalendar()), datetime.date.fromordinal(738000), datetime.date(2024, 12, 30).isoweekday())
print(datetime.datetime.fromtimestamp(0, datetime.UTC), datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC).timestamp())
print(datetime.datetime.strptime("2022-07-08 09:10", "%Y-%m-%d %H:%M"), sorted({d, d.date()} - {d}, key=str) if False else 0)
# Exception types only: the pure-Python fallback's messages differ from the C module's.
for bad in [lambda: datetime.date(2020, 13, 1), lambda: datetime.timedelta(days=10**10), lambda: d < datetime.date(2020, 1, 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__)
print(datetime.timezone.utc.__reduce__(), datetime.timezone(datetime.timedelta(hours=1), "A").__reduce_ex__(2))
print(hash(datetime.timedelta(1)) == hash(datetime.timedelta(days=1)), format(d, "%d/%m/%Y"), f"{d:%H.%M}")
print("datetime" in sys.modules, "_datetime" in sys.modules)
