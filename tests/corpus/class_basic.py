# Corpus: classes with __init__, instance methods, attributes and method calls.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def move(self, dx, dy):
        self.x += dx
        self.y += dy
        return self

    def dist2(self, other):
        return (self.x - other.x) ** 2 + (self.y - other.y) ** 2

    def as_tuple(self):
        return (self.x, self.y)

p = Point(1, 2)
q = Point(4, 6)
print(p.x, p.y, q.as_tuple(), p.dist2(q))
p.move(1, 1).move(2, 2)
print(p.as_tuple())
p.label = "P"
print(p.label)
try:
    print(q.label)
except AttributeError as e:
    print("AttributeError:", e)

class Stack:
    def __init__(self):
        self.items = []

    def push(self, v):
        self.items.append(v)

    def pop(self):
        return self.items.pop()

    def peek(self):
        return self.items[-1]

    def empty(self):
        return not self.items

    def size(self):
        return len(self.items)

s = Stack()
for i in range(5):
    s.push(i * i)
print(s.size(), s.peek(), s.empty())
while not s.empty():
    print("pop", s.pop())
print(s.size(), s.empty())

class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []

    def deposit(self, amount):
        self.balance += amount
        self.history.append(("dep", amount))

    def withdraw(self, amount):
        if amount > self.balance:
            self.history.append(("fail", amount))
            return False
        self.balance -= amount
        self.history.append(("wd", amount))
        return True

acct = Account("ann", 100)
acct.deposit(50)
print(acct.withdraw(500), acct.withdraw(120), acct.balance, acct.history)
m = acct.deposit
m(5)
print(acct.balance, isinstance(acct, Account), isinstance(p, Account))
