# Errors from *args/**kwargs unpacking in calls: CPython names the callee as module.qualname().
def f(**k): pass
class C:
    def m(self, **k): pass
for thunk in [lambda: f(**{'a':1}, **{'a':2}), lambda: f(**{'a':1}, **None), lambda: f(**{'a':1}, **{1:2}),
              lambda: print(**None), lambda: f(*1), lambda: C().m(*1), lambda: C().m(**{'a':1}, **{'a':1}),
              lambda: f(**{1:2}), lambda: f(a=1, **{'a': 2}), lambda: len(*None), lambda: f(**[])]:
    try: thunk()
    except TypeError as e: print(e)
