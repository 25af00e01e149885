# Corpus: list creation and mutating methods: append, insert, pop, remove, extend, etc.
lst = []
for i in range(5):
    lst.append(i * i)
print(lst, len(lst))
lst.insert(0, -1)
lst.insert(3, 99)
lst.insert(100, 1000)
lst.insert(-1, 7)
print(lst)
print(lst.pop(), lst.pop(0), lst.pop(2), lst)
lst.extend([5, 6])
lst.extend(range(2))
lst += [8]
print(lst)
lst.remove(5)
print(lst, lst.index(16), lst.count(0), lst.count(42))
lst.reverse()
print(lst)
lst.sort()
print(lst)
copy = lst.copy()
copy.append("new")
print(lst, copy)
lst.clear()
print(lst, len(lst))
a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b, a == [1, 2, 3, 4])
c = a[:]
c.append(5)
print(a, c, a is c)
print([1, 2] + [3], [0] * 5, [[0] * 2] * 2, [1, 2] * 0)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
alias = [[0] * 3] * 3
alias[1][1] = 5
print(alias)
nums = [5, 3, 8, 1, 9, 2]
print(min(nums), max(nums), sum(nums), sorted(nums), nums)
print(3 in nums, 7 in nums, nums.index(8), nums[-1], nums[1:4])
nums[1:3] = [30, 40, 50]
print(nums)
nums[::2] = [0, 0, 0, 0]
print(nums)
del nums[0]
del nums[1:3]
print(nums)
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print(list(range(5)), list("abc"), list((1, 2)), list({3: 4}))
stack = []
for tok in "1 2 + 3 *".split():
    if tok in "+*":
        y = stack.pop()
        x = stack.pop()
        stack.append(x + y if tok == "+" else x * y)
    else:
        stack.append(int(tok))
print("rpn", stack)
