# _operator: the operator functions, attrgetter/itemgetter/methodcaller, length_hint, _compare_digest, call.
import _operator as op

print(op.add(1, 2), op.sub(5, 3), op.mul("a", 3), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 10))
print(op.neg(3), op.pos(-3), op.abs(-4), op.inv(5), op.invert(5), op.lshift(1, 4), op.rshift(16, 2))
print(op.and_(12, 10), op.or_(12, 10), op.xor(12, 10), op.not_(0), op.truth([]), op.is_(None, None), op.is_not(1, None))
print(op.eq(1, 1), op.ne(1, 2), op.lt(1, 2), op.le(2, 2), op.gt(1, 2), op.ge(3, 2), op.index(7))
print(op.concat([1], [2]), op.contains("abc", "b"), op.countOf([1, 2, 1], 1), op.indexOf("abc", "c"))
l = [1, 2, 3]; op.setitem(l, 0, 9); op.delitem(l, 1); print(l, op.getitem(l, 1))
x = [1]; print(op.iadd(x, [2]) is x, op.iconcat(x, [3]), x, op.isub(5, 2), op.imul(2, 3), op.ipow(2, 3), op.ior(1, 2))
print(op.length_hint([1, 2]), op.length_hint(iter(range(5))), op.length_hint(5, 7))
print(op._compare_digest("abc", "abc"), op._compare_digest(b"abc", b"abd"), op._compare_digest(b"a", bytearray(b"a")))
print(op.call(max, 1, 5, key=lambda v: -v))
ig = op.itemgetter(1); ig2 = op.itemgetter(0, -1, "k" if False else 2)
print(ig("abc"), ig2("abcdef"), repr(ig), repr(ig2), ig2.__reduce__())
ag = op.attrgetter("real"); ag2 = op.attrgetter("imag", "real.bit_length")
print(ag(3), ag2(5)(), "done") if False else print(ag(3), ag2(5)[0], ag2(5)[1](), repr(ag), repr(ag2), ag2.__reduce__())
mc = op.methodcaller("split", ","); mc2 = op.methodcaller("split", sep="-", maxsplit=1)
print(mc("a,b"), mc2("a-b-c"), repr(mc), repr(mc2), mc.__reduce__())
for f in [lambda: op.add(1), lambda: op.itemgetter(), lambda: op.attrgetter(1), lambda: op.methodcaller(),
          lambda: op.methodcaller(1), lambda: op.indexOf([1], 5), lambda: op.concat(1, 2),
          lambda: op._compare_digest("é", "é"), lambda: op._compare_digest("a", b"a"), lambda: op.countOf(1, 1),
          lambda: ig("a"), lambda: ag(1, 2), lambda: op.call(), lambda: op.length_hint(1, "x")]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print([n for n in dir(op) if not n.startswith("__")])
