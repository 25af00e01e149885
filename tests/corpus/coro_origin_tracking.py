# sys.set_coroutine_origin_tracking_depth, cr_origin, and the "never awaited" warning naming where the coroutine was made.
import sys, gc
async def c(): pass
def make(): return c()
print(sys.get_coroutine_origin_tracking_depth())
x = make(); print(x.cr_origin); x.close()
sys.set_coroutine_origin_tracking_depth(2)
x = make()
print([(f.rsplit("/", 1)[-1], l, n) for f, l, n in x.cr_origin]); x.close()
for bad in (-1, 1.5, 2**40):
    try: sys.set_coroutine_origin_tracking_depth(bad)
    except Exception as e: print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(depth=1)
print(sys.get_coroutine_origin_tracking_depth())
def g():
    make()
g()
gc.collect()
sys.set_coroutine_origin_tracking_depth(0)
print(make().cr_origin)
