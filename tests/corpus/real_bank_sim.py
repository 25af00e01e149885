# Corpus: real program: class-hierarchy bank simulation with exceptions and reports.
class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner} cannot withdraw {amount}")
        self.amount = amount

class Account:
    kind = "basic"
    fee = 0
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.log = []
    def deposit(self, amount):
        self.balance += amount
        self.log.append(("deposit", amount))
    def withdraw(self, amount):
        total = amount + self.fee
        if total > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= total
        self.log.append(("withdraw", amount))
    def month_end(self):
        pass
    def __repr__(self):
        return f"{self.kind}:{self.owner}:{self.balance}"

class Savings(Account):
    kind = "savings"
    rate_pct = 2
    def month_end(self):
        interest = self.balance * self.rate_pct // 100
        self.deposit(interest)

class Checking(Account):
    kind = "checking"
    fee = 1
    def withdraw(self, amount):
        super().withdraw(amount)
        if self.balance < 10:
            self.log.append(("low-balance", self.balance))

class Bank:
    def __init__(self):
        self.accounts = {}
    def open(self, cls, owner, initial):
        acct = cls(owner, initial)
        self.accounts[owner] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except InsufficientFunds as e:
            print("transfer failed:", e)
            return False
        self.accounts[dst].deposit(amount)
        return True
    def total(self):
        return sum(a.balance for a in self.accounts.values())

bank = Bank()
bank.open(Savings, "ann", 1000)
bank.open(Checking, "bob", 50)
bank.open(Account, "cy", 0)
print(sorted(bank.accounts.values(), key=lambda a: a.owner), bank.total())
ops = [("ann", "bob", 200), ("bob", "cy", 245), ("cy", "ann", 500), ("bob", "cy", 100), ("cy", "bob", 45)]
for month in range(1, 4):
    for src, dst, amt in ops:
        ok = bank.transfer(src, dst, amt * month // 2)
        print(month, src, "->", dst, amt * month // 2, "ok" if ok else "FAILED")
    for a in bank.accounts.values():
        a.month_end()
    print("month", month, list(bank.accounts.values()), "total", bank.total())
for name in sorted(bank.accounts):
    print(name, bank.accounts[name].log)
