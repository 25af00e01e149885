# Corpus: if/elif/else chains, nested conditions and truthiness of values.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"

for n in [-5, 0, 3, 42, 1000]:
    print(n, classify(n))

def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    if n % 3 == 0:
        return "Fizz"
    if n % 5 == 0:
        return "Buzz"
    return str(n)

print(" ".join(fizzbuzz(i) for i in range(1, 31)))

values = [0, 1, -1, 0.0, 2.5, "", "a", [], [0], (), (1,), {}, {1: 2}, None, True, False]
for v in values:
    if v:
        print(repr(v), "is truthy")
    else:
        print(repr(v), "is falsy")

def grade(score):
    if score >= 90:
        letter = "A"
    elif score >= 80:
        letter = "B"
    elif score >= 70:
        letter = "C"
    else:
        letter = "F"
    if letter != "F":
        if score % 10 >= 7:
            letter += "+"
        elif score % 10 <= 2:
            letter += "-"
    return letter

for s in [95, 91, 88, 77, 72, 70, 65, 100]:
    print(s, grade(s))

x = 5
if x > 3:
    if x > 4:
        if x > 5:
            print("deep >5")
        else:
            print("deep ==5")
