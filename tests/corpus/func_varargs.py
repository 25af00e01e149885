# Corpus: *args and **kwargs collection in function definitions.
def total(*nums):
    print("got", len(nums), "args:", nums)
    s = 0
    for n in nums:
        s += n
    return s

print(total())
print(total(1))
print(total(1, 2, 3, 4))
print(total(*range(10)))

def first_rest(first, *rest):
    return first, rest

print(first_rest(1))
print(first_rest(1, 2, 3))

def show_kwargs(**kw):
    keys = sorted(kw)
    for k in keys:
        print("  ", k, "=", kw[k])
    return len(kw)

print(show_kwargs())
print(show_kwargs(a=1, b="two", c=[3]))

def mixed(a, b=2, *args, c, d=4, **kw):
    print("a", a, "b", b, "args", args, "c", c, "d", d, "kw", sorted(kw.items()))

mixed(1, c=3)
mixed(1, 5, 6, 7, c=8)
mixed(1, 2, 3, c=4, d=5, e=6, f=7)

def forward(*args, **kwargs):
    return mixed(*args, **kwargs)

forward(10, 20, 30, c=40, z=50)

def count_types(*items):
    ints = 0
    strs = 0
    other = 0
    for it in items:
        if isinstance(it, int):
            ints += 1
        elif isinstance(it, str):
            strs += 1
        else:
            other += 1
    return ints, strs, other

print(count_types(1, "a", 2.5, "b", 3, [4], None))
