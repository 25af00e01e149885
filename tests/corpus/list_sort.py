# Corpus: sorting lists with key functions, reverse, stability and sorted().
nums = [5, 2, 9, 1, 5, 6, -3, 0]
print(sorted(nums), sorted(nums, reverse=True), nums)
nums.sort()
print(nums)
nums.sort(reverse=True)
print(nums)
words = ["banana", "Apple", "cherry", "date", "Elder", "fig"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted(words, key=len, reverse=True))
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 25), ("eve", 40)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: -p[1]))
print(sorted(people, key=lambda p: (p[1], p[0]), reverse=True))
by_age = sorted(people, key=lambda p: p[1])
by_age.sort(key=lambda p: p[1] // 10)
print(by_age)
print(sorted([3.5, 1, 2.25, -1, 0.0]))
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1, "a")]))
print(sorted("hello world"), sorted({"b": 1, "a": 2}))
print(sorted([[3, 1], [1, 2, 3], [1, 2], []]))
def insertion_sort(a):
    a = list(a)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a
def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left = merge_sort(a[:mid])
    right = merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]
data = [(i * 7919) % 101 for i in range(30)]
print(data)
print(insertion_sort(data))
print(merge_sort(data) == sorted(data), insertion_sort(data) == sorted(data))
print(sorted(range(10), key=lambda x: (x % 3, -x)))
print(max(words, key=len), min(words, key=len), max(people, key=lambda p: p[1]))
