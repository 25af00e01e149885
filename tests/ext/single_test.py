# Single-phase extension: functions of each calling convention, __file__, PyState_FindModule.
import importlib.machinery, os, sys
import single
print(single.__name__, os.path.basename(single.__file__))
print(single.__doc__)
print(single.name(), single.echo(42), single.args(), single.args(1, "two", None))
print(single.found(), single.def_is_ours())
print(single.name.__doc__, single.echo.__name__, single.args.__module__)
print(type(single.__spec__.loader).__name__, single.__spec__.origin == single.__file__)
for call in (lambda: single.echo(), lambda: single.name(1), lambda: single.echo(1, 2)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
