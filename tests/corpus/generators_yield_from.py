# Corpus: yield from delegation, recursive generators and return values.
def inner(n):
    for i in range(n):
        yield i
    return n * 100

def outer():
    r1 = yield from inner(2)
    print("inner returned", r1)
    r2 = yield from inner(3)
    print("inner returned", r2)
    yield r1 + r2

print(list(outer()))

def flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from flatten(it)
        else:
            yield it

print(list(flatten([1, [2, [3, [4, [5]]], 6], [], [[7]]])))

def chain(*iterables):
    for it in iterables:
        yield from it

print(list(chain([1, 2], "ab", (3,), range(2))))

def tree_walk(node, depth=0):
    name, children = node
    yield "  " * depth + name
    for child in children:
        yield from tree_walk(child, depth + 1)

tree = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [("b1x", [])])])])
for line in tree_walk(tree):
    print(line)

def permutations(seq):
    if len(seq) <= 1:
        yield list(seq)
        return
    for i in range(len(seq)):
        for rest in permutations(seq[:i] + seq[i + 1:]):
            yield [seq[i]] + rest

print(list(permutations([1, 2, 3])))
print(len(list(permutations("abcde"))))

def hanoi(n, src, dst, via):
    if n == 0:
        return
    yield from hanoi(n - 1, src, via, dst)
    yield (n, src, dst)
    yield from hanoi(n - 1, via, dst, src)

moves = list(hanoi(3, "A", "C", "B"))
print(len(moves), moves)

def gen_list():
    yield from [10, 20, 30]

print(sum(gen_list()), list(gen_list())[::-1])
