# Corpus: __eq__, __lt__ and related comparison dunders, used by sorted/min/max.
class Version:
    def __init__(self, text):
        self.parts = [int(p) for p in text.split(".")]
        self.text = text

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __repr__(self):
        return "V" + self.text

vs = [Version(t) for t in ["1.10.0", "1.2", "1.2.0", "0.9.9", "2.0", "1.10"]]
print(sorted(vs))
print(min(vs), max(vs))
print(Version("1.2") == Version("1.2"), Version("1.2") != Version("1.3"), Version("1.2") == Version("1.2.0"))
print(Version("1.2") < Version("1.10"), Version("2.0") > Version("1.99"), Version("1.0") >= Version("1.0"))
print(Version("3.0") in vs, Version("2.0") in vs, vs.index(Version("1.2.0")), vs.count(Version("1.10")))

class Card:
    ranks = "23456789TJQKA"

    def __init__(self, s):
        self.rank = s[0]
        self.suit = s[1]

    def key(self):
        return Card.ranks.index(self.rank)

    def __lt__(self, other):
        return self.key() < other.key()

    def __gt__(self, other):
        return self.key() > other.key()

    def __eq__(self, other):
        return isinstance(other, Card) and self.rank == other.rank and self.suit == other.suit

    def __repr__(self):
        return self.rank + self.suit

hand = [Card(c) for c in ["Qh", "2s", "Td", "Ac", "9h", "Ts"]]
print(sorted(hand), sorted(hand, reverse=True))
print(Card("Ah") > Card("Kh"), Card("2c") < Card("3c"), Card("Ah") == Card("Ah"), Card("Ah") == "Ah")
print(Card("Ah") != Card("As"), max(hand), min(hand))

class Always:
    def __eq__(self, other):
        return True

print(Always() == 1, Always() == None, 5 == Always(), Always() != 3)

class Plain:
    pass

p1 = Plain()
p2 = Plain()
print(p1 == p1, p1 == p2, p1 != p2, p1 is p1)
try:
    print(p1 < p2)
except TypeError as e:
    print("TypeError:", e)
