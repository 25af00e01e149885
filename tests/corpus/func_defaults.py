# Corpus: default parameter values, including mutable defaults and evaluation time.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", "Hey", "?"))

def power(base, exp=2):
    return base ** exp

for b in range(5):
    print(b, power(b), power(b, 3))

counter = 10
def snapshot(x=counter):
    return x

counter = 20
print("snapshot default:", snapshot(), "explicit:", snapshot(counter))

def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

def safe_append(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket

print(safe_append(1))
print(safe_append(2))

def many(a, b=1, c=2, d=3):
    return a * 1000 + b * 100 + c * 10 + d

print(many(9))
print(many(9, 8))
print(many(9, 8, 7))
print(many(9, 8, 7, 6))
print(many(9, d=0))
print(many(9, c=5, b=4))
print(many(a=1, b=0, c=0, d=0))
