# Corpus: string slicing with positive/negative indices and steps.
s = "abcdefghijklmnopqrstuvwxyz"
print(s[0:5], s[5:10], s[:3], s[23:], s[-3:], s[:-23])
print(s[::2], s[1::2], s[::5], s[::-1], s[::-3])
print(s[10:2:-1], s[-1:-6:-1], s[5:5], s[20:10], s[100:], s[-100:3])
print(s[3:20:4], s[-5:-1], s[-1:], s[:0] == "")
for i in range(0, 26, 5):
    print(i, s[i:i + 5], s[i], s[-i - 1])
word = "programming"
print(word[:4] + "-" + word[4:], word[1:-1], word[len(word) // 2])
def rotate(text, n):
    n %= len(text)
    return text[n:] + text[:n]
for n in [0, 1, 3, -1, 11, 25]:
    print(n, rotate(word, n))
def chunks(text, size):
    return [text[i:i + size] for i in range(0, len(text), size)]
print(chunks(s, 4))
print(chunks("abc", 5), chunks("", 3))
print("hello"[1:4][::-1], "hello"[::-1][1:4])
n = "1234567890"
groups = []
while n:
    groups.insert(0, n[-3:])
    n = n[:-3]
print(",".join(groups))
print(s[2:8], s[::7], s[-4:])
t = "0123456789"
for start in [None, 2, -3]:
    for stop in [None, 8, -1]:
        for step in [None, 2, -2]:
            print(start, stop, step, repr(t[start:stop:step]))
